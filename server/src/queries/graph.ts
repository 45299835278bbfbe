// Whether `graph(limit:)` left nodes out of a drawn view.
import type { GraphView } from '../domain/model.ts';
import type { GraphQuery, GraphStore } from '../store/store.ts';

/** Only a view of exactly `limit` nodes can have been cut: one node more of room says whether it was. */
export async function wasTruncated(
  store: GraphStore,
  view: GraphView,
  query: GraphQuery,
): Promise<boolean> {
  if (view.nodes.length < query.limit) return false;
  return (await store.graph({ ...query, limit: query.limit + 1 })).nodes.length > query.limit;
}
