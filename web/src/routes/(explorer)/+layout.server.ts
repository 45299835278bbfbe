// Which nodes are in view. Reads only the graph parameters of the URL, so selecting a node or
// picking a path (page load) does not refetch the graph.
import type { LayoutServerLoad } from './$types';
import { ApiError, type GraphData } from '#lib/api.ts';
import { failWithApiError, serverApi } from '#lib/server/api.ts';
import { parseGraphParams } from '#lib/urlState.ts';

/** Neighbours one expansion may add. */
const EXPANSION_LIMIT = 200;
const EMPTY: GraphData = { nodes: [], edges: [] };

export const load: LayoutServerLoad = async ({ url, fetch }) => {
  const params = parseGraphParams(url.searchParams);
  const api = serverApi(fetch);
  const notices: string[] = [];

  /** A bad focus or expansion id is the visitor's mistake: say so instead of failing the page. */
  const tolerant = async (what: string, request: Promise<GraphData>): Promise<GraphData> => {
    try {
      return await request;
    } catch (cause) {
      if (cause instanceof ApiError && cause.kind === 'graphql') {
        notices.push(`${what}: ${cause.message}`);
        return EMPTY;
      }
      throw cause;
    }
  };

  try {
    const [base, expansions, stats] = await Promise.all([
      tolerant(
        params.focus ? `Could not show the graph around "${params.focus}"` : 'Could not load the graph',
        api.graph({
          focus: params.focus,
          depth: params.depth,
          limit: params.limit,
          minCitations: params.minCitations,
        }),
      ),
      Promise.all(
        params.expanded.map((id) =>
          tolerant(`Could not expand "${id}"`, api.graph({ focus: id, depth: 1, limit: EXPANSION_LIMIT, minCitations: 1 })),
        ),
      ),
      api.stats(),
    ]);
    return {
      graphParams: params,
      base,
      expansions,
      stats,
      truncated: base.nodes.length >= params.limit,
      notices,
    };
  } catch (cause) {
    failWithApiError(cause);
  }
};
