// Every GraphQL call the web app makes, typed by hand and checked with zod at the boundary.
// Server-side load functions point it at the API directly; the browser points it at /graphql on
// its own origin (proxied to the API), so this module never decides where it runs.
import { z } from 'zod';

// zod probes `new Function` to decide whether to compile validators; the page's CSP forbids eval,
// so skip the probe (and the CSP report it triggers) and use the interpreted validators.
z.config({ jitless: true });

export type CitationKind = 'SOURCE' | 'RECOMMENDED';
export type NodeKind = 'EPISODE' | 'PAPER';

export type ApiErrorKind = 'unreachable' | 'http' | 'graphql' | 'invalid';

/** One failure of an API call, with a message meant for people. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | null;

  constructor(kind: ApiErrorKind, message: string, status: number | null = null) {
    super(message);
    this.name = 'ApiError';
    this.kind = kind;
    this.status = status;
  }
}

/** Code the /graphql proxy puts in `extensions.code` when it cannot reach the API. */
export const API_UNREACHABLE_CODE = 'API_UNREACHABLE';

const citationKind = z.enum(['SOURCE', 'RECOMMENDED']);
const nodeKind = z.enum(['EPISODE', 'PAPER']);

const paperLinkSchema = z.object({
  id: z.string(),
  title: z.string().nullable(),
  label: z.string(),
  url: z.string(),
  citationCount: z.number().int(),
});
export type PaperLink = z.infer<typeof paperLinkSchema>;

const paperIdentifiersSchema = paperLinkSchema.extend({
  arxivId: z.string().nullable(),
  doi: z.string().nullable(),
});

const paperExportSchema = paperIdentifiersSchema.extend({
  authors: z.array(z.object({ name: z.string() })),
  year: z.number().int().nullable(),
  venue: z.string().nullable(),
  citedBy: z.array(z.object({ episode: z.object({ title: z.string() }) })),
});
export type PaperExportRow = z.infer<typeof paperExportSchema>;

const paperCoverageSchema = z.object({
  id: z.string(),
  label: z.string(),
  citationCount: z.number().int(),
  citedBy: z.array(
    z.object({ kind: citationKind, episode: z.object({ id: z.string(), title: z.string() }) }),
  ),
});
export type PaperCoverage = z.infer<typeof paperCoverageSchema>;

const episodeLinkSchema = z.object({
  id: z.string(),
  title: z.string(),
  publishedAt: z.string().nullable(),
  durationMinutes: z.number().int().nullable(),
});
export type EpisodeLink = z.infer<typeof episodeLinkSchema>;

const paperDetailSchema = paperIdentifiersSchema.extend({
  aliases: z.array(z.string()),
  citedBy: z.array(
    z.object({
      kind: citationKind,
      note: z.string().nullable(),
      episode: episodeLinkSchema,
    }),
  ),
});
export type PaperDetail = z.infer<typeof paperDetailSchema>;

const episodeDetailSchema = episodeLinkSchema.extend({
  paperPublishedAt: z.string().nullable(),
  summary: z.string().nullable(),
  takeaways: z.array(z.string()),
  chapters: z.array(
    z.object({
      start: z.string(),
      startSeconds: z.number().int(),
      title: z.string(),
      summary: z.string().nullable(),
    }),
  ),
  source: paperLinkSchema,
  recommendations: z.array(z.object({ note: z.string().nullable(), paper: paperLinkSchema })),
  unlinkedReadings: z.array(z.object({ title: z.string(), note: z.string().nullable() })),
  url: z.string().nullable(),
  audio: z
    .object({ url: z.string(), type: z.string().nullable(), bytes: z.number().int().nullable() })
    .nullable(),
  related: z.array(
    z.object({
      score: z.number(),
      episode: episodeLinkSchema,
      sharedPapers: z.array(paperLinkSchema),
    }),
  ),
});
export type EpisodeDetail = z.infer<typeof episodeDetailSchema>;

const graphSchema = z.object({
  nodes: z.array(
    z.object({ id: z.string(), kind: nodeKind, label: z.string(), weight: z.number().int() }),
  ),
  edges: z.array(z.object({ source: z.string(), target: z.string(), kind: citationKind })),
});
export type GraphData = z.infer<typeof graphSchema>;
export type GraphNode = GraphData['nodes'][number];
export type GraphEdge = GraphData['edges'][number];
export interface ShortestPaths {
  paths: GraphData[];
  truncated: boolean;
}

const searchHitSchema = z.object({
  score: z.number(),
  node: z.discriminatedUnion('__typename', [
    z.object({
      __typename: z.literal('Episode'),
      id: z.string(),
      title: z.string(),
      publishedAt: z.string().nullable(),
    }),
    z.object({
      __typename: z.literal('Paper'),
      id: z.string(),
      label: z.string(),
      citationCount: z.number().int(),
    }),
  ]),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

const pageInfoSchema = z.object({ hasNextPage: z.boolean(), endCursor: z.string().nullable() });
export type PageInfo = z.infer<typeof pageInfoSchema>;

const statsSchema = z.object({
  episodes: z.number().int(),
  papers: z.number().int(),
  citations: z.number().int(),
});
export type Stats = z.infer<typeof statsSchema>;

export interface Connection<T> {
  items: T[];
  totalCount: number;
  pageInfo: PageInfo;
}

const PAPER_LINK = 'id title label url citationCount';
const EPISODE_LINK = 'id title publishedAt durationMinutes';
const GRAPH = 'nodes { id kind label weight } edges { source target kind }';

const GRAPH_QUERY = `query Graph($focus: ID, $depth: Int, $limit: Int, $minCitations: Int) {
  graph(focus: $focus, depth: $depth, limit: $limit, minCitations: $minCitations) { ${GRAPH} }
}`;
const PATHS_QUERY = `query Paths($from: ID!, $to: ID!, $limit: Int!) {
  paths(from: $from, to: $to, limit: $limit) { truncated paths { ${GRAPH} } }
}`;
const EPISODE_QUERY = `query Episode($id: ID!, $related: Int) {
  episode(id: $id) {
    ${EPISODE_LINK} paperPublishedAt summary takeaways
    chapters { start startSeconds title summary }
    source { ${PAPER_LINK} }
    recommendations { note paper { ${PAPER_LINK} } }
    unlinkedReadings { title note } url audio { url type bytes }
    related(first: $related) { score episode { ${EPISODE_LINK} } sharedPapers { ${PAPER_LINK} } }
  }
}`;
const PAPER_QUERY = `query Paper($ref: String!, $citedBy: Int) {
  paper(ref: $ref) {
    ${PAPER_LINK} arxivId doi aliases
    citedBy(first: $citedBy) { kind note episode { ${EPISODE_LINK} } }
  }
}`;
const SEARCH_QUERY = `query Search($query: String!, $first: Int) {
  search(query: $query, first: $first) {
    score
    node {
      __typename
      ... on Episode { id title publishedAt }
      ... on Paper { id label citationCount }
    }
  }
}`;
const EPISODES_QUERY = `query Episodes($first: Int, $after: String, $search: String) {
  episodes(first: $first, after: $after, search: $search) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${EPISODE_LINK} } }
  }
}`;
const PAPERS_QUERY = `query Papers($first: Int, $after: String, $search: String, $minCitations: Int) {
  papers(first: $first, after: $after, search: $search, minCitations: $minCitations) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { ${PAPER_LINK} } }
  }
}`;
const STATS_QUERY = 'query Stats { stats { episodes papers citations } }';
const GRAPH_CHANGED_QUERY = 'query GraphChanged { stats { lastChangedAt } }';
const graphChangedSchema = z.object({
  stats: z.object({ lastChangedAt: z.iso.datetime().nullable() }),
});

/** Largest page the API serves for the connections. */
export const MAX_PAGE = 100;
/** Citing episodes an exported paper lists (BibTeX note counts them all; CSV names these). */
const EXPORT_CITED_BY = 20;
const PAPER_EXPORT = `${PAPER_LINK} arxivId doi authors { name } year venue citedBy(first: ${EXPORT_CITED_BY}) { episode { title } }`;
/** Episodes listed per paper in a batch lookup (the paper's page lists them all). */
export const LOOKUP_CITED_BY = 20;
const PAPER_COVERAGE = `id label citationCount citedBy(first: ${LOOKUP_CITED_BY}) { kind episode { id title } }`;

/** Ids or references one batch lookup takes: the API's `maxLookupIds` (server/src/graphql/limits.ts). */
export const LOOKUP_BATCH = 500;

/** A root field that answers one entry per id of a list (null when unknown), for batch lookups. */
export interface BatchRoot {
  operation: string;
  field: 'papersByRefs' | 'nodes';
  arg: 'refs' | 'ids';
  type: '[String!]!' | '[ID!]!';
}
const PAPERS_ROOT: BatchRoot = {
  operation: 'PapersByRefs',
  field: 'papersByRefs',
  arg: 'refs',
  type: '[String!]!',
};
const NODES_ROOT: BatchRoot = { operation: 'Nodes', field: 'nodes', arg: 'ids', type: '[ID!]!' };
const EPISODE_DATE = '__typename id ... on Episode { publishedAt }';
const PAPER_TOPICS = '__typename id ... on Paper { topics }';
const paperTopicsSchema = z.discriminatedUnion('__typename', [
  z.object({ __typename: z.literal('Paper'), id: z.string(), topics: z.array(z.string()) }),
  z.object({ __typename: z.literal('Episode'), id: z.string() }),
]);
const episodeDateSchema = z.discriminatedUnion('__typename', [
  z.object({
    __typename: z.literal('Episode'),
    id: z.string(),
    publishedAt: z.string().nullable(),
  }),
  z.object({ __typename: z.literal('Paper'), id: z.string() }),
]);

/** Lookups in flight at once while exporting a large view. */
const PARALLEL_LOOKUPS = 4;

function connectionSchema<T extends z.ZodType>(node: T) {
  return z.object({
    totalCount: z.number().int(),
    pageInfo: pageInfoSchema,
    edges: z.array(z.object({ node })),
  });
}

const envelopeSchema = z.object({
  data: z.unknown().optional(),
  errors: z
    .array(
      z.object({ message: z.string(), extensions: z.record(z.string(), z.unknown()).optional() }),
    )
    .optional(),
});

export interface ApiClientOptions {
  /** Absolute URL server-side, `/graphql` in the browser. */
  endpoint: string;
  /** SvelteKit's `fetch` in load functions; the global one otherwise. */
  fetch?: typeof fetch;
}

export interface GraphArgs {
  focus?: string | null;
  depth?: number;
  limit?: number;
  minCitations?: number;
}

export interface ListArgs {
  first?: number;
  after?: string | null;
  search?: string | null;
}

export type Api = ReturnType<typeof createApi>;

export function createApi(options: ApiClientOptions) {
  const doFetch = options.fetch ?? fetch;
  const { endpoint } = options;

  async function request<T>(
    operation: string,
    query: string,
    variables: Record<string, unknown>,
    schema: z.ZodType<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    let response: Response;
    try {
      response = await doFetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
        },
        body: JSON.stringify({ operationName: operation, query, variables }),
        ...(signal ? { signal } : {}),
      });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new ApiError(
        'unreachable',
        `The papergraph API at ${endpoint} is not reachable (${describe(cause)}).`,
      );
    }

    const text = await response.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ApiError(
        response.ok ? 'invalid' : 'http',
        `The papergraph API answered ${operation} with HTTP ${response.status} and a body that is not JSON.`,
        response.status,
      );
    }
    const envelope = envelopeSchema.safeParse(body);
    if (!envelope.success) {
      throw new ApiError(
        'invalid',
        `The papergraph API answered ${operation} with an unexpected shape.`,
        response.status,
      );
    }
    const { data, errors } = envelope.data;
    if (errors && errors.length > 0) {
      const unreachable = errors.some((e) => e.extensions?.['code'] === API_UNREACHABLE_CODE);
      const message = errors.map((e) => e.message).join('; ');
      throw new ApiError(unreachable ? 'unreachable' : 'graphql', message, response.status);
    }
    if (!response.ok) {
      throw new ApiError(
        'http',
        `The papergraph API answered ${operation} with HTTP ${response.status}.`,
        response.status,
      );
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? issue.path.join('.') : '?';
      throw new ApiError(
        'invalid',
        `The papergraph API answered ${operation} with unexpected data at ${where}.`,
      );
    }
    return parsed.data;
  }

  /** One batch field per chunk of ids (the list passed as a variable), a few chunks at a time. */
  async function lookUp<T>(
    ids: readonly string[],
    selection: string,
    row: z.ZodType<T>,
    signal?: AbortSignal,
    root: BatchRoot = PAPERS_ROOT,
  ): Promise<(T | null)[]> {
    const chunks: string[][] = [];
    for (let start = 0; start < ids.length; start += LOOKUP_BATCH)
      chunks.push(ids.slice(start, start + LOOKUP_BATCH));
    const query = batchLookupQuery(selection, root);
    const schema = z.object({ [root.field]: z.array(row.nullable()) });
    const lookUp = async (chunk: string[]) => {
      const data = await request(root.operation, query, { [root.arg]: chunk }, schema, signal);
      const rows = data[root.field] ?? [];
      if (rows.length !== chunk.length) {
        throw new ApiError(
          'invalid',
          `The papergraph API answered ${root.operation} with ${rows.length} entries for ${chunk.length} ids.`,
        );
      }
      return rows;
    };
    const rows: (T | null)[] = [];
    for (let start = 0; start < chunks.length; start += PARALLEL_LOOKUPS) {
      const answers = await Promise.all(chunks.slice(start, start + PARALLEL_LOOKUPS).map(lookUp));
      for (const answer of answers) rows.push(...answer);
    }
    return rows;
  }

  return {
    async graph(args: GraphArgs = {}, signal?: AbortSignal): Promise<GraphData> {
      const data = await request(
        'Graph',
        GRAPH_QUERY,
        { ...args },
        z.object({ graph: graphSchema }),
        signal,
      );
      return data.graph;
    },

    /** Every shortest path between two nodes, at most `limit` (`truncated` when more exist); none when unconnected. */
    async paths(
      from: string,
      to: string,
      limit: number,
      signal?: AbortSignal,
    ): Promise<ShortestPaths> {
      const schema = z.object({
        paths: z.object({ truncated: z.boolean(), paths: z.array(graphSchema) }),
      });
      const data = await request('Paths', PATHS_QUERY, { from, to, limit }, schema, signal);
      return data.paths;
    },

    async episode(id: string, related = 5, signal?: AbortSignal): Promise<EpisodeDetail | null> {
      const schema = z.object({ episode: episodeDetailSchema.nullable() });
      const data = await request('Episode', EPISODE_QUERY, { id, related }, schema, signal);
      return data.episode;
    },

    async paper(ref: string, citedBy = 100, signal?: AbortSignal): Promise<PaperDetail | null> {
      const schema = z.object({ paper: paperDetailSchema.nullable() });
      const data = await request('Paper', PAPER_QUERY, { ref, citedBy }, schema, signal);
      return data.paper;
    },

    async search(query: string, first = 10, signal?: AbortSignal): Promise<SearchHit[]> {
      const schema = z.object({ search: z.array(searchHitSchema) });
      const data = await request('Search', SEARCH_QUERY, { query, first }, schema, signal);
      return data.search;
    },

    async episodes(args: ListArgs = {}, signal?: AbortSignal): Promise<Connection<EpisodeLink>> {
      const schema = z.object({ episodes: connectionSchema(episodeLinkSchema) });
      const data = await request('Episodes', EPISODES_QUERY, { ...args }, schema, signal);
      return unwrap(data.episodes);
    },

    async papers(
      args: ListArgs & { minCitations?: number } = {},
      signal?: AbortSignal,
    ): Promise<Connection<PaperLink>> {
      const schema = z.object({ papers: connectionSchema(paperLinkSchema) });
      const data = await request('Papers', PAPERS_QUERY, { ...args }, schema, signal);
      return unwrap(data.papers);
    },

    async stats(signal?: AbortSignal): Promise<Stats> {
      const data = await request(
        'Stats',
        STATS_QUERY,
        {},
        z.object({ stats: statsSchema }),
        signal,
      );
      return data.stats;
    },

    /** When an import or removal last changed the graph (ISO-8601); null before any recorded change. */
    async graphChangedAt(signal?: AbortSignal): Promise<string | null> {
      const data = await request(
        'GraphChanged',
        GRAPH_CHANGED_QUERY,
        {},
        graphChangedSchema,
        signal,
      );
      return data.stats.lastChangedAt;
    },

    /** Export rows for many papers, in the order asked, null for unknown ids. */
    papersByIds(ids: readonly string[], signal?: AbortSignal): Promise<(PaperExportRow | null)[]> {
      return lookUp(ids, PAPER_EXPORT, paperExportSchema, signal);
    },

    /** For each reference (any identifier form), its paper and the episodes citing it; null when none does. */
    coverage(refs: readonly string[], signal?: AbortSignal): Promise<(PaperCoverage | null)[]> {
      return lookUp(refs, PAPER_COVERAGE, paperCoverageSchema, signal);
    },

    /** Publication date (YYYY-MM-DD or null) of each episode id; unknown ids are left out. */
    async episodeDates(
      ids: readonly string[],
      signal?: AbortSignal,
    ): Promise<Record<string, string | null>> {
      const rows = await lookUp(ids, EPISODE_DATE, episodeDateSchema, signal, NODES_ROOT);
      return Object.fromEntries(
        rows.flatMap((r) => (r?.__typename === 'Episode' ? [[r.id, r.publishedAt]] : [])),
      );
    },

    /** Metadata topics of each paper id (empty when metadata gave none); unknown ids are left out. */
    async paperTopics(
      ids: readonly string[],
      signal?: AbortSignal,
    ): Promise<Record<string, string[]>> {
      const rows = await lookUp(ids, PAPER_TOPICS, paperTopicsSchema, signal, NODES_ROOT);
      return Object.fromEntries(
        rows.flatMap((r) => (r?.__typename === 'Paper' ? [[r.id, r.topics]] : [])),
      );
    },
  };
}

/** The document of one batch lookup: the ids travel as one list variable, never spliced into the query. */
export function batchLookupQuery(
  selection: string = PAPER_EXPORT,
  root: BatchRoot = PAPERS_ROOT,
): string {
  return `query ${root.operation}($${root.arg}: ${root.type}) { ${root.field}(${root.arg}: $${root.arg}) { ${selection} } }`;
}

function unwrap<T>(connection: {
  totalCount: number;
  pageInfo: PageInfo;
  edges: { node: T }[];
}): Connection<T> {
  return {
    items: connection.edges.map((e) => e.node),
    totalCount: connection.totalCount,
    pageInfo: connection.pageInfo,
  };
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as Error & { cause?: unknown }).cause;
    const code = inner && typeof inner === 'object' && 'code' in inner ? String(inner.code) : null;
    return code ? `${cause.message}: ${code}` : cause.message;
  }
  return String(cause);
}
