// Whether the latest "Expand" showed anything new: expanding a node whose neighbours are all in view
// changes nothing in the drawing, and the explorer says so instead of staying silent.
import type { GraphData } from '../api.ts';
import { composeView } from '../graph/view.ts';

export interface ExpansionParts {
  base: GraphData;
  /** One graph per expanded node, in the order of `expanded`. */
  expansions: readonly GraphData[];
  expanded: readonly string[];
  hidden: readonly string[];
}

/**
 * The last expanded node when its expansion adds no node to what the view showed without it; null
 * otherwise, and when the expansion came back empty (the API refused it: a notice says why).
 */
export function expandedWithoutNews(parts: ExpansionParts): string | null {
  const last = parts.expanded.at(-1);
  const added = parts.expansions.at(-1);
  if (last === undefined || added === undefined || added.nodes.length === 0) return null;
  const before = composeView({
    base: parts.base,
    expansions: parts.expansions.slice(0, -1),
    hidden: parts.hidden,
  });
  const shown = new Set([...before.nodes.map((n) => n.id), ...parts.hidden]);
  return added.nodes.every((n) => shown.has(n.id)) ? last : null;
}
