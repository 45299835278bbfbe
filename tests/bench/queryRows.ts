// In-process query latency through yoga (a full GraphQL request: parse, validate, execute, serialise;
// no HTTP), and the GraphQL overhead over calling the store directly for the same data.
import { QUERY_LIMITS } from '../../server/src/graphql/limits.ts';
import { createPapergraphYoga } from '../../server/src/graphql/yoga.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { type Row, row } from './report.ts';
import { type Latency, measureLatency, ms } from './timing.ts';

export const RELATED_QUERY =
  'query Related($id: ID!) { episode(id: $id) { related(first: 10) { score reasons { kind label } sharedPapers { id } episode { title } } } }';
export const CITED_BY_QUERY =
  'query CitedBy($ref: String!) { paper(ref: $ref) { citedBy(first: 50) { episode { title } } } }';
export const GRAPH_QUERY =
  'query Graph($focus: ID!) { graph(focus: $focus, depth: 2, limit: 2000) { nodes { id kind label weight } edges { source target kind } } }';

/**
 * The largest episode map a client may ask for, with its edges as a map view draws them (the
 * explorer asks for the episodes' other fields in a second request: both together exceed the
 * complexity budget at this limit).
 */
export const MAP_LIMIT = QUERY_LIMITS.maxMapLimit;
export const MAP_QUERY = `query Map { episodeMap(limit: ${MAP_LIMIT}) { episodes { id } edges { source target weight kind } } }`;

export interface QuerySample {
  /** Episode ids spread over the whole store. */
  episodeIds: string[];
  mostCitedPaper: { id: string; citationCount: number };
}

export interface Sizes {
  relatedSamples: number;
  citedBySamples: number;
  graphSamples: number;
  mapSamples: number;
}

export async function sampleQueries(
  store: GraphStore,
  count: number,
  seed = 7,
): Promise<QuerySample> {
  const { totalCount } = await store.listEpisodes({ offset: 0, limit: 0 });
  let state = seed;
  const next = () => (state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296;
  const episodeIds: string[] = [];
  for (let i = 0; i < Math.min(count, totalCount); i += 1) {
    const page = await store.listEpisodes({ offset: Math.floor(next() * totalCount), limit: 1 });
    if (page.items[0]) episodeIds.push(page.items[0].id);
  }
  const top = (await store.listPapers({ offset: 0, limit: 1 })).items[0];
  if (!top || episodeIds.length === 0) throw new Error('the store is empty: nothing to query');
  return { episodeIds, mostCitedPaper: { id: top.id, citationCount: top.citationCount } };
}

type Execute = (query: string, variables: Record<string, unknown>) => Promise<unknown>;

export function inProcessExecutor(store: GraphStore): Execute {
  const yoga = createPapergraphYoga({ store, adminToken: undefined, graphiql: false });
  return async (query, variables) => {
    const response = await yoga.fetch(
      new Request('http://bench.local/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      }),
    );
    const body = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
    if (body.errors)
      throw new Error(`query failed: ${body.errors.map((e) => e.message).join('; ')}`);
    return body.data;
  };
}

const atMostMs = (target: number) => ({ kind: 'atMost', target, unit: 'ms' }) as const;
const latencyText = (l: Latency) => `p50 ${ms(l.p50)} ms, p99 ${ms(l.p99)} ms`;

export async function queryRows(
  store: GraphStore,
  sample: QuerySample,
  sizes: Sizes,
): Promise<{ rows: Row[]; related: Latency }> {
  const execute = inProcessExecutor(store);
  const ids = sample.episodeIds;
  const pick = (i: number) => ids[i % ids.length]!;

  const related = await measureLatency(
    (i) => execute(RELATED_QUERY, { id: pick(i) }),
    sizes.relatedSamples,
    Math.ceil(sizes.relatedSamples / 4),
  );
  const citedBy = await measureLatency(
    () => execute(CITED_BY_QUERY, { ref: sample.mostCitedPaper.id }),
    sizes.citedBySamples,
    Math.ceil(sizes.citedBySamples / 4),
  );
  // Foci whose two-hop view is big (it reaches a classic): a view of a few nodes says nothing.
  const big: string[] = [];
  for (const id of ids) {
    const view = await store.graph({ focus: id, depth: 2, limit: 2000, minCitations: 1 });
    if (view.nodes.length >= 1000) big.push(id);
  }
  const foci = big.length > 0 ? big : ids;
  let nodes = 0;
  const graph = await measureLatency(
    async (i) => {
      const data = (await execute(GRAPH_QUERY, { focus: foci[i % foci.length] })) as {
        graph: { nodes: unknown[] };
      };
      nodes += data.graph.nodes.length;
    },
    sizes.graphSamples,
    Math.ceil(sizes.graphSamples / 4),
  );
  const graphCalls = sizes.graphSamples + Math.ceil(sizes.graphSamples / 4);

  let mapEpisodes = 0;
  const map = await measureLatency(
    async () => {
      const data = (await execute(MAP_QUERY, {})) as { episodeMap: { episodes: unknown[] } };
      mapEpisodes = data.episodeMap.episodes.length;
    },
    sizes.mapSamples,
    Math.ceil(sizes.mapSamples / 4),
  );

  // The same data without GraphQL: every store call the related query's resolvers make.
  const direct = await measureLatency(
    async (i) => {
      const id = pick(i);
      await store.episodesByIds([id]);
      // The related episodes' titles come with the relations (the query selects `episode`).
      const {
        related: [found = []],
      } = await store.relatedWithSummaries([id], 10);
      await store.papersByIds([...new Set(found.flatMap((r) => r.sharedPaperIds))]);
    },
    sizes.relatedSamples,
    Math.ceil(sizes.relatedSamples / 4),
  );
  const relatedOnly = await measureLatency(
    (i) => store.relatedByEpisodeIds([pick(i)], 10),
    sizes.relatedSamples,
    Math.ceil(sizes.relatedSamples / 4),
  );

  const rows = [
    row(
      'related-p50',
      'related(first:10) in-process p50',
      atMostMs(0.3),
      related.p50,
      `${ms(related.p50)} ms`,
      `${related.samples} requests over ${ids.length} episodes; ${latencyText(related)}`,
    ),
    row(
      'related-p99',
      'related(first:10) in-process p99',
      atMostMs(2),
      related.p99,
      `${ms(related.p99)} ms`,
    ),
    row(
      'cited-by-p50',
      `citedBy(first:50) of the most-cited paper p50`,
      atMostMs(1),
      citedBy.p50,
      `${ms(citedBy.p50)} ms`,
      `${sample.mostCitedPaper.id} has ${sample.mostCitedPaper.citationCount} citing episodes; ${latencyText(citedBy)}`,
    ),
    row(
      'graph-p50',
      'graph(focus, depth:2, limit:2000) p50',
      atMostMs(10),
      graph.p50,
      `${ms(graph.p50)} ms`,
      (big.length > 0
        ? `${graph.samples} requests over the ${foci.length} of ${ids.length} sampled episodes whose view has ≥ 1,000 nodes, `
        : `${graph.samples} requests over ${ids.length} sampled episodes (none has a view of 1,000 nodes at this size), `) +
        `${Math.round(nodes / graphCalls)} nodes per answer on average; ${latencyText(graph)}`,
    ),
    row(
      'map-p50',
      `episodeMap(limit:${MAP_LIMIT}) p50`,
      atMostMs(1_000),
      map.p50,
      `${ms(map.p50)} ms`,
      `${map.samples} requests, ${mapEpisodes} episodes in view with their clusters, edges and the clusters in view; ${latencyText(map)}`,
    ),
    row(
      'graphql-overhead',
      'GraphQL overhead for related (in-process ÷ direct store calls)',
      { kind: 'atMost', target: 3, unit: '×' },
      related.p50 / direct.p50,
      `${(related.p50 / direct.p50).toFixed(2)} ×`,
      `p50 ${ms(related.p50)} ms through yoga vs ${ms(direct.p50)} ms for the store calls its resolvers make ` +
        `(episodesByIds + relatedWithSummaries + papersByIds); store.related alone p50 ${ms(relatedOnly.p50)} ms`,
    ),
  ];
  return { rows, related };
}
