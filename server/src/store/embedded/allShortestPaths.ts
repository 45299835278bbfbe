// Every shortest path between two nodes of the in-memory graph, first `limit` of them in the order of
// their node-id sequences (the order the Neo4j store's ORDER BY gives), so both stores list the same ones.
import type { GraphEdge } from '../../domain/model.ts';
import type { CitationGraph } from './memoryGraph.ts';

const UNSEEN = -1;

/** One path: node numbers in order, and the episode → paper edge of each hop. */
export interface NodeChain {
  nodes: number[];
  edges: GraphEdge[];
}

/** Hop counts from `start` over the undirected graph, stopping once every node nearer than `stopAt`'s layer is known. */
function distancesFrom(graph: CitationGraph, start: number, stopAt: number): Map<number, number> {
  const distance = new Map<number, number>([[start, 0]]);
  let fringe = [start];
  for (let hops = 1; fringe.length > 0 && !distance.has(stopAt); hops += 1) {
    const next: number[] = [];
    for (const node of fringe) {
      graph.forEachNeighbour(node, (neighbour) => {
        if (distance.has(neighbour)) return;
        distance.set(neighbour, hops);
        next.push(neighbour);
      });
    }
    fringe = next;
  }
  return distance;
}

function edgeBetween(graph: CitationGraph, a: number, b: number): GraphEdge {
  const [episode, paper] = graph.isEpisode(a) ? [a, b] : [b, a];
  return {
    source: graph.idOf(episode),
    target: graph.idOf(paper),
    kind: graph.edgeKind(episode, paper)!,
  };
}

/**
 * A breadth-first search from each end gives every node's distance to both; a node lies on a shortest
 * path when the two add up to the length. A depth-first walk over those nodes, neighbours in id order,
 * yields the paths in id-sequence order and stops after `limit`, so a pair joined by millions of
 * shortest paths costs two searches and `limit` walks.
 */
export function allShortestPaths(
  graph: CitationGraph,
  fromId: string,
  toId: string,
  limit: number,
): NodeChain[] {
  const source = graph.indexOf(fromId);
  const target = graph.indexOf(toId);
  if (source < 0 || target < 0 || limit <= 0) return [];
  if (source === target) return [{ nodes: [source], edges: [] }];
  const fromSource = distancesFrom(graph, source, target);
  const length = fromSource.get(target);
  if (length === undefined) return [];
  const toTarget = distancesFrom(graph, target, source);
  const onShortestPath = (node: number, hops: number) =>
    fromSource.get(node) === hops && (toTarget.get(node) ?? UNSEEN) === length - hops;
  const nextSteps = new Map<number, number[]>();
  const stepsFrom = (node: number, hops: number): number[] => {
    let steps = nextSteps.get(node);
    if (steps === undefined) {
      steps = graph
        .neighbours(node)
        .filter((neighbour) => onShortestPath(neighbour, hops + 1))
        .sort((a, b) => (graph.idOf(a) < graph.idOf(b) ? -1 : 1));
      nextSteps.set(node, steps);
    }
    return steps;
  };
  const paths: NodeChain[] = [];
  const chain = [source];
  const walk = (node: number, hops: number): void => {
    if (node === target) {
      const nodes = [...chain];
      paths.push({
        nodes,
        edges: nodes.slice(1).map((next, i) => edgeBetween(graph, nodes[i]!, next)),
      });
      return;
    }
    for (const next of stepsFrom(node, hops)) {
      if (paths.length >= limit) return;
      chain.push(next);
      walk(next, hops + 1);
      chain.pop();
    }
  };
  walk(source, 0);
  return paths;
}
