// Relations and clusters through GraphQL, on every store: on the seed with no metadata every episode
// is related for reasons; on the three-topic feed (tests/relations/fixtures) the neighbours and the
// clusters follow the topics, the map draws them, a re-import changes nothing and a removal takes its
// relations and membership with it; the fields are batched per request and costed.
import { readFile, rm } from 'node:fs/promises';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { QUERY_LIMITS } from '../../server/src/graphql/limits.ts';
import { episodeAt, SEED, THREE_TOPICS, TOPICS, UNRELATED } from '../relations/corpus.ts';
import {
  ADMIN_TOKEN,
  countingStore,
  createTestApi,
  describeForEachStore,
  type TestApi,
} from './testApi.ts';

const THREE_TOPICS_FEED = new URL('../relations/fixtures/three-topics.txt', import.meta.url);
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const KINDS = ['SHARED_PAPER', 'SHARED_REFERENCE', 'CO_CITED', 'SIMILAR_TEXT', 'SHARED_TOPIC'];

interface Reason {
  kind: string;
  label: string;
  weight: number;
  papers: { id: string }[];
  terms: string[];
}
interface Related {
  score: number;
  episode: { id: string };
  reasons: Reason[];
  sharedPapers: { id: string }[];
}
interface Cluster {
  id: string;
  label: string;
  size: number;
  terms: string[];
  episodes: { id: string }[];
  papers: { id: string }[];
}

const RELATED_FIELDS = `related(first: 10) { score episode { id } reasons { kind label weight papers { id } terms } sharedPapers { id } }`;
const CLUSTER_FIELDS = `id label size terms episodes(first: 20) { id } papers { id }`;

function expectExplained(related: Related): void {
  expect(related.reasons.length).toBeGreaterThan(0);
  const weights = related.reasons.map((reason) => reason.weight);
  expect(weights).toEqual([...weights].sort((a, b) => b - a));
  expect(related.score).toBeCloseTo(
    weights.reduce((sum, weight) => sum + weight, 0),
    10,
  );
  for (const reason of related.reasons) {
    expect(KINDS).toContain(reason.kind);
    expect(reason.weight).toBeGreaterThan(0);
    expect(reason.label).toMatch(/^both \S/);
    if (reason.kind === 'SIMILAR_TEXT' || reason.kind === 'SHARED_TOPIC')
      expect(reason.terms.length).toBeGreaterThan(0);
    else expect(reason.papers.length).toBeGreaterThan(0);
  }
}

const sorted = (ids: readonly string[]) => [...ids].sort();

/** Whether the edges between `ids` alone connect them all (union–find). */
function connectedBy(
  edges: readonly { source: string; target: string }[],
  ids: readonly string[],
): boolean {
  const parent = new Map(ids.map((id) => [id, id]));
  const root = (id: string): string => (parent.get(id) === id ? id : root(parent.get(id)!));
  for (const { source, target } of edges) {
    if (parent.has(source) && parent.has(target)) parent.set(root(source), root(target));
  }
  return new Set(ids.map(root)).size === 1;
}
const idsOf = (list: readonly { id: string }[]) => list.map((item) => item.id);

describeForEachStore('relations on the seed', (storeFactory) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ storeFactory });
  });
  afterAll(() => api.close());

  it('relates every episode to another, each relation with its reasons, strongest first', async () => {
    const { data, errors } = await api.query<{
      episodes: { nodes: { id: string; related: Related[] }[] };
    }>(`{ episodes(first: 20) { nodes { id ${RELATED_FIELDS} } } }`);
    expect(errors).toBeUndefined();
    const episodes = data!.episodes.nodes;
    expect(episodes).toHaveLength(SEED.episodes.length);
    for (const episode of episodes) {
      expect(episode.related.length, episode.id).toBeGreaterThan(0);
      episode.related.forEach(expectExplained);
      const scores = episode.related.map((related) => related.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
  });

  it('names the papers two episodes both recommend as their strongest reason', async () => {
    const { data } = await api.query<{ episode: { related: Related[] } }>(
      `query ($id: NodeRef!) { episode(at: $id) { ${RELATED_FIELDS} } }`,
      { id: episodeAt(SEED, 6) },
    );
    const [top] = data!.episode.related;
    expect(top!.episode.id).toBe(episodeAt(SEED, 8));
    expect(top!.reasons[0]).toMatchObject({
      kind: 'SHARED_PAPER',
      label:
        "both recommend Direct Preference Optimization: Your Language Model is Secretly a Reward Model and Let's Verify Step by Step",
    });
    const shared = ['arxiv:2305.18290', 'arxiv:2305.20050'];
    expect(sorted(idsOf(top!.reasons[0]!.papers))).toEqual(shared);
    expect(sorted(idsOf(top!.sharedPapers))).toEqual(shared);
  });

  it('puts every related seed episode in a cluster', async () => {
    const { data, errors } = await api.query<{
      episodes: { nodes: { id: string; cluster: { id: string; size: number } | null }[] };
      clusters: Cluster[];
    }>(
      `{ episodes(first: 20) { nodes { id cluster { id size } } } clusters(first: 20) { ${CLUSTER_FIELDS} } }`,
    );
    expect(errors).toBeUndefined();
    const members = new Map(
      data!.clusters.flatMap((cluster) => cluster.episodes.map((e) => [e.id, cluster] as const)),
    );
    for (const episode of data!.episodes.nodes) {
      const cluster = members.get(episode.id);
      expect(cluster, episode.id).toBeDefined();
      expect(episode.cluster).toEqual({ id: cluster!.id, size: cluster!.size });
    }
  });
});

describeForEachStore('relations on three topics with disjoint readings', (storeFactory) => {
  let api: TestApi;
  let feed: string;
  const importFeed = () =>
    api.query<{ importFeed: { added: string[]; unchanged: string[] } }>(
      `mutation ($content: String!) { importFeed(content: $content) { ... on ImportSummary { added unchanged } } }`,
      { content: feed },
      admin,
    );
  const relatedOf = async (id: string, first = 10) =>
    (
      await api.query<{ episode: { related: Related[] } }>(
        `query ($id: NodeRef!, $first: Int!) { episode(at: $id) { related(first: $first) { score episode { id } reasons { kind label weight papers { id } terms } sharedPapers { id } } } }`,
        { id, first },
      )
    ).data!.episode.related;
  const everything = async () =>
    (
      await api.query(
        `{ episodes(first: 20) { nodes { id ${RELATED_FIELDS} cluster { id label size } } } clusters(first: 10) { ${CLUSTER_FIELDS} } }`,
      )
    ).data;

  beforeAll(async () => {
    feed = await readFile(THREE_TOPICS_FEED, 'utf8');
    api = await createTestApi({ storeFactory, seed: false });
    const { data, errors } = await importFeed();
    expect(errors).toBeUndefined();
    expect(data!.importFeed.added).toHaveLength(THREE_TOPICS.episodes.length);
  });
  afterAll(() => api.close());

  it('ranks each episode’s own topic first, by what they discuss when they share no paper', async () => {
    for (const topic of Object.values(TOPICS)) {
      for (const id of topic) {
        const top = await relatedOf(id, topic.length - 1);
        expect(sorted(top.map((r) => r.episode.id))).toEqual(
          sorted(topic.filter((other) => other !== id)),
        );
        top.forEach(expectExplained);
      }
    }
    const [first, second] = TOPICS.proteinStructure;
    const protein = (await relatedOf(first!)).find((r) => r.episode.id === second);
    expect(protein!.reasons.map((reason) => reason.kind)).toEqual(['SIMILAR_TEXT']);
    expect(protein!.reasons[0]!.terms).toContain('protein structure');
    expect(protein!.sharedPapers).toEqual([]);
  });

  it('says an episode with nothing in common with any other has no related episode and no cluster', async () => {
    const { data } = await api.query(
      `query ($id: NodeRef!) { episode(at: $id) { related(first: 10) { score } cluster { id } } }`,
      { id: UNRELATED },
    );
    expect(data!.episode).toEqual({ related: [], cluster: null });
  });

  it('clusters by topic (purity 1.0), largest first, each episode naming its cluster', async () => {
    const { data, errors } = await api.query<{
      clusters: Cluster[];
      episodes: { nodes: { id: string; cluster: { id: string; label: string } | null }[] };
    }>(
      `{ clusters(first: 10) { ${CLUSTER_FIELDS} } episodes(first: 20) { nodes { id cluster { id label } } } }`,
    );
    expect(errors).toBeUndefined();
    const clusters = data!.clusters;
    expect(clusters.map((cluster) => cluster.size)).toEqual([4, 4, 3]);
    expect(clusters.map((cluster) => sorted(idsOf(cluster.episodes)))).toEqual(
      expect.arrayContaining(Object.values(TOPICS).map(sorted)),
    );
    for (const cluster of clusters) {
      expect(cluster.id).toMatch(/^cl_[0-9a-f]{12}$/);
      expect(cluster.terms.length).toBeGreaterThan(0);
      expect(cluster.label.startsWith(cluster.terms.join(', '))).toBe(true);
    }
    const protein = clusters.find((cluster) => cluster.size === 3)!;
    expect(protein.terms).toContain('protein structure');
    const drafting = clusters.find((cluster) =>
      idsOf(cluster.episodes).includes(TOPICS.speculativeDecoding[0]!),
    )!;
    expect(idsOf(drafting.papers)).toEqual(['arxiv:2211.17192']);

    const byEpisode = new Map(clusters.flatMap((c) => c.episodes.map((e) => [e.id, c] as const)));
    for (const episode of data!.episodes.nodes) {
      const cluster = byEpisode.get(episode.id);
      expect(episode.cluster).toEqual(cluster ? { id: cluster.id, label: cluster.label } : null);
    }
    const again = await api.query(`query ($id: ID!) { cluster(id: $id) { ${CLUSTER_FIELDS} } }`, {
      id: protein.id,
    });
    expect(again.data!.cluster).toEqual(protein);
    expect((await api.query(`{ cluster(id: "cl_000000000000") { id } }`)).data).toEqual({
      cluster: null,
    });
  });

  it('draws a map of the topics: every related episode, each topic connected, edges with their reasons', async () => {
    const { data, errors } = await api.query<{
      episodeMap: {
        episodes: { id: string; title: string; cluster: { id: string } | null }[];
        edges: {
          source: string;
          target: string;
          weight: number;
          kind: string;
          reasons: Reason[];
        }[];
        clusters: { id: string; size: number }[];
        isolatedShare: number;
      };
    }>(
      `{ episodeMap(limit: 50) { episodes { id title publishedAt cluster { id } episode { id } } edges { source target weight kind reasons { kind label weight papers { id } terms } } clusters { id label size } isolatedShare } }`,
    );
    expect(errors).toBeUndefined();
    const map = data!.episodeMap;
    // The episode related to no other is in no cluster and not drawn.
    expect(sorted(idsOf(map.episodes))).toEqual(
      sorted(THREE_TOPICS.episodes.map((e) => e.id).filter((id) => id !== UNRELATED)),
    );
    for (const episode of map.episodes) expect(episode.cluster).not.toBeNull();
    expect(map.clusters.map((cluster) => cluster.size)).toEqual([4, 4, 3]);
    for (const topic of Object.values(TOPICS)) {
      expect(connectedBy(map.edges, topic), topic.join(' ')).toBe(true);
    }
    for (const edge of map.edges) {
      expect(edge.source < edge.target).toBe(true);
      expect(edge.kind).toBe(edge.reasons[0]!.kind);
      expect(edge.weight).toBeCloseTo(
        edge.reasons.reduce((sum, reason) => sum + reason.weight, 0),
        10,
      );
    }
    expect(map.isolatedShare).toBe(0);

    const protein = map.clusters.find((cluster) => cluster.size === 3)!;
    const one = await api.query(
      `query ($id: ID!) { episodeMap(cluster: $id, limit: 50) { episodes { id } clusters { id } isolatedShare } }`,
      { id: protein.id },
    );
    expect(sorted(idsOf(one.data!.episodeMap.episodes))).toEqual(sorted(TOPICS.proteinStructure));
    expect(one.data!.episodeMap).toMatchObject({
      clusters: [{ id: protein.id }],
      isolatedShare: 0,
    });
    const unknown = await api.query(
      `{ episodeMap(cluster: "cl_000000000000") { episodes { id } edges { source } clusters { id } isolatedShare } }`,
    );
    expect(unknown.data!.episodeMap).toEqual({
      episodes: [],
      edges: [],
      clusters: [],
      isolatedShare: 0,
    });
  });

  it('changes no relation and no cluster id on a re-import of the same feed', async () => {
    const before = await everything();
    const { data } = await importFeed();
    expect(data!.importFeed.unchanged).toHaveLength(THREE_TOPICS.episodes.length);
    expect(await everything()).toEqual(before);
  });

  it('takes a removed episode’s relations and cluster membership with it', async () => {
    const [gone, ...rest] = TOPICS.preferenceOptimisation;
    const partners = (await relatedOf(gone!)).map((r) => r.episode.id);
    expect(partners.length).toBeGreaterThan(0);
    const clusterBefore = (
      await api.query(`query ($id: NodeRef!) { episode(at: $id) { cluster { id } } }`, {
        id: gone,
      })
    ).data!.episode.cluster.id as string;

    const removal = await api.query(
      `mutation ($id: ID!) { removeEpisode(id: $id) { ... on RemovedEpisode { removed } } }`,
      { id: gone },
      admin,
    );
    expect(removal.data!.removeEpisode).toEqual({ removed: true });
    for (const id of partners) {
      expect((await relatedOf(id)).map((r) => r.episode.id)).not.toContain(gone);
    }
    const { data } = await api.query<{ cluster: Cluster | null; clusters: Cluster[] }>(
      `query ($id: ID!) { cluster(id: $id) { ${CLUSTER_FIELDS} } clusters(first: 10) { ${CLUSTER_FIELDS} } }`,
      { id: clusterBefore },
    );
    expect(sorted(idsOf(data!.cluster!.episodes))).toEqual(sorted(rest));
    expect(data!.cluster!.size).toBe(rest.length);
    expect(data!.clusters.flatMap((cluster) => idsOf(cluster.episodes))).not.toContain(gone);
    const map = await api.query(`{ episodeMap { episodes { id } edges { source target } } }`);
    expect(JSON.stringify(map.data)).not.toContain(gone);
  });
});

describeForEachStore('relations batched per request and costed', (storeFactory) => {
  let api: TestApi;
  let calls: Map<string, number>;
  beforeAll(async () => {
    const seeded = await createTestApi({ storeFactory });
    const counted = countingStore(seeded.store);
    calls = counted.calls;
    api = await createTestApi({ store: counted.store, dataDir: seeded.dataDir, seed: false });
  });
  afterAll(async () => {
    await api.close();
    await rm(api.dataDir, { recursive: true, force: true });
  });

  it('loads the related lists and the clusters of a page of episodes with one store call each', async () => {
    calls.clear();
    const { errors } = await api.query(
      `{ episodes(first: 20) { nodes { related(first: 3) { reasons { kind } episode { related(first: 2) { score } cluster { id } } } cluster { id label size terms } } } }`,
    );
    expect(errors).toBeUndefined();
    // One call per `first` and round; the page's clusters already hold the related episodes' ones.
    // The first round selects the related episodes, so their summaries come in the same call.
    expect(calls.get('relatedWithSummaries')).toBe(1);
    expect(calls.get('relatedByEpisodeIds')).toBe(1);
    expect(calls.get('episodeSummariesByIds')).toBeUndefined();
    expect(calls.get('clustersByEpisodeIds')).toBe(1);
    expect(calls.get('clusters')).toBe(1);
  });

  it('answers a map of the largest size with every episode field, and with every edge field but its reasons, in two requests', async () => {
    const episodes = await api.query(
      `{ episodeMap(limit: ${QUERY_LIMITS.maxMapLimit}) { episodes { id title publishedAt cluster { id label size } } clusters { id label size } isolatedShare } }`,
    );
    expect(episodes.errors).toBeUndefined();
    const edges = await api.query(
      `{ episodeMap(limit: ${QUERY_LIMITS.maxMapLimit}) { edges { source target weight kind } } }`,
    );
    expect(edges.errors).toBeUndefined();
  });

  it.each([
    [
      'the members of every cluster with their related episodes',
      `{ clusters(first: ${QUERY_LIMITS.maxClusters}) { episodes(first: ${QUERY_LIMITS.maxClusterMembers}) { related(first: 10) { episode { title } } } } }`,
      'clusters.episodes.related.episode',
    ],
    [
      'every edge’s reasons in the largest map',
      `{ episodeMap(limit: ${QUERY_LIMITS.maxMapLimit}) { edges { source target reasons { kind label weight } } } }`,
      'episodeMap.edges.reasons',
    ],
    [
      'the papers behind every reason of the largest map',
      `{ episodeMap(limit: ${QUERY_LIMITS.maxMapLimit}) { edges { reasons { papers { title citedBy(first: 10) { kind } } } } } }`,
      'episodeMap.edges.reasons.papers.citedBy',
    ],
  ])('refuses a fan-out: %s', async (_name, query, costliest) => {
    const { data, errors } = await api.query(query);
    expect(data).toBeUndefined();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', field: costliest });
  });
});
