// Which nodes are in view. Reads only the graph parameters of the URL, so selecting a node or
// picking a path (page load) does not refetch the graph.
import { type Api, ApiError, type GraphData, type GraphNode } from '#lib/api.ts';
import { SHOW_CHOICES, type ShowFilterData, showQueryFrom } from '#lib/explorer/showFilter.ts';
import { bestConnected } from '#lib/graph/view.ts';
import { isEpisodeId } from '#lib/links.ts';
import {
  fromEpisodeMap,
  fromLocalMap,
  mapLimit,
  type MapView,
  packMapView,
} from '#lib/map/mapData.ts';
import { failWithApiError, serverApi } from '#lib/server/api.ts';
import {
  type GraphParams,
  LIMIT_RANGE,
  needsDates,
  needsTopics,
  parseGraphParams,
  resolveView,
} from '#lib/urlState.ts';

import type { LayoutServerLoad } from './$types';

/** Nearest episodes a local map shows, and of each of them the relations looked at. */
const LOCAL_MAP_NEIGHBOURS = 12;

/**
 * The map of every cluster or of one (of one show with the show filter), or around an episode (every
 * show's: like a focused graph, a local map is not filtered); null for an unknown episode.
 */
async function mapView(api: Api, params: GraphParams): Promise<MapView | null> {
  if (params.around) {
    const answer = await api.localMap(params.around, LOCAL_MAP_NEIGHBOURS);
    return answer ? fromLocalMap(answer) : null;
  }
  return fromEpisodeMap(
    await api.episodeMap({
      cluster: params.cluster ?? null,
      show: params.show ?? null,
      limit: mapLimit(params.limit),
    }),
  );
}

/** Neighbours one expansion may add. */
const EXPANSION_LIMIT = 200;
const EMPTY: GraphData = { nodes: [], edges: [] };

interface BaseView {
  graph: GraphData;
  /** Nodes the view had before the limit cut it. */
  total: number;
}

/** Around the focus, or the whole graph within the limit best-connected first (the API keeps the newest episodes). */
async function baseView(api: Api, params: GraphParams): Promise<BaseView> {
  const args = {
    limit: params.limit,
    minCitations: params.minCitations,
    references: params.references ?? false,
  };
  if (params.focus) {
    // The API draws a focus with all its neighbours: a show filter applies to the whole graph only.
    const graph = await api.graph({ ...args, focus: params.focus, depth: params.depth });
    return { graph, total: graph.nodes.length };
  }
  // One request: the largest view the page allows, then the best-connected `limit` of it (all of it when it fits).
  const all = await api.graph({ ...args, limit: LIMIT_RANGE.max, show: params.show ?? null });
  return { graph: bestConnected(all, params.limit), total: all.nodes.length };
}

/**
 * The base graph with the reference edges between the papers only expansions added and every paper
 * in view (base and expansions), which no single `graph` answer holds.
 */
async function withReferencesAcross(
  api: Api,
  base: GraphData,
  expansions: readonly GraphData[],
  tolerant: <T>(what: string, work: Promise<T>, fallback: T) => Promise<T>,
): Promise<GraphData> {
  const papersOf = (graph: GraphData) =>
    graph.nodes.filter((node) => node.kind === 'PAPER').map((node) => node.id);
  const inBase = new Set(papersOf(base));
  const added = [...new Set(expansions.flatMap(papersOf))].filter((id) => !inBase.has(id));
  if (added.length === 0) return base;
  const among = new Set([...inBase, ...added]);
  const across = await tolerant(
    'Could not load the references of the expanded papers',
    api.referencesBetween(added, among),
    [],
  );
  return { ...base, referenceEdges: [...(base.referenceEdges ?? []), ...across] };
}

/** The show filter's choices, the chosen show among them; null with one show or none. */
async function loadShowFilter(
  api: Api,
  chosen: string | null,
  query: string,
): Promise<ShowFilterData | null> {
  const shows = await api.explorerShows(SHOW_CHOICES, query === '' ? null : query, chosen);
  return shows.total > 1 ? { ...shows, query } : null;
}

/** A paper reference in any form becomes the paper's id; episode ids and unknown refs stay as given. */
async function canonicalId(api: Api, ref: string | null): Promise<string | null> {
  if (ref === null || isEpisodeId(ref)) return ref;
  try {
    return (await api.paper(ref, 1))?.id ?? ref;
  } catch (cause) {
    if (cause instanceof ApiError && cause.kind === 'graphql') return ref;
    throw cause;
  }
}

export const load: LayoutServerLoad = async ({ url, fetch }) => {
  const params = parseGraphParams(url.searchParams);
  const api = serverApi(fetch);
  const notices: string[] = [];

  /** A bad focus or expansion id is the visitor's mistake: say so instead of failing the page. */
  const tolerant = async <T>(what: string, request: Promise<T>, fallback: T): Promise<T> => {
    try {
      return await request;
    } catch (cause) {
      if (cause instanceof ApiError && cause.kind === 'graphql') {
        notices.push(`${what}: ${cause.message}`);
        return fallback;
      }
      throw cause;
    }
  };

  try {
    const [stats, showFilter] = await Promise.all([
      api.stats(),
      loadShowFilter(api, params.show ?? null, showQueryFrom(url.searchParams)),
    ]);
    const mode = resolveView(params, stats.episodes);
    if (mode === 'map') {
      const map = await tolerant('Could not load the map', mapView(api, params), null);
      if (map === null && params.around)
        notices.push(`No episode "${params.around}" to draw a map around.`);
      return {
        mode,
        // Packed: the page data carries each edge's ends as two indices, not two ids.
        map: map && packMapView(map),
        episodeDates: null,
        paperTopics: null,
        base: EMPTY,
        expansions: [],
        stats,
        showFilter,
        focusId: null,
        truncated: map !== null && !params.around && map.nodes.length >= mapLimit(params.limit),
        notices,
      };
    }
    const [base, expansions, focusId] = await Promise.all([
      tolerant(
        params.focus
          ? `Could not show the graph around "${params.focus}"`
          : 'Could not load the graph',
        baseView(api, params),
        { graph: EMPTY, total: 0 },
      ),
      Promise.all(
        params.expanded.map((id) =>
          tolerant(
            `Could not expand "${id}"`,
            api.graph({
              focus: id,
              depth: 1,
              limit: EXPANSION_LIMIT,
              minCitations: 1,
              references: params.references ?? false,
            }),
            EMPTY,
          ),
        ),
      ),
      canonicalId(api, params.focus),
    ]);
    // Each answer holds the references among its own papers: those between an expansion's new
    // papers and the rest of the view are asked for apart.
    if (params.references && expansions.length > 0) {
      base.graph = await withReferencesAcross(api, base.graph, expansions, tolerant);
    }
    // Dates only for a timeline or a date range, topics only for topic colour or filter: batch lookups.
    const inView = [base.graph, ...expansions];
    const idsOf = (kind: GraphNode['kind']) => [
      ...new Set(inView.flatMap((g) => g.nodes.filter((n) => n.kind === kind).map((n) => n.id))),
    ];
    const [episodeDates, paperTopics] = await Promise.all([
      needsDates(params) ? api.episodeDates(idsOf('EPISODE')) : null,
      needsTopics(params) ? api.paperTopics(idsOf('PAPER')) : null,
    ]);
    return {
      mode,
      map: null,
      episodeDates,
      paperTopics,
      base: base.graph,
      expansions,
      stats,
      showFilter,
      /** The focus as the graph names it (a DOI or URL focus becomes the paper's id). */
      focusId,
      truncated: base.total >= params.limit,
      notices,
    };
  } catch (cause) {
    failWithApiError(cause);
  }
};
