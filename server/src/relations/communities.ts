// Groups episodes by Louvain community detection over the relation graph (graphology's
// implementation). Louvain because it maximises modularity on weighted graphs, needs no number of
// groups up front, and runs in near-linear time (a 10,000-episode graph in well under a second);
// label propagation is faster but unstable from run to run, and Leiden, which also guarantees
// connected communities, has no maintained JavaScript implementation. A seeded random source and a
// fixed insertion order make the result a function of the relations alone.
import { createRequire } from 'node:module';

import { UndirectedGraph } from 'graphology';
import type * as LouvainModule from 'graphology-communities-louvain';

// The package's declarations describe an ES default export, but it is a CommonJS function: under
// Node's module resolution only require() gives the function the declarations describe.
const louvain = createRequire(import.meta.url)(
  'graphology-communities-louvain',
) as typeof LouvainModule.default.default;

export interface WeightedEdge {
  a: string;
  b: string;
  weight: number;
}

const LOUVAIN_SEED = 0x9e3779b9;

/** mulberry32: a small seeded generator, so the same graph always gives the same communities. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Communities of two or more episodes, each sorted by id, in order of their smallest id. An episode
 * Louvain leaves alone despite having relations joins the community of its strongest relation; an
 * episode with no relation belongs to none.
 */
export function detectCommunities(edges: readonly WeightedEdge[]): string[][] {
  const graph = new UndirectedGraph<Record<string, never>, { weight: number }>();
  const sorted = edges
    .filter((edge) => edge.a !== edge.b && edge.weight > 0)
    .map((edge) =>
      compareIds(edge.a, edge.b) <= 0 ? edge : { a: edge.b, b: edge.a, weight: edge.weight },
    )
    .sort((x, y) => compareIds(x.a, y.a) || compareIds(x.b, y.b));
  const nodes = [...new Set(sorted.flatMap((edge) => [edge.a, edge.b]))].sort(compareIds);
  for (const node of nodes) graph.addNode(node);
  for (const { a, b, weight } of sorted) {
    if (graph.hasEdge(a, b)) continue;
    graph.addEdge(a, b, { weight });
  }
  if (graph.order === 0) return [];
  const community = louvain(graph, { getEdgeWeight: 'weight', rng: seededRandom(LOUVAIN_SEED) });

  const members = new Map<number, string[]>();
  const join = (id: number, node: string) => {
    const list = members.get(id);
    if (list) list.push(node);
    else members.set(id, [node]);
  };
  for (const node of nodes) join(community[node]!, node);
  for (const [id, list] of members) {
    if (list.length > 1) continue;
    const node = list[0]!;
    let strongest: string | null = null;
    let best = -Infinity;
    graph.forEachNeighbor(node, (neighbour: string) => {
      const weight = graph.getEdgeAttribute(node, neighbour, 'weight');
      if (weight > best || (weight === best && strongest !== null && neighbour < strongest)) {
        strongest = neighbour;
        best = weight;
      }
    });
    if (strongest === null) continue;
    members.delete(id);
    join(community[strongest]!, node);
  }
  return [...members.values()]
    .filter((list) => list.length > 1)
    .map((list) => list.sort(compareIds))
    .sort((x, y) => compareIds(x[0]!, y[0]!));
}
