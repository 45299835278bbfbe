// Shows through the API on both stores: the seed's "AI Papers" show and a research show whose notes
// mention a paper the seed also cites; the paper lists both shows' episodes; `shows`, `show`,
// `Show.episodes`, `Episode.show`, and the `show` filter of `episodes`, `papers`, `search`, `graph` and
// `episodeMap`.
import { readFile } from 'node:fs/promises';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { aiPapersShow } from '../../server/src/domain/show.ts';
import {
  ADMIN_TOKEN,
  createTestApi,
  describeForEachStore,
  type GraphQLResponse,
  type TestApi,
} from './testApi.ts';

const RESEARCH_FEED = new URL('../import/fixtures/research-podcast/feed.xml', import.meta.url);
const SEED_PAGE = new URL('../../seed/ai-papers-deep-dive.txt', import.meta.url);
/** Cited by the seed (a reading) and mentioned in the research show's notes. */
const DPO = 'arxiv:2305.18290';
const AI_PAPERS = aiPapersShow();
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
/** A store's first import here also builds its schema and relations: slow on a busy Neo4j. */
const SETUP_TIMEOUT_MS = 180_000;

const IMPORT = /* GraphQL */ `
  mutation Import($content: String!) {
    importFeed(content: $content) {
      __typename
      ... on ImportSummary {
        added
        updated
        unchanged
      }
    }
  }
`;
const SHOWS = /* GraphQL */ `
  {
    stats {
      episodes
    }
    shows(first: 10) {
      totalCount
      nodes {
        id
        title
        link
        imageUrl
        author
        feedUrl
        episodeCount
      }
    }
  }
`;
const SHOW_EPISODES = /* GraphQL */ `
  query ShowEpisodes($id: ID!, $first: Int!, $after: String) {
    show(id: $id) {
      title
      episodes(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          publishedAt
          show {
            id
          }
        }
      }
    }
  }
`;
const CITED_BY = /* GraphQL */ `
  query CitedBy($at: NodeRef!) {
    paper(at: $at) {
      citedBy {
        kind
        episode {
          title
          show {
            id
            title
          }
        }
      }
    }
  }
`;
const EPISODES_OF_SHOW = /* GraphQL */ `
  query Episodes($show: ID, $search: String, $first: Int) {
    episodes(show: $show, search: $search, first: $first) {
      totalCount
      nodes {
        id
        show {
          id
        }
      }
    }
  }
`;
const PAPERS_OF_SHOW = /* GraphQL */ `
  query Papers($show: ID, $first: Int, $after: String) {
    papers(show: $show, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        citationCount
      }
    }
  }
`;
const SEARCH = /* GraphQL */ `
  query Search($query: String!, $show: ID) {
    search(query: $query, show: $show, first: 50) {
      node {
        __typename
        ... on Episode {
          id
          show {
            id
          }
        }
        ... on Paper {
          id
        }
      }
    }
  }
`;
const GRAPH = /* GraphQL */ `
  query Graph($show: ID, $around: NodeRef) {
    graph(show: $show, around: $around, limit: 500) {
      truncated
      nodes {
        id
        kind
      }
      edges {
        source
        target
      }
    }
  }
`;

const EPISODE_MAP = /* GraphQL */ `
  query EpisodeMap($show: ID) {
    episodeMap(show: $show, limit: 500) {
      episodes {
        id
        cluster {
          id
        }
      }
      edges {
        source
        target
      }
      clusters {
        id
        size
      }
    }
  }
`;

interface ShowNode {
  id: string;
  title: string;
  link: string | null;
  imageUrl: string | null;
  author: string | null;
  feedUrl: string | null;
  episodeCount: number;
}

describeForEachStore('shows', (storeFactory) => {
  let api: TestApi;
  let seedEpisodes = 0;
  let research: ShowNode;
  /** Papers each show's episodes cite, from the store's own export. */
  const citedBy = new Map<string, Set<string>>();
  const showOfEpisode = new Map<string, string>();
  let dpoCiters = 0;

  beforeAll(async () => {
    api = await createTestApi({ storeFactory, seed: true });
    seedEpisodes = (await api.store.stats()).episodes;
    const content = await readFile(RESEARCH_FEED, 'utf8');
    const { data } = await api.query(IMPORT, { content }, admin);
    expect(data!.importFeed).toMatchObject({ __typename: 'ImportSummary' });
    const shows = (await api.query(SHOWS)).data!.shows.nodes as ShowNode[];
    research = shows.find((show) => show.id !== AI_PAPERS.id)!;
    const batch = await api.store.exportBatch();
    for (const episode of batch.episodes) {
      showOfEpisode.set(episode.id, episode.showId!);
      const cited = [
        ...(episode.sourcePaperId === null ? [] : [episode.sourcePaperId]),
        ...episode.recommendations.map((r) => r.paperId),
        ...(episode.mentions ?? []).map((m) => m.paperId),
      ];
      if (cited.includes(DPO)) dpoCiters += 1;
      citedBy.set(episode.showId!, new Set([...(citedBy.get(episode.showId!) ?? []), ...cited]));
    }
  }, SETUP_TIMEOUT_MS);
  afterAll(() => api?.close());

  it('lists both shows: the seed page’s and the research feed’s channel', async () => {
    const { data } = await api.query(SHOWS);
    expect(data!.shows.totalCount).toBe(2);
    // By title: "AI Papers: A Deep Dive" before "Gradient Descent & Friends".
    expect(data!.shows.nodes).toEqual([
      { ...AI_PAPERS, episodeCount: seedEpisodes },
      {
        id: expect.stringMatching(/^show_[0-9a-f]{12}$/),
        title: 'Gradient Descent & Friends',
        link: 'https://gradient-descent.example.org',
        imageUrl: 'https://gradient-descent.example.org/cover.jpg',
        author: 'Ada Reviewer & Ben Citer',
        feedUrl: 'https://feeds.gradient-descent.example.org/rss',
        episodeCount: 4,
      },
    ]);
    expect(data!.stats.episodes).toBe(seedEpisodes + 4);
  });

  it('lists both shows’ episodes among a shared paper’s citations', async () => {
    const { data } = await api.query(CITED_BY, { at: DPO });
    const citations = data!.paper.citedBy as {
      kind: string;
      episode: { title: string; show: { id: string; title: string } };
    }[];
    expect(new Set(citations.map((c) => c.episode.show.title))).toEqual(
      new Set([AI_PAPERS.title, 'Gradient Descent & Friends']),
    );
    expect(citations).toContainEqual({
      kind: 'MENTIONS',
      episode: {
        title: 'Ep. 41 — Preference optimisation without a reward model',
        show: { id: research.id, title: 'Gradient Descent & Friends' },
      },
    });
    expect(citations.some((c) => c.kind !== 'MENTIONS' && c.episode.show.id === AI_PAPERS.id)).toBe(
      true,
    );
  });

  it('pages a show’s episodes newest first with keyset cursors', async () => {
    const first = (await api.query(SHOW_EPISODES, { id: AI_PAPERS.id, first: 3 })).data!.show;
    expect(first.title).toBe(AI_PAPERS.title);
    expect(first.episodes.totalCount).toBe(seedEpisodes);
    expect(first.episodes.pageInfo.hasNextPage).toBe(seedEpisodes > 3);
    const next = (
      await api.query(SHOW_EPISODES, {
        id: AI_PAPERS.id,
        first: 3,
        after: first.episodes.pageInfo.endCursor,
      })
    ).data!.show.episodes;
    const { data } = await api.query(EPISODES_OF_SHOW, { show: AI_PAPERS.id, first: 6 });
    const ids = (data!.episodes.nodes as { id: string }[]).map((e) => e.id);
    expect([...first.episodes.nodes, ...next.nodes].map((e: { id: string }) => e.id)).toEqual(ids);
    for (const node of [...first.episodes.nodes, ...next.nodes])
      expect(node.show).toEqual({ id: AI_PAPERS.id });
    const dates = (first.episodes.nodes as { publishedAt: string | null }[]).map(
      (e) => e.publishedAt ?? '',
    );
    expect(dates).toEqual([...dates].sort().reverse());
  });

  it('narrows episodes to a show, also with search', async () => {
    const all = (await api.query(EPISODES_OF_SHOW, { show: research.id, first: 50 })).data!;
    expect(all.episodes.totalCount).toBe(4);
    for (const node of all.episodes.nodes) expect(node.show).toEqual({ id: research.id });
    const searched = (
      await api.query(EPISODES_OF_SHOW, { show: AI_PAPERS.id, search: 'preference', first: 50 })
    ).data!;
    expect(searched.episodes.totalCount).toBeGreaterThan(0);
    for (const node of searched.episodes.nodes) expect(node.show).toEqual({ id: AI_PAPERS.id });
  });

  it('narrows papers to those a show’s episodes cite, paging by keyset', async () => {
    const expected = citedBy.get(research.id)!;
    const seen: string[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (let page = 0; page < 20; page++) {
      const { data }: GraphQLResponse = await api.query(PAPERS_OF_SHOW, {
        show: research.id,
        first: 4,
        after,
      });
      totalCount = data!.papers.totalCount;
      seen.push(...(data!.papers.nodes as { id: string }[]).map((p) => p.id));
      if (!data!.papers.pageInfo.hasNextPage) break;
      after = data!.papers.pageInfo.endCursor;
    }
    expect(totalCount).toBe(expected.size);
    expect(new Set(seen)).toEqual(expected);
    expect(seen).toHaveLength(expected.size);
    // DPO's count counts the episodes of both shows citing it.
    const { data } = await api.query(PAPERS_OF_SHOW, { show: research.id, first: 50 });
    expect(data!.papers.nodes).toContainEqual({ id: DPO, citationCount: dpoCiters });
    expect(dpoCiters).toBeGreaterThan(1);
  });

  it('searches one show: its episodes and the papers they cite', async () => {
    const everywhere = (await api.query(SEARCH, { query: 'reward' })).data!.search as {
      node: { __typename: string; id: string; show?: { id: string } };
    }[];
    expect(everywhere.some((hit) => hit.node.show?.id === AI_PAPERS.id)).toBe(true);
    const { data } = await api.query(SEARCH, { query: 'reward', show: research.id });
    const hits = data!.search as typeof everywhere;
    expect(hits.some((hit) => hit.node.__typename === 'Episode')).toBe(true);
    expect(hits.some((hit) => hit.node.__typename === 'Paper')).toBe(true);
    for (const { node } of hits) {
      if (node.__typename === 'Episode') expect(node.show).toEqual({ id: research.id });
      else expect(citedBy.get(research.id)!.has(node.id)).toBe(true);
    }
  });

  it('draws one show: its episodes and the papers they cite', async () => {
    const { data } = await api.query(GRAPH, { show: research.id });
    const nodes = data!.graph.nodes as { id: string; kind: string }[];
    const episodes = nodes.filter((n) => n.kind === 'EPISODE').map((n) => n.id);
    const papers = nodes.filter((n) => n.kind === 'PAPER').map((n) => n.id);
    expect(episodes).toHaveLength(4);
    for (const id of episodes) expect(showOfEpisode.get(id)).toBe(research.id);
    expect(new Set(papers)).toEqual(citedBy.get(research.id));
    expect(data!.graph.truncated).toBe(false);
    const inView = new Set(nodes.map((n) => n.id));
    for (const edge of data!.graph.edges as { source: string; target: string }[]) {
      expect(inView.has(edge.source) && inView.has(edge.target)).toBe(true);
    }
  });

  it('maps one show: its episodes of the whole map, the relations between them', async () => {
    type MapAnswer = {
      episodes: { id: string; cluster: { id: string } }[];
      edges: { source: string; target: string }[];
      clusters: { id: string; size: number }[];
    };
    const whole = (await api.query(EPISODE_MAP)).data!.episodeMap as MapAnswer;
    let drawn = 0;
    for (const show of [AI_PAPERS.id, research.id]) {
      const map = (await api.query(EPISODE_MAP, { show })).data!.episodeMap as MapAnswer;
      // The whole map's episodes of this show, but for one alone in its cluster: it would be a lone dot.
      const byCluster = Map.groupBy(
        whole.episodes.filter((e) => showOfEpisode.get(e.id) === show),
        (e) => e.cluster.id,
      );
      const expected = [...byCluster.values()].filter((members) => members.length > 1).flat();
      expect(new Set(map.episodes.map((e) => e.id))).toEqual(new Set(expected.map((e) => e.id)));
      const inView = new Set(map.episodes.map((e) => e.id));
      for (const edge of map.edges)
        expect(inView.has(edge.source) && inView.has(edge.target)).toBe(true);
      // Only the clusters of the show's episodes are listed, each with its whole size.
      expect(new Set(map.clusters.map((c) => c.id))).toEqual(
        new Set(map.episodes.map((e) => e.cluster.id)),
      );
      for (const cluster of map.clusters)
        expect(cluster.size).toBe(whole.clusters.find((c) => c.id === cluster.id)!.size);
      drawn += map.episodes.length;
    }
    expect(drawn).toBeGreaterThan(0);
    const unknown = await api.query(EPISODE_MAP, { show: 'show_000000000000' });
    expect(unknown.data!.episodeMap.episodes).toEqual([]);
  });

  it('refuses a show filter with `around`, `author` or a malformed id; an unknown show is empty', async () => {
    const around = await api.query(GRAPH, { show: research.id, around: DPO });
    expect(around.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const author = await api.query(
      `{ papers(show: "${research.id}", author: "Rafailov") { totalCount } }`,
    );
    expect(author.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const malformed = await api.query(EPISODES_OF_SHOW, { show: 'ep_000000000000' });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await api.query(EPISODES_OF_SHOW, { show: 'show_000000000000' });
    expect(unknown.data!.episodes.totalCount).toBe(0);
    const none = await api.query(SHOW_EPISODES, { id: 'show_000000000000', first: 1 });
    expect(none.data!.show).toBeNull();
  });

  it('keeps every episode in its first show when another show lists it again', async () => {
    const again = await api.query(
      IMPORT,
      { content: await readFile(RESEARCH_FEED, 'utf8') },
      admin,
    );
    expect(again.data!.importFeed).toMatchObject({ added: [], updated: [] });
    // The seed's episodes under another heading: same episodes (by source paper), another show.
    const seed = await readFile(SEED_PAGE, 'utf8');
    const renamed = seed.replace(/^AI Papers: A Deep Dive\n\npaperdive\.ai\n/, 'Papers Again\n\n');
    expect(renamed).not.toBe(seed);
    const reimport = await api.query(IMPORT, { content: renamed }, admin);
    expect(reimport.data!.importFeed).toMatchObject({ added: [], updated: [] });
    const shows = (await api.query(SHOWS)).data!.shows.nodes as ShowNode[];
    expect(shows.map((show) => [show.title, show.episodeCount])).toEqual([
      [AI_PAPERS.title, seedEpisodes],
      ['Gradient Descent & Friends', 4],
      ['Papers Again', 0],
    ]);
  });
});
