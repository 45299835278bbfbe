// The in-memory structure the graph queries run on: integer node numbers, typed arrays, neighbour lists
// in one compressed (CSR) block, and each node's title (the graph view's labels: reading 2,000 titles
// from SQLite took 5.4 of the 9.3 ms of a 2,000-node view at 100k episodes; in memory they cost ~35 MB).
//
// Why not graphology (which this replaced): at the issue-5 size (100k episodes, 408k papers, 450k
// citations) graphology took 2.6 s of the 3.2 s restart and the API process sat at 593 MB resident
// against a 600 MB goal; the store engineer measured 7.3 s / ~450 MB at 1.1M citations. Per node it
// keeps an object with neighbour maps and per edge an object with attributes. Here a node costs its id
// string, a Map entry and a few typed-array bytes, an edge 5 bytes per direction, and the arrays are
// invisible to the garbage collector's marking. Loading is a few sequential scans and array fills.
//
// Imports change the graph after load: a changed node's neighbour list moves out of the CSR block into
// a plain array (`#patched`), and once many have, the block is rebuilt (`#compact`). Neighbour order is
// insertion order (an episode's citations in listing order, a paper's citers in import order), as in
// graphology, so paths and tie-breaks stay what they were.
//
// The whole structure is a handful of typed arrays and two string columns, so it is saved as a graph
// file (graphFile.ts) and opened from it without touching SQLite; titles are decoded on first use.
import type { DatabaseSync } from 'node:sqlite';

import type { CitationKind, NodeKind } from '../../domain/model.ts';
import { type EncodedIndex, NodeIds } from './nodeIds.ts';
import { type EncodedStrings, StringColumn } from './stringColumn.ts';

const FREE = 0;
const EPISODE = 1;
const PAPER = 2;
const SOURCE_EDGE = 0;
const RECOMMENDED_EDGE = 1;
const MENTIONS_EDGE = 2;
/** Sorts after every real date when ordering newest first. */
export const NO_DAY = -2_147_483_648;

const EDGE_KIND_CODE: Record<CitationKind, number> = {
  SOURCE: SOURCE_EDGE,
  RECOMMENDED: RECOMMENDED_EDGE,
  MENTIONS: MENTIONS_EDGE,
};
const EDGE_KINDS: readonly CitationKind[] = ['SOURCE', 'RECOMMENDED', 'MENTIONS'];

interface Adjacency {
  targets: number[];
  kinds: number[];
}

/** The graph as a graph file holds it (the CSR block compacted, no patched lists). */
export interface GraphArrays {
  /** Per node: 0 removed, 1 episode, 2 paper. */
  kind: Uint8Array<ArrayBuffer>;
  day: Int32Array<ArrayBuffer>;
  offsets: Int32Array<ArrayBuffer>;
  targets: Int32Array<ArrayBuffer>;
  edgeKinds: Uint8Array<ArrayBuffer>;
  ids: EncodedStrings;
  index: EncodedIndex;
  titles: EncodedStrings;
}

/** `YYYY-MM-DD` → days since 1970-01-01 (NO_DAY for null), so dates order as numbers. */
function dayNumber(isoDate: string | null): number {
  if (isoDate === null) return NO_DAY;
  return Math.round(
    Date.UTC(
      Number(isoDate.slice(0, 4)),
      Number(isoDate.slice(5, 7)) - 1,
      Number(isoDate.slice(8, 10)),
    ) / 86_400_000,
  );
}

export class CitationGraph {
  #ids = NodeIds.of([]);
  #kind = new Uint8Array(0);
  /** Episodes: publication day (NO_DAY when unknown); papers: NO_DAY. */
  #day = new Int32Array(0);
  /** Episode titles; paper titles or null for untitled papers. */
  #titles = StringColumn.of([]);
  #offsets = new Int32Array(1);
  #targets = new Int32Array(0);
  #edgeKinds = new Uint8Array(0);
  /** Nodes whose neighbours changed since the CSR block was built. */
  readonly #patched = new Map<number, Adjacency>();

  /** Slots ever allocated (node numbers are below this). */
  get capacity(): number {
    return this.#ids.length;
  }

  /** The node's number, or -1. */
  indexOf(id: string): number {
    return this.#ids.indexOf(id);
  }

  idOf(node: number): string {
    return this.#ids.idOf(node);
  }

  kindOf(id: string): NodeKind | null {
    const node = this.indexOf(id);
    return node < 0 ? null : this.isEpisode(node) ? 'EPISODE' : 'PAPER';
  }

  isEpisode(node: number): boolean {
    return this.#kind[node] === EPISODE;
  }

  day(node: number): number {
    return this.#day[node]!;
  }

  title(node: number): string | null {
    return this.#titles.get(node);
  }

  setTitle(node: number, title: string | null): void {
    this.#titles.set(node, title);
  }

  /** Distinct neighbours: citing episodes of a paper, distinct cited papers of an episode. */
  degree(node: number): number {
    const patch = this.#patched.get(node);
    if (patch) return patch.targets.length;
    return node + 1 < this.#offsets.length ? this.#offsets[node + 1]! - this.#offsets[node]! : 0;
  }

  /** Calls `visit(neighbour, edgeKind)` in insertion order. */
  forEachNeighbour(node: number, visit: (neighbour: number, kind: CitationKind) => void): void {
    const patch = this.#patched.get(node);
    if (patch) {
      for (let i = 0; i < patch.targets.length; i += 1)
        visit(patch.targets[i]!, EDGE_KINDS[patch.kinds[i]!]!);
      return;
    }
    if (node + 1 >= this.#offsets.length) return;
    for (let i = this.#offsets[node]!, end = this.#offsets[node + 1]!; i < end; i += 1) {
      visit(this.#targets[i]!, EDGE_KINDS[this.#edgeKinds[i]!]!);
    }
  }

  /** Neighbour numbers in insertion order (a fresh array the caller may sort). */
  neighbours(node: number): number[] {
    const patch = this.#patched.get(node);
    if (patch) return [...patch.targets];
    if (node + 1 >= this.#offsets.length) return [];
    return Array.from(this.#targets.subarray(this.#offsets[node]!, this.#offsets[node + 1]!));
  }

  /** Kind of the edge between two nodes, or null when they are not neighbours. */
  edgeKind(a: number, b: number): CitationKind | null {
    let found: CitationKind | null = null;
    this.forEachNeighbour(a, (n, kind) => {
      if (found === null && n === b) found = kind;
    });
    return found;
  }

  addNode(id: string, kind: NodeKind, title: string | null, day: number = NO_DAY): number {
    const existing = this.#ids.indexOf(id);
    if (existing >= 0) return existing;
    const node = this.#ids.add(id);
    this.#ensureCapacity(node + 1);
    this.#titles.push(title);
    this.#kind[node] = kind === 'EPISODE' ? EPISODE : PAPER;
    this.#day[node] = day;
    return node;
  }

  setDay(node: number, day: number): void {
    this.#day[node] = day;
  }

  /** Replaces an episode's edges with `citations` (one edge per paper; the first listing decides the kind). */
  setEpisodeEdges(
    episode: number,
    citations: readonly { paperId: string; kind: CitationKind }[],
  ): void {
    for (const paper of this.neighbours(episode)) {
      const list = this.#patch(paper);
      const at = list.targets.indexOf(episode);
      if (at >= 0) {
        list.targets.splice(at, 1);
        list.kinds.splice(at, 1);
      }
    }
    const own: Adjacency = { targets: [], kinds: [] };
    for (const citation of citations) {
      const paper = this.#ids.indexOf(citation.paperId);
      if (paper < 0) throw new Error(`graph update cites unknown paper ${citation.paperId}`);
      if (own.targets.includes(paper)) continue;
      const kind = EDGE_KIND_CODE[citation.kind];
      own.targets.push(paper);
      own.kinds.push(kind);
      const list = this.#patch(paper);
      list.targets.push(episode);
      list.kinds.push(kind);
    }
    this.#patched.set(episode, own);
  }

  /** Drops a node that has no edges left. */
  removeNode(id: string): void {
    const node = this.#ids.indexOf(id);
    if (node < 0) return;
    if (this.degree(node) > 0) throw new Error(`graph update removes ${id}, which still has edges`);
    this.#ids.remove(node);
    this.#titles.set(node, null);
    this.#kind[node] = FREE;
    this.#patched.set(node, { targets: [], kinds: [] });
  }

  /** Folds patched neighbour lists back into one CSR block once they are many (amortised O(1) per change). */
  compactIfWorthIt(): void {
    if (this.#patched.size > 4_096 && this.#patched.size * 8 > this.#ids.length) this.#compact();
  }

  #patch(node: number): Adjacency {
    let list = this.#patched.get(node);
    if (!list) {
      const targets = this.neighbours(node);
      const kinds: number[] = [];
      this.forEachNeighbour(node, (_n, kind) => kinds.push(EDGE_KIND_CODE[kind]));
      list = { targets, kinds };
      this.#patched.set(node, list);
    }
    return list;
  }

  #ensureCapacity(needed: number): void {
    if (needed <= this.#kind.length) return;
    const size = Math.max(needed, Math.ceil(this.#kind.length * 1.5), 1_024);
    const kind = new Uint8Array(size);
    kind.set(this.#kind);
    const day = new Int32Array(size).fill(NO_DAY);
    day.set(this.#day);
    this.#kind = kind;
    this.#day = day;
  }

  #compact(): void {
    const n = this.#ids.length;
    const offsets = new Int32Array(n + 1);
    let edges = 0;
    for (let node = 0; node < n; node += 1) {
      offsets[node] = edges;
      edges += this.degree(node);
    }
    offsets[n] = edges;
    const targets = new Int32Array(edges);
    const kinds = new Uint8Array(edges);
    for (let node = 0; node < n; node += 1) {
      let at = offsets[node]!;
      this.forEachNeighbour(node, (neighbour, kind) => {
        targets[at] = neighbour;
        kinds[at] = EDGE_KIND_CODE[kind];
        at += 1;
      });
    }
    this.#offsets = offsets;
    this.#targets = targets;
    this.#edgeKinds = kinds;
    this.#patched.clear();
  }

  /** What a graph file stores; folds patched lists into the CSR block first. */
  toArrays(): GraphArrays {
    if (this.#patched.size > 0) this.#compact();
    const n = this.#ids.length;
    const { ids, index } = this.#ids.encode((node) => this.#kind[node] !== FREE);
    // Copies of the arrays that change in place (the file is written after later imports may have run);
    // the CSR block is only ever replaced whole.
    return {
      kind: this.#kind.slice(0, n),
      day: this.#day.slice(0, n),
      offsets: this.#offsets,
      targets: this.#targets,
      edgeKinds: this.#edgeKinds,
      ids,
      index,
      titles: this.#titles.encode(),
    };
  }

  /** The graph over a graph file's arrays, used in place (the caller checked their lengths). */
  static fromArrays(arrays: GraphArrays): CitationGraph {
    const graph = new CitationGraph();
    graph.#ids = NodeIds.fromFile(arrays.ids, arrays.index);
    graph.#titles = StringColumn.decodedLazily(arrays.titles);
    graph.#kind = arrays.kind;
    graph.#day = arrays.day;
    graph.#offsets = arrays.offsets;
    graph.#targets = arrays.targets;
    graph.#edgeKinds = arrays.edgeKinds;
    return graph;
  }

  /** Builds the CSR block in one go from edges listed per episode (used at load). */
  static build(
    nodes: {
      ids: string[];
      titles: (string | null)[];
      episodeDays: Map<number, number>;
      firstEpisode: number;
    },
    edges: { from: Int32Array; to: Int32Array; kind: Uint8Array; count: number },
  ): CitationGraph {
    const graph = new CitationGraph();
    const n = nodes.ids.length;
    graph.#ensureCapacity(n);
    graph.#ids = NodeIds.of(nodes.ids);
    graph.#titles = StringColumn.of(nodes.titles);
    for (let node = 0; node < n; node += 1)
      graph.#kind[node] = node >= nodes.firstEpisode ? EPISODE : PAPER;
    for (const [node, day] of nodes.episodeDays) graph.#day[node] = day;
    const degree = new Int32Array(n + 1);
    for (let e = 0; e < edges.count; e += 1) {
      degree[edges.from[e]!]! += 1;
      degree[edges.to[e]!]! += 1;
    }
    const offsets = new Int32Array(n + 1);
    for (let node = 0; node < n; node += 1) offsets[node + 1] = offsets[node]! + degree[node]!;
    const cursor = offsets.slice(0, n);
    const targets = new Int32Array(edges.count * 2);
    const kinds = new Uint8Array(edges.count * 2);
    for (let e = 0; e < edges.count; e += 1) {
      const a = edges.from[e]!;
      const b = edges.to[e]!;
      targets[cursor[a]!] = b;
      kinds[cursor[a]!++] = edges.kind[e]!;
      targets[cursor[b]!] = a;
      kinds[cursor[b]!++] = edges.kind[e]!;
    }
    graph.#offsets = offsets;
    graph.#targets = targets;
    graph.#edgeKinds = kinds;
    return graph;
  }
}

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
  title: string;
  /** YYYY-MM-DD or null: orders an episode among a paper's citers. */
  publishedAt: string | null;
  citations: { paperId: string; kind: CitationKind }[];
}

/** What a committed import changed; applying it only touches memory and cannot fail. */
export interface GraphDiff {
  addedPapers: { id: string; title: string | null }[];
  /** Updated papers with their (possibly new: a first title for an untitled one) title. */
  retitledPapers: { id: string; title: string | null }[];
  addedEpisodes: EpisodeEdges[];
  /** Their old edges are dropped and replaced. */
  updatedEpisodes: EpisodeEdges[];
  /** Left without citations by this import; their edges are gone once the episodes are rewired. */
  deletedPapers: string[];
  citationDelta: number;
}

/** Sequential scans, no per-row queries, rows as arrays: restart time matters at 100k episodes. */
export function loadMemoryState(db: DatabaseSync): MemoryState {
  const ids: string[] = [];
  const titles: (string | null)[] = [];
  const index = new Map<string, number>();
  const papers = db.prepare('SELECT id, title FROM papers');
  papers.setReturnArrays(true);
  for (const row of papers.iterate() as Iterable<[string, string | null]>) {
    index.set(row[0], ids.length);
    ids.push(row[0]);
    titles.push(row[1]);
  }
  const paperCount = ids.length;
  const episodes = db.prepare('SELECT id, published_at, title FROM episodes');
  episodes.setReturnArrays(true);
  const episodeDays = new Map<number, number>();
  for (const row of episodes.iterate() as Iterable<[string, string | null, string]>) {
    index.set(row[0], ids.length);
    episodeDays.set(ids.length, dayNumber(row[1]));
    ids.push(row[0]);
    titles.push(row[2]);
  }
  const citationTotal = (db.prepare('SELECT count(*) AS n FROM citations').get() as { n: number })
    .n;
  const from = new Int32Array(citationTotal);
  const to = new Int32Array(citationTotal);
  const kind = new Uint8Array(citationTotal);
  let edges = 0;
  let citationCount = 0;
  // Primary-key order: per episode, the source (position 0) comes first and so decides a repeated pair.
  const citations = db.prepare(
    'SELECT episode_id, paper_id, kind FROM citations ORDER BY episode_id, position',
  );
  citations.setReturnArrays(true);
  let currentEpisodeId = '';
  let episode = -1;
  const seenPapers: number[] = [];
  for (const row of citations.iterate() as Iterable<[string, string, CitationKind]>) {
    citationCount += 1;
    // Rows come grouped by episode: one Map lookup per episode, not per row (string hashing dominates).
    if (row[0] !== currentEpisodeId) {
      currentEpisodeId = row[0];
      episode = index.get(currentEpisodeId)!;
      seenPapers.length = 0;
    }
    const paper = index.get(row[1])!;
    if (seenPapers.includes(paper)) continue;
    seenPapers.push(paper);
    from[edges] = episode;
    to[edges] = paper;
    kind[edges] = EDGE_KIND_CODE[row[2]];
    edges += 1;
  }
  const graph = CitationGraph.build(
    { ids, titles, episodeDays, firstEpisode: paperCount },
    { from, to, kind, count: edges },
  );
  return { graph, episodeCount: ids.length - paperCount, paperCount, citationCount };
}

export function applyGraphDiff(state: MemoryState, diff: GraphDiff): void {
  const { graph } = state;
  for (const paper of diff.addedPapers) graph.addNode(paper.id, 'PAPER', paper.title);
  for (const paper of diff.retitledPapers) graph.setTitle(graph.indexOf(paper.id), paper.title);
  for (const episode of diff.updatedEpisodes) {
    const node = graph.indexOf(episode.episodeId);
    graph.setDay(node, dayNumber(episode.publishedAt));
    graph.setTitle(node, episode.title);
    graph.setEpisodeEdges(node, episode.citations);
  }
  for (const episode of diff.addedEpisodes) {
    const node = graph.addNode(
      episode.episodeId,
      'EPISODE',
      episode.title,
      dayNumber(episode.publishedAt),
    );
    graph.setEpisodeEdges(node, episode.citations);
  }
  for (const paperId of diff.deletedPapers) graph.removeNode(paperId);
  graph.compactIfWorthIt();
  state.paperCount += diff.addedPapers.length - diff.deletedPapers.length;
  state.episodeCount += diff.addedEpisodes.length;
  state.citationCount += diff.citationDelta;
}
