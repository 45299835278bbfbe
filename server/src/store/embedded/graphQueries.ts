// Graph questions answered from the in-memory structure: neighbourhoods, overview,
// shortest paths, a paper's citers in order. They work on node numbers and return ids and edges only;
// the store adds labels from SQLite.
import type { GraphEdge } from '../../domain/model.ts';
import { newestFirstBy } from '../../domain/newestFirst.ts';
import type { GraphQuery } from '../store.ts';
import { type CitationGraph, NO_DAY } from './memoryGraph.ts';

export interface GraphSkeleton {
  /** Node numbers (the store turns them into labelled nodes without looking their ids up again). */
  nodes: readonly number[];
  edges: GraphEdge[];
}

const EMPTY: GraphSkeleton = { nodes: [], edges: [] };

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A paper's citing episodes in the order `citationsByPaperIds` lists citations (source citations first,
 * then newest episode first, then episode id), enough of them that the first `limit` citation rows are
 * among their rows: every episode citing it as its source plus the `limit` newest others, sorted
 * newest first. Unknown or episode ids give [].
 */
export function citersInOrder(graph: CitationGraph, paperId: string, limit: number): string[] {
  const paper = graph.indexOf(paperId);
  if (paper < 0 || graph.isEpisode(paper) || limit <= 0) return [];
  const newerFirst = newestFirstBy(
    (episode: number) => (graph.day(episode) === NO_DAY ? null : graph.day(episode)),
    (episode) => graph.idOf(episode),
  );
  const sources: number[] = [];
  const newest: number[] = [];
  graph.forEachNeighbour(paper, (episode, kind) => {
    if (kind === 'SOURCE') {
      sources.push(episode);
      return;
    }
    if (newest.length === limit && newerFirst(episode, newest[limit - 1]!) >= 0) return;
    let at = newest.length;
    while (at > 0 && newerFirst(episode, newest[at - 1]!) < 0) at -= 1;
    newest.splice(at, 0, episode);
    if (newest.length > limit) newest.pop();
  });
  return [...sources, ...newest].sort(newerFirst).map((episode) => graph.idOf(episode));
}

/** A selection that may have been cut by `limit`: `truncated` when a larger limit would add nodes. */
type DrawnSkeleton = GraphSkeleton & { truncated: boolean };

/**
 * Breadth-first from the focus, layer by layer. When a layer does not fit in `limit`, its heaviest nodes
 * win (weight desc, then id), so the answer is deterministic. Papers under `minCitations` are neither
 * returned nor walked through; the focus always stays.
 */
export function neighbourhood(
  graph: CitationGraph,
  focus: string,
  query: GraphQuery,
): DrawnSkeleton {
  const start = graph.indexOf(focus);
  if (query.limit <= 0 || start < 0) return { ...EMPTY, truncated: false };
  const selected = [start];
  const seen = new Set(selected);
  const kept = keepPaper(graph, query.minCitations);
  let frontier = selected;
  let truncated = false;
  for (let hop = 1; hop <= query.depth && frontier.length > 0; hop += 1) {
    const layer = new Set<number>();
    for (const node of frontier) {
      graph.forEachNeighbour(node, (next) => {
        if (!seen.has(next) && kept(next)) layer.add(next);
      });
    }
    const room = query.limit - selected.length;
    // A full selection still looks one layer further: anything there is what `limit` left out.
    if (layer.size > room) truncated = true;
    if (room <= 0) break;
    frontier = [...layer].sort(heaviestFirst(graph)).slice(0, room);
    for (const node of frontier) {
      seen.add(node);
      selected.push(node);
    }
  }
  return { ...skeleton(graph, selected), truncated };
}

/**
 * The whole graph within `limit`: newest episodes first, each followed by its papers (heaviest first),
 * so what fits is a connected, recent slice. With minCitations > 1 an episode comes only with at least
 * one of its remaining papers, never on its own. Without a limit every episode that can be drawn comes
 * with all its remaining papers, so the view is cut exactly when one of those is left out.
 */
export function overview(
  graph: CitationGraph,
  episodesNewestFirst: Iterable<string>,
  query: GraphQuery,
): DrawnSkeleton {
  if (query.limit <= 0) return { ...EMPTY, truncated: false };
  const selected: number[] = [];
  const inView = new Set<number>();
  const add = (node: number) => {
    inView.add(node);
    selected.push(node);
  };
  const kept = keepPaper(graph, query.minCitations);
  let truncated = false;
  for (const episodeId of episodesNewestFirst) {
    const episode = graph.indexOf(episodeId);
    if (episode < 0) continue;
    const papers = graph.neighbours(episode).filter(kept);
    if (query.minCitations > 1 && papers.length === 0) continue;
    const room = query.limit - selected.length;
    if (room <= 0) {
      truncated = true;
      break;
    }
    if (query.minCitations > 1 && room < 2 && !papers.some((paper) => inView.has(paper))) {
      truncated = true;
      continue;
    }
    add(episode);
    for (const paper of papers.sort(heaviestFirst(graph))) {
      if (inView.has(paper)) continue;
      if (selected.length >= query.limit) {
        truncated = true;
        break;
      }
      add(paper);
    }
  }
  return { ...skeleton(graph, selected), truncated };
}

/**
 * Over the undirected graph, bidirectional breadth-first search expanding the smaller fringe, exactly as
 * graphology-shortest-path's `bidirectional` (which this store used before), so the same one of several
 * equally short paths is picked.
 */
export function shortestPath(
  graph: CitationGraph,
  fromId: string,
  toId: string,
): GraphSkeleton | null {
  const source = graph.indexOf(fromId);
  const target = graph.indexOf(toId);
  if (source < 0 || target < 0) return null;
  if (source === target) return { nodes: [source], edges: [] };
  const predecessor = new Map<number, number>([[source, -1]]);
  const successor = new Map<number, number>([[target, -1]]);
  let forward = [source];
  let reverse = [target];
  let meeting = -1;
  outer: while (forward.length > 0 && reverse.length > 0) {
    const forwards = forward.length <= reverse.length;
    const fringe = forwards ? forward : reverse;
    const [own, other] = forwards ? [predecessor, successor] : [successor, predecessor];
    const next: number[] = [];
    if (forwards) forward = next;
    else reverse = next;
    for (const node of fringe) {
      for (const neighbour of graph.neighbours(node)) {
        if (!own.has(neighbour)) {
          next.push(neighbour);
          own.set(neighbour, node);
        }
        if (other.has(neighbour)) {
          meeting = neighbour;
          break outer;
        }
      }
    }
  }
  if (meeting < 0) return null;
  const path: number[] = [];
  for (let node = meeting; node >= 0; node = predecessor.get(node)!) path.unshift(node);
  for (let node = successor.get(path[path.length - 1]!)!; node >= 0; node = successor.get(node)!)
    path.push(node);
  const edges: GraphEdge[] = [];
  for (let i = 0; i + 1 < path.length; i += 1) {
    const a = path[i]!;
    const b = path[i + 1]!;
    const [episode, paper] = graph.isEpisode(a) ? [a, b] : [b, a];
    edges.push({
      source: graph.idOf(episode),
      target: graph.idOf(paper),
      kind: graph.edgeKind(episode, paper)!,
    });
  }
  return { nodes: path, edges };
}

function keepPaper(graph: CitationGraph, minCitations: number): (node: number) => boolean {
  return (node) => graph.isEpisode(node) || graph.degree(node) >= minCitations;
}

function heaviestFirst(graph: CitationGraph): (a: number, b: number) => number {
  return (a, b) => graph.degree(b) - graph.degree(a) || byId(graph.idOf(a), graph.idOf(b));
}

/** The selection with the edges among it: episode → paper, in selection order. */
function skeleton(graph: CitationGraph, selected: readonly number[]): GraphSkeleton {
  const position = new Map(selected.map((node, i) => [node, i]));
  const edges: GraphEdge[] = [];
  for (const episode of selected) {
    if (!graph.isEpisode(episode)) continue;
    const own: { at: number; edge: GraphEdge }[] = [];
    const episodeId = graph.idOf(episode);
    graph.forEachNeighbour(episode, (paper, kind) => {
      const at = position.get(paper);
      if (at !== undefined)
        own.push({ at, edge: { source: episodeId, target: graph.idOf(paper), kind } });
    });
    own.sort((a, b) => a.at - b.at);
    for (const { edge } of own) edges.push(edge);
  }
  return { nodes: selected, edges };
}
