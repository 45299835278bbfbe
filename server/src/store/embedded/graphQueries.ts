// Graph questions answered from the in-memory structure: related episodes, neighbourhoods, overview,
// shortest paths. They return ids and edges only; the store adds labels from SQLite.
import { bidirectional } from 'graphology-shortest-path/unweighted.js';
import type { GraphEdge, RelatedEpisode } from '../../domain/model.ts';
import type { GraphQuery } from '../store.ts';
import { nodeKind, type CitationGraph } from './memoryGraph.ts';

export interface GraphSkeleton {
  nodeIds: string[];
  edges: GraphEdge[];
}

const EMPTY: GraphSkeleton = { nodeIds: [], edges: [] };

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Papers: citing episodes. Episodes: distinct cited papers. */
export function nodeWeight(graph: CitationGraph, id: string): number {
  return graph.degree(id);
}

/**
 * Adamic–Adar: each shared paper p adds 1/ln(deg p), so sharing a paper two episodes cite says far more
 * than sharing one every episode cites. Shared papers are listed rarest first.
 */
export function relatedEpisodes(graph: CitationGraph, episodeId: string, limit: number): RelatedEpisode[] {
  if (limit <= 0 || nodeKind(graph, episodeId) !== 'EPISODE') return [];
  const found = new Map<string, { score: number; shared: string[] }>();
  // Fixed summation order: the same score to the last bit whatever order the graph was built in.
  for (const paperId of graph.neighbors(episodeId).sort(byId)) {
    const degree = graph.degree(paperId);
    if (degree < 2) continue;
    const weight = 1 / Math.log(degree);
    graph.forEachNeighbor(paperId, (otherId) => {
      if (otherId === episodeId) return;
      const entry = found.get(otherId);
      if (entry) {
        entry.score += weight;
        entry.shared.push(paperId);
      } else {
        found.set(otherId, { score: weight, shared: [paperId] });
      }
    });
  }
  const ranked = [...found].sort(([aId, a], [bId, b]) => b.score - a.score || byId(aId, bId)).slice(0, limit);
  return ranked.map(([otherId, { score, shared }]) => ({
    episodeId: otherId,
    score,
    sharedPaperIds: shared.sort((a, b) => graph.degree(a) - graph.degree(b) || byId(a, b)),
  }));
}

/**
 * Breadth-first from the focus, layer by layer. When a layer does not fit in `limit`, its heaviest nodes
 * win (weight desc, then id), so the answer is deterministic. Papers under `minCitations` are neither
 * returned nor walked through; the focus always stays.
 */
export function neighbourhood(graph: CitationGraph, focus: string, query: GraphQuery): GraphSkeleton {
  if (query.limit <= 0 || !graph.hasNode(focus)) return EMPTY;
  const selected = [focus];
  const seen = new Set(selected);
  const kept = keepPaper(graph, query.minCitations);
  let frontier = selected;
  for (let hop = 1; hop <= query.depth && frontier.length > 0 && selected.length < query.limit; hop += 1) {
    const layer = new Set<string>();
    for (const nodeId of frontier) {
      graph.forEachNeighbor(nodeId, (next) => {
        if (!seen.has(next) && kept(next)) layer.add(next);
      });
    }
    frontier = [...layer].sort(heaviestFirst(graph)).slice(0, query.limit - selected.length);
    for (const nodeId of frontier) {
      seen.add(nodeId);
      selected.push(nodeId);
    }
  }
  return { nodeIds: selected, edges: edgesAmong(graph, selected) };
}

/**
 * The whole graph within `limit`: newest episodes first, each followed by its papers (heaviest first),
 * so what fits is a connected, recent slice. With minCitations > 1 an episode comes only with at least
 * one of its remaining papers, never on its own.
 */
export function overview(graph: CitationGraph, episodesNewestFirst: Iterable<string>, query: GraphQuery): GraphSkeleton {
  if (query.limit <= 0) return EMPTY;
  const selected: string[] = [];
  const inView = new Set<string>();
  const add = (id: string) => {
    inView.add(id);
    selected.push(id);
  };
  const kept = keepPaper(graph, query.minCitations);
  for (const episodeId of episodesNewestFirst) {
    const room = query.limit - selected.length;
    if (room <= 0) break;
    if (!graph.hasNode(episodeId)) continue;
    const papers = graph.filterNeighbors(episodeId, kept).sort(heaviestFirst(graph));
    if (query.minCitations > 1) {
      const linked = papers.some((paperId) => inView.has(paperId));
      if (papers.length === 0 || (!linked && room < 2)) continue;
    }
    add(episodeId);
    for (const paperId of papers) {
      if (selected.length >= query.limit) break;
      if (!inView.has(paperId)) add(paperId);
    }
  }
  return { nodeIds: selected, edges: edgesAmong(graph, selected) };
}

/** Over the undirected graph; among equally short paths graphology picks one. */
export function shortestPath(graph: CitationGraph, fromId: string, toId: string): GraphSkeleton | null {
  if (!graph.hasNode(fromId) || !graph.hasNode(toId)) return null;
  if (fromId === toId) return { nodeIds: [fromId], edges: [] };
  const nodeIds = bidirectional(graph, fromId, toId);
  if (nodeIds === null) return null;
  const edges: GraphEdge[] = [];
  for (let i = 0; i + 1 < nodeIds.length; i += 1) {
    const a = nodeIds[i]!;
    const b = nodeIds[i + 1]!;
    const [episodeId, paperId] = nodeKind(graph, a) === 'EPISODE' ? [a, b] : [b, a];
    edges.push({ source: episodeId, target: paperId, kind: graph.getEdgeAttributes(graph.edge(a, b)!).kind });
  }
  return { nodeIds, edges };
}

function keepPaper(graph: CitationGraph, minCitations: number): (id: string) => boolean {
  return (id) => graph.getNodeAttributes(id).kind === 'EPISODE' || graph.degree(id) >= minCitations;
}

function heaviestFirst(graph: CitationGraph): (a: string, b: string) => number {
  return (a, b) => graph.degree(b) - graph.degree(a) || byId(a, b);
}

/** Edges with both ends in the selection, episode → paper, in selection order. */
function edgesAmong(graph: CitationGraph, selected: readonly string[]): GraphEdge[] {
  const position = new Map(selected.map((id, i) => [id, i]));
  const edges: GraphEdge[] = [];
  for (const episodeId of selected) {
    if (graph.getNodeAttributes(episodeId).kind !== 'EPISODE') continue;
    const own: { at: number; edge: GraphEdge }[] = [];
    graph.forEachEdge(episodeId, (_edge, attributes, source, target) => {
      const paperId = source === episodeId ? target : source;
      const at = position.get(paperId);
      if (at !== undefined) own.push({ at, edge: { source: episodeId, target: paperId, kind: attributes.kind } });
    });
    own.sort((a, b) => a.at - b.at);
    for (const { edge } of own) edges.push(edge);
  }
  return edges;
}
