// API graphs → cytoscape element JSON, and the diff that patches a live cytoscape instance
// (the same add / remove / update-by-id approach as react-cytoscapejs' patch).
import type {
  CitationKind,
  GraphData,
  GraphEdge,
  GraphNode,
  NodeKind,
  ReferenceEdge,
} from '../api.ts';

interface NodeElementData {
  id: string;
  kind: 'episode' | 'paper';
  label: string;
  weight: number;
  /** Diameter in px; papers grow with the number of citing episodes. */
  size: number;
  /** 0 for the best-connected node of the view: labels are drawn in this order as room allows. */
  rank: number;
  /** Timeline colouring: where the episode's date falls between the view's oldest (0) and newest (1). */
  dateShare?: number;
  /** Index into TOPIC_COLOURS (or OTHER_TOPIC / NO_TOPIC) when papers are coloured by topic. */
  topicIndex?: number;
}

interface EdgeElementData {
  id: string;
  source: string;
  target: string;
  /** A citation (episode → paper) by its kind, or a paper's reference to another paper. */
  kind: 'source' | 'recommended' | 'mentioned' | 'reference';
}

interface NodeElement {
  group: 'nodes';
  data: NodeElementData;
  classes: string;
}

interface EdgeElement {
  group: 'edges';
  data: EdgeElementData;
  classes: string;
}

export type GraphElement = NodeElement | EdgeElement;

interface ElementUpdate {
  id: string;
  data?: NodeElementData | EdgeElementData;
  classes?: string;
}

export interface ElementDiff {
  /** Nodes before edges, so an edge never arrives ahead of its ends. */
  add: GraphElement[];
  /** Ids to remove. */
  remove: string[];
  update: ElementUpdate[];
}

export interface Decorations {
  focus?: string | null;
  selected?: string | null;
  /** Node ids of each highlighted path, in path order. */
  paths?: readonly (readonly string[])[];
  /** Colour index per paper (topics.ts: topicColourIndex), to colour papers by topic. */
  topicColours?: ReadonlyMap<string, number> | null;
  /** Episode publication dates, to colour episodes along a timeline. */
  dates?: Readonly<Record<string, string | null>> | null;
}

export const PAPER_SIZE = { min: 22, max: 76 } as const;
export const EPISODE_SIZE = 34;

/** Edges have no id in the API: kind + ends identify one (an episode cites a paper once per kind). */
export function edgeId(edge: Pick<GraphEdge, 'kind' | 'source' | 'target'>): string {
  return `${edge.kind}|${edge.source}|${edge.target}`;
}

/** A reference edge's id: its ends, apart from the citations' ids by the kind in front. */
function referenceEdgeId(edge: ReferenceEdge): string {
  return `REFERENCE|${edge.source}|${edge.target}`;
}

/** Union of several graphs; a node seen twice keeps its last copy, edges are deduplicated. */
export function mergeGraphs(...graphs: readonly (GraphData | null | undefined)[]): GraphData {
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const references = new Map<string, ReferenceEdge>();
  for (const graph of graphs) {
    if (!graph) continue;
    for (const node of graph.nodes) nodes.set(node.id, node);
    for (const edge of graph.edges) edges.set(edgeId(edge), edge);
    for (const edge of graph.referenceEdges ?? []) references.set(referenceEdgeId(edge), edge);
  }
  return {
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    ...(references.size > 0 ? { referenceEdges: [...references.values()] } : {}),
  };
}

/** The reference edges of `graph` whose two ends are among `nodes`: none is drawn to a paper not drawn. */
export function referencesAmong(
  graph: GraphData,
  nodes: readonly GraphNode[],
): Pick<GraphData, 'referenceEdges'> {
  if (!graph.referenceEdges) return {};
  const papers = new Set(nodes.filter((n) => n.kind === 'PAPER').map((n) => n.id));
  return {
    referenceEdges: graph.referenceEdges.filter(
      (e) => papers.has(e.source) && papers.has(e.target),
    ),
  };
}

/** Drops the given nodes, and every edge whose end is missing from the graph. */
export function withoutNodes(graph: GraphData, hidden: readonly string[]): GraphData {
  const gone = new Set(hidden);
  const nodes = graph.nodes.filter((n) => !gone.has(n.id));
  const present = new Set(nodes.map((n) => n.id));
  const edges = graph.edges.filter((e) => present.has(e.source) && present.has(e.target));
  return { nodes, edges, ...referencesAmong(graph, nodes) };
}

/** Heaviest first (papers: citing episodes, episodes: cited papers), ties by id so the order is stable. */
export function bestConnectedFirst(a: GraphNode, b: GraphNode): number {
  return b.weight - a.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Each dated episode's place between the oldest (0) and newest (1) dated episode of the graph. */
function timeline(
  graph: GraphData,
  dates: Readonly<Record<string, string | null>> | null,
): Map<string, number> {
  const shares = new Map<string, number>();
  if (!dates) return shares;
  const days = new Map<string, number>();
  for (const node of graph.nodes) {
    const date = node.kind === 'EPISODE' ? dates[node.id] : null;
    if (date) days.set(node.id, Date.parse(`${date}T00:00:00Z`));
  }
  const values = [...days.values()];
  const oldest = Math.min(...values);
  const span = Math.max(...values) - oldest;
  for (const [id, day] of days)
    shares.set(id, span > 0 ? Math.round(((day - oldest) / span) * 1000) / 1000 : 1);
  return shares;
}

/** Square-root scale so one heavily cited paper does not dwarf the rest. */
export function paperSize(weight: number, maxWeight: number): number {
  if (maxWeight <= 1 || weight <= 1) return PAPER_SIZE.min;
  const t = Math.sqrt(weight - 1) / Math.sqrt(maxWeight - 1);
  return Math.round(PAPER_SIZE.min + Math.min(1, t) * (PAPER_SIZE.max - PAPER_SIZE.min));
}

function kindOfNode(kind: NodeKind): NodeElementData['kind'] {
  return kind === 'EPISODE' ? 'episode' : 'paper';
}

function kindOfEdge(kind: CitationKind): EdgeElementData['kind'] {
  return kind === 'SOURCE' ? 'source' : kind === 'MENTIONS' ? 'mentioned' : 'recommended';
}

/** Unordered pairs of consecutive nodes of any path, as `a|b` with a < b. */
function pathPairs(paths: readonly (readonly string[])[]): Set<string> {
  const pairs = new Set<string>();
  for (const path of paths) {
    for (let i = 1; i < path.length; i++) {
      const a = path[i - 1] as string;
      const b = path[i] as string;
      pairs.add(a < b ? `${a}|${b}` : `${b}|${a}`);
    }
  }
  return pairs;
}

export function toElements(graph: GraphData, decorations: Decorations = {}): GraphElement[] {
  const paths = decorations.paths ?? [];
  const onPath = new Set(paths.flat());
  const pairs = pathPairs(paths);
  const hasPath = onPath.size > 0;
  const maxWeight = graph.nodes.reduce(
    (max, n) => (n.kind === 'PAPER' ? Math.max(max, n.weight) : max),
    1,
  );
  const rankOf = new Map([...graph.nodes].sort(bestConnectedFirst).map((n, i) => [n.id, i]));
  const shareOf = timeline(graph, decorations.dates ?? null);

  const nodes: NodeElement[] = graph.nodes.map((node) => {
    const kind = kindOfNode(node.kind);
    const classes: string[] = [kind];
    if (node.id === decorations.focus) classes.push('focus');
    if (node.id === decorations.selected) classes.push('selected');
    if (onPath.has(node.id)) classes.push('on-path');
    else if (hasPath) classes.push('faded');
    return {
      group: 'nodes',
      data: {
        id: node.id,
        kind,
        label: node.label,
        weight: node.weight,
        size: kind === 'paper' ? paperSize(node.weight, maxWeight) : EPISODE_SIZE,
        rank: rankOf.get(node.id) ?? 0,
        ...(shareOf.has(node.id) ? { dateShare: shareOf.get(node.id) } : {}),
        ...(decorations.topicColours?.has(node.id)
          ? { topicIndex: decorations.topicColours.get(node.id) }
          : {}),
      },
      classes: classes.join(' '),
    };
  });

  const edges: EdgeElement[] = graph.edges.map((edge) => {
    const kind = kindOfEdge(edge.kind);
    const key =
      edge.source < edge.target ? `${edge.source}|${edge.target}` : `${edge.target}|${edge.source}`;
    const classes: string[] = [kind];
    if (pairs.has(key)) classes.push('on-path');
    else if (hasPath) classes.push('faded');
    return {
      group: 'edges',
      data: { id: edgeId(edge), source: edge.source, target: edge.target, kind },
      classes: classes.join(' '),
    };
  });

  const references: EdgeElement[] = (referencesAmong(graph, graph.nodes).referenceEdges ?? []).map(
    (edge) => ({
      group: 'edges',
      data: {
        id: referenceEdgeId(edge),
        source: edge.source,
        target: edge.target,
        kind: 'reference',
      },
      // A path runs through citations only, so beside one a reference edge fades.
      classes: hasPath ? 'reference faded' : 'reference',
    }),
  );

  return [...nodes, ...edges, ...references];
}

function sameData(
  a: NodeElementData | EdgeElementData,
  b: NodeElementData | EdgeElementData,
): boolean {
  const keysA = Object.keys(a) as (keyof typeof a)[];
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  return keysA.every(
    (key) =>
      (a as unknown as Record<string, unknown>)[key] ===
      (b as unknown as Record<string, unknown>)[key],
  );
}

/** What to add, remove and update to turn the `previous` elements into `next`, matched by id. */
export function diffElements(
  previous: readonly GraphElement[],
  next: readonly GraphElement[],
): ElementDiff {
  const before = new Map(previous.map((e) => [e.data.id, e]));
  const after = new Map(next.map((e) => [e.data.id, e]));

  const remove = previous.filter((e) => !after.has(e.data.id)).map((e) => e.data.id);
  const added: GraphElement[] = [];
  const update: ElementUpdate[] = [];

  for (const element of next) {
    const old = before.get(element.data.id);
    // A node that turned into an edge (or back) cannot be patched: replace it.
    if (!old || old.group !== element.group) {
      if (old) remove.push(old.data.id);
      added.push(element);
      continue;
    }
    const change: ElementUpdate = { id: element.data.id };
    if (!sameData(old.data, element.data)) change.data = element.data;
    if (old.classes !== element.classes) change.classes = element.classes;
    if (change.data || change.classes !== undefined) update.push(change);
  }

  const add = [
    ...added.filter((e) => e.group === 'nodes'),
    ...added.filter((e) => e.group === 'edges'),
  ];
  return { add, remove, update };
}

/** True when the diff changes which elements exist (a new layout is due), not just their look. */
export function changesStructure(diff: ElementDiff): boolean {
  return diff.add.length > 0 || diff.remove.length > 0;
}
