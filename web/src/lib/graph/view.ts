// What the explorer shows: the base graph plus expanded neighbourhoods, minus hidden nodes,
// plus the highlighted path (a path always stays visible, even through hidden nodes).
import type { GraphData, GraphNode } from '../api.ts';
import { bestConnectedFirst, mergeGraphs, referencesAmong, withoutNodes } from './elements.ts';
import { hasTopic, type PaperTopics } from './topics.ts';

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

/**
 * The `limit` best-connected nodes of a graph (weight: citing episodes of a paper, cited papers of
 * an episode; ties by id), with the edges between them.
 */
export function bestConnected(graph: GraphData, limit: number): GraphData {
  if (graph.nodes.length <= limit) return graph;
  const kept = [...graph.nodes].sort(bestConnectedFirst).slice(0, limit);
  const ids = new Set(kept.map((n) => n.id));
  return {
    nodes: graph.nodes.filter((n) => ids.has(n.id)),
    edges: graph.edges.filter((e) => ids.has(e.source) && ids.has(e.target)),
    ...referencesAmong(graph, kept),
  };
}

/** The citations each edge filter keeps (`all`: every kind). */
const CITATION_KIND = {
  all: null,
  source: 'SOURCE',
  recommended: 'RECOMMENDED',
  mentioned: 'MENTIONS',
} as const;

export interface ViewFilter {
  edgeKinds: keyof typeof CITATION_KIND;
  since: string | null;
  until: string | null;
  /** Publication date per episode id (needed for a date range). */
  dates: Readonly<Record<string, string | null>> | null;
  /** Only papers with this topic, and the episodes citing one. */
  topic?: string | null;
  /** Topics per paper id (needed for a topic). */
  topics?: PaperTopics | null;
  /** Nodes that stay whatever the filter (the focus, the selection). */
  keep: readonly (string | null)[];
}

/**
 * Bloom-style filters: only citations of one kind, only episodes published in a date range (an
 * episode without a date is outside any range), only papers of a topic (and the episodes citing
 * them); a paper left without a citation goes too.
 */
export function filterView(graph: GraphData, filter: ViewFilter): GraphData {
  const byKind = filter.edgeKinds !== 'all';
  const byDate = filter.since !== null || filter.until !== null;
  const topic = filter.topic ?? null;
  if (!byKind && !byDate && topic === null) return graph;
  const keep = new Set(filter.keep.filter((id): id is string => id !== null));
  const inRange = (id: string) => {
    const date = filter.dates?.[id] ?? null;
    return (
      date !== null &&
      (filter.since === null || date >= filter.since) &&
      (filter.until === null || date <= filter.until)
    );
  };
  const episodes = new Set(
    graph.nodes
      .filter((n) => n.kind === 'EPISODE' && (keep.has(n.id) || !byDate || inRange(n.id)))
      .map((n) => n.id),
  );
  const kind = CITATION_KIND[filter.edgeKinds];
  const onTopic = (paperId: string) =>
    topic === null || keep.has(paperId) || hasTopic(filter.topics?.[paperId], topic);
  const edges = graph.edges.filter(
    (e) => (!byKind || e.kind === kind) && episodes.has(e.source) && onTopic(e.target),
  );
  const cited = new Set(edges.map((e) => e.target));
  const citing = new Set(edges.map((e) => e.source));
  const shownEpisode = (id: string) =>
    episodes.has(id) && (topic === null || citing.has(id) || keep.has(id));
  const nodes = graph.nodes.filter((n) =>
    n.kind === 'EPISODE' ? shownEpisode(n.id) : cited.has(n.id) || keep.has(n.id),
  );
  return { nodes, edges, ...referencesAmong(graph, nodes) };
}

export interface NodeLists {
  episodes: GraphNode[];
  papers: GraphNode[];
}

/** One collator for every comparison: `localeCompare` with options builds one per call. */
const titleOrder = new Intl.Collator('en', { numeric: true });

/** The list equivalent of the drawing: episodes A–Z, papers most cited first. */
export function listNodes(graph: GraphData): NodeLists {
  const byLabel = (a: GraphNode, b: GraphNode) =>
    titleOrder.compare(a.label, b.label) || a.id.localeCompare(b.id);
  return {
    episodes: graph.nodes.filter((n) => n.kind === 'EPISODE').sort(byLabel),
    papers: graph.nodes
      .filter((n) => n.kind === 'PAPER')
      .sort((a, b) => b.weight - a.weight || byLabel(a, b)),
  };
}
