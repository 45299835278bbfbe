// A digest of everything the API serves, read the way any client would (paged GraphQL queries):
// two servers with equal fingerprints hold the same episodes, papers and citations.
import { createHash } from 'node:crypto';

export type QueryFn = (
  query: string,
  variables?: Record<string, unknown>,
) => Promise<{ data?: any; errors?: unknown[] }>;

const EPISODES = /* GraphQL */ `
  query Episodes($after: String) {
    episodes(first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          publishedAt
          paperPublishedAt
          durationMinutes
          summary
          takeaways
          chapters {
            start
            startSeconds
            title
            summary
          }
          source {
            id
          }
          recommendations {
            note
            paper {
              id
            }
          }
        }
      }
    }
  }
`;

const PAPERS = /* GraphQL */ `
  query Papers($after: String) {
    papers(first: 100, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          title
          url
          arxivId
          doi
          aliases
          citationCount
        }
      }
    }
  }
`;

async function allPages(
  query: QueryFn,
  document: string,
  field: 'episodes' | 'papers',
): Promise<{ id: string }[]> {
  const nodes: { id: string }[] = [];
  let after: string | null = null;
  for (;;) {
    const { data, errors } = await query(document, { after });
    if (errors) throw new Error(`fingerprint query failed: ${JSON.stringify(errors)}`);
    const connection = data[field];
    nodes.push(...connection.edges.map((edge: { node: { id: string } }) => edge.node));
    if (!connection.pageInfo.hasNextPage) {
      if (nodes.length !== connection.totalCount)
        throw new Error(`${field}: paged ${nodes.length}, totalCount ${connection.totalCount}`);
      return nodes;
    }
    after = connection.pageInfo.endCursor;
  }
}

export interface ApiFingerprint {
  episodes: number;
  papers: number;
  citations: number;
  digest: string;
}

export async function apiFingerprint(query: QueryFn): Promise<ApiFingerprint> {
  const { data, errors } = await query('{ stats { episodes papers citations } }');
  if (errors) throw new Error(`stats failed: ${JSON.stringify(errors)}`);
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const episodes = (await allPages(query, EPISODES, 'episodes')).sort(byId);
  const papers = (await allPages(query, PAPERS, 'papers')).sort(byId);
  const digest = createHash('sha256').update(JSON.stringify({ episodes, papers })).digest('hex');
  return { ...data.stats, digest };
}

/** A QueryFn over HTTP against a GraphQL URL. */
export function httpQuery(graphqlUrl: string, headers: Record<string, string> = {}): QueryFn {
  return async (query, variables = {}) => {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as { data?: any; errors?: unknown[] };
  };
}
