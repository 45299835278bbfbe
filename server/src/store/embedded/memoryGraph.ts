// The in-memory structure the graph queries run on. Deliberately tiny per node: the kind only (a shared
// frozen object), no texts; titles and the rest are read from SQLite for the few nodes a query returns.
import type { DatabaseSync } from 'node:sqlite';
import { UndirectedGraph } from 'graphology';
import type { CitationKind, NodeKind } from '../../domain/model.ts';

export interface NodeAttributes {
  readonly kind: NodeKind;
}
export interface EdgeAttributes {
  readonly kind: CitationKind;
}

const EPISODE_NODE: NodeAttributes = Object.freeze({ kind: 'EPISODE' });
const PAPER_NODE: NodeAttributes = Object.freeze({ kind: 'PAPER' });
const EDGE_OF_KIND: Record<CitationKind, EdgeAttributes> = {
  SOURCE: Object.freeze({ kind: 'SOURCE' }),
  RECOMMENDED: Object.freeze({ kind: 'RECOMMENDED' }),
};

/** Episodes and papers; one undirected edge per (episode, paper) pair however often the episode lists it. */
export type CitationGraph = UndirectedGraph<NodeAttributes, EdgeAttributes>;

export interface MemoryState {
  graph: CitationGraph;
  episodeCount: number;
  paperCount: number;
  /** Citation rows (source + every recommendation), as stored. */
  citationCount: number;
}

/** One episode's citations in listing order, as written to SQLite. */
export interface EpisodeEdges {
  episodeId: string;
  citations: { paperId: string; kind: CitationKind }[];
}

/** What a committed import changed; applying it only touches memory and cannot fail. */
export interface GraphDiff {
  addedPapers: string[];
  addedEpisodes: EpisodeEdges[];
  /** Their old edges are dropped and replaced. */
  updatedEpisodes: EpisodeEdges[];
  /** Left without citations by this import; their edges are gone once the episodes are rewired. */
  deletedPapers: string[];
  citationDelta: number;
}

export function nodeKind(graph: CitationGraph, id: string): NodeKind | null {
  return graph.hasNode(id) ? graph.getNodeAttributes(id).kind : null;
}

/** A few sequential scans, no per-row queries: restart time matters at 100k episodes. */
export function loadMemoryState(db: DatabaseSync): MemoryState {
  const graph: CitationGraph = new UndirectedGraph({ allowSelfLoops: false });
  const papers = db.prepare('SELECT id FROM papers');
  papers.setReturnArrays(true);
  let paperCount = 0;
  for (const row of papers.iterate() as Iterable<[string]>) {
    graph.addNode(row[0], PAPER_NODE);
    paperCount += 1;
  }
  const episodes = db.prepare('SELECT id FROM episodes');
  episodes.setReturnArrays(true);
  let episodeCount = 0;
  for (const row of episodes.iterate() as Iterable<[string]>) {
    graph.addNode(row[0], EPISODE_NODE);
    episodeCount += 1;
  }
  // Primary-key order: per episode, the source (position 0) comes first and so decides a repeated pair.
  const citations = db.prepare('SELECT episode_id, paper_id, kind FROM citations ORDER BY episode_id, position');
  citations.setReturnArrays(true);
  let citationCount = 0;
  for (const row of citations.iterate() as Iterable<[string, string, CitationKind]>) {
    addEdgeOnce(graph, row[0], row[1], row[2]);
    citationCount += 1;
  }
  return { graph, episodeCount, paperCount, citationCount };
}

export function applyGraphDiff(state: MemoryState, diff: GraphDiff): void {
  const { graph } = state;
  for (const paperId of diff.addedPapers) graph.addNode(paperId, PAPER_NODE);
  for (const episode of diff.updatedEpisodes) {
    for (const edge of graph.edges(episode.episodeId)) graph.dropEdge(edge);
    wire(graph, episode);
  }
  for (const episode of diff.addedEpisodes) {
    graph.addNode(episode.episodeId, EPISODE_NODE);
    wire(graph, episode);
  }
  for (const paperId of diff.deletedPapers) graph.dropNode(paperId);
  state.paperCount += diff.addedPapers.length - diff.deletedPapers.length;
  state.episodeCount += diff.addedEpisodes.length;
  state.citationCount += diff.citationDelta;
}

function wire(graph: CitationGraph, episode: EpisodeEdges): void {
  for (const citation of episode.citations) addEdgeOnce(graph, episode.episodeId, citation.paperId, citation.kind);
}

function addEdgeOnce(graph: CitationGraph, episodeId: string, paperId: string, kind: CitationKind): void {
  if (!graph.hasEdge(episodeId, paperId)) graph.addUndirectedEdge(episodeId, paperId, EDGE_OF_KIND[kind]);
}
