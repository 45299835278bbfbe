import { describe, expect, it } from 'vitest';

import {
  CLUSTER_SPACING,
  type ClusterEdge,
  type ClusterNode,
  clusterPositions,
} from '../../web/src/lib/graph/clusterLayout.ts';

const paper = (id: string, weight: number): ClusterNode => ({ id, kind: 'paper', weight });
const episode = (id: string): ClusterNode => ({ id, kind: 'episode', weight: 1 });
const distance = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.hypot(a.x - b.x, a.y - b.y);

/** The bench's shape: a focus episode, its papers, and many episodes each citing one of them. */
function fan(papers: number, episodesPerPaper: number) {
  const nodes: ClusterNode[] = [episode('focus')];
  const edges: ClusterEdge[] = [];
  for (let p = 0; p < papers; p++) {
    nodes.push(paper(`p${p}`, episodesPerPaper + 1));
    edges.push({ source: 'focus', target: `p${p}` });
    for (let e = 0; e < episodesPerPaper; e++) {
      nodes.push(episode(`e${p}_${e}`));
      edges.push({ source: `e${p}_${e}`, target: `p${p}` });
    }
  }
  return { nodes, edges };
}

describe('cluster layout', () => {
  it('places every node once, at a finite point, and no two nodes closer than the node size', () => {
    const { nodes, edges } = fan(12, 160);
    const positions = clusterPositions(nodes, edges);
    expect(positions.size).toBe(nodes.length);
    const points = [...positions.values()];
    for (const p of points) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    // Grid buckets keep the pairwise check linear.
    const cell = 40;
    const buckets = new Map<string, { x: number; y: number }[]>();
    let closest = Infinity;
    for (const p of points) {
      const cx = Math.floor(p.x / cell);
      const cy = Math.floor(p.y / cell);
      for (let dx = -1; dx <= 1; dx++)
        for (let dy = -1; dy <= 1; dy++) {
          for (const q of buckets.get(`${cx + dx},${cy + dy}`) ?? [])
            closest = Math.min(closest, distance(p, q));
        }
      const key = `${cx},${cy}`;
      buckets.set(key, [...(buckets.get(key) ?? []), p]);
    }
    expect(closest).toBeGreaterThan(CLUSTER_SPACING / 2);
  });

  it('gathers each episode around the most cited paper it cites', () => {
    const nodes = [paper('big', 9), paper('small', 2), episode('both'), episode('onlySmall')];
    const edges = [
      { source: 'both', target: 'small' },
      { source: 'both', target: 'big' },
      { source: 'onlySmall', target: 'small' },
    ];
    const at = clusterPositions(nodes, edges);
    const both = at.get('both')!;
    expect(distance(both, at.get('big')!)).toBeLessThan(distance(both, at.get('small')!));
    const onlySmall = at.get('onlySmall')!;
    expect(distance(onlySmall, at.get('small')!)).toBeLessThan(distance(onlySmall, at.get('big')!));
  });

  it('keeps clusters apart: an episode is nearer its own paper than any other paper', () => {
    const { nodes, edges } = fan(6, 50);
    const at = clusterPositions(nodes, edges);
    for (let p = 0; p < 6; p++) {
      for (let e = 0; e < 50; e++) {
        const point = at.get(`e${p}_${e}`)!;
        const own = distance(point, at.get(`p${p}`)!);
        for (let q = 0; q < 6; q++)
          if (q !== p) expect(own).toBeLessThan(distance(point, at.get(`p${q}`)!));
      }
    }
  });

  it('gives the same picture whatever order the edges arrive in, and handles nodes without edges', () => {
    const { nodes, edges } = fan(4, 10);
    const loners = [episode('alone'), paper('uncited', 0)];
    const forward = clusterPositions([...nodes, ...loners], edges);
    const backward = clusterPositions([...nodes, ...loners], [...edges].reverse());
    expect([...backward.entries()]).toEqual([...forward.entries()]);
    expect(forward.get('alone')).toBeDefined();
    expect(clusterPositions([], []).size).toBe(0);
  });

  it('stays near-linear: 20,000 nodes lay out in well under a second', () => {
    const { nodes, edges } = fan(100, 199);
    const started = performance.now();
    clusterPositions(nodes, edges);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
