// What the explorer shows: the base graph plus expanded neighbourhoods, minus hidden nodes,
// plus the highlighted path (a path always stays visible, even through hidden nodes).
import type { GraphData, GraphNode } from '../api.ts';
import { mergeGraphs, withoutNodes } from './elements.ts';

export interface ViewParts {
  base: GraphData;
  expansions: readonly GraphData[];
  hidden: readonly string[];
  path?: GraphData | null;
}

export function composeView({ base, expansions, hidden, path }: ViewParts): GraphData {
  const shown = withoutNodes(mergeGraphs(base, ...expansions), hidden);
  return path ? mergeGraphs(shown, path) : shown;
}

export interface NodeLists {
  episodes: GraphNode[];
  papers: GraphNode[];
}

/** The list equivalent of the drawing: episodes A–Z, papers most cited first. */
export function listNodes(graph: GraphData): NodeLists {
  const byLabel = (a: GraphNode, b: GraphNode) => a.label.localeCompare(b.label, 'en', { numeric: true }) || a.id.localeCompare(b.id);
  return {
    episodes: graph.nodes.filter((n) => n.kind === 'EPISODE').sort(byLabel),
    papers: graph.nodes.filter((n) => n.kind === 'PAPER').sort((a, b) => b.weight - a.weight || byLabel(a, b)),
  };
}
