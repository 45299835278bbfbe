import { describe, expect, it } from 'vitest';

import {
  chooseLayout,
  clusterLayout,
  LARGE_VIEW,
  layoutSeed,
  minLabelFontSize,
  type PresetNode,
  withSeededRandom,
} from '../../web/src/lib/graph/layout.ts';

/** A stand-in for the cytoscape instance the preset layout reads: nodes and edges with data(). */
function fakeCore(
  nodes: { id: string; kind: string; weight: number }[],
  edges: { source: string; target: string }[],
) {
  const element = (data: Record<string, unknown>) => ({ data: (key: string) => data[key] });
  const nodeElements = nodes.map((n) => element(n));
  const edgeElements = edges.map((e) => element(e));
  let nodeReads = 0;
  const core = {
    nodes: () => {
      nodeReads += 1;
      return nodeElements;
    },
    edges: () => edgeElements,
  };
  const presetNode = (id: string): PresetNode => ({
    id: () => id,
    data: (k) => (k === 'id' ? id : undefined),
    cy: () => core,
  });
  return { presetNode, reads: () => nodeReads };
}

describe('layout choice', () => {
  it('uses animated fcose for small views, keeping positions when growing a view', () => {
    const fresh = chooseLayout({ nodeCount: 40, incremental: false });
    expect(fresh).toMatchObject({
      name: 'fcose',
      quality: 'default',
      randomize: true,
      animate: 'end',
    });
    expect(chooseLayout({ nodeCount: 40, incremental: true })).toMatchObject({ randomize: false });
    expect(chooseLayout({ nodeCount: 40, incremental: false, reducedMotion: true })).toMatchObject({
      animate: false,
    });
  });

  it('switches to the precomputed cluster layout (cytoscape preset) above the large-view threshold', () => {
    expect(chooseLayout({ nodeCount: LARGE_VIEW, incremental: false }).name).toBe('fcose');
    for (const nodeCount of [LARGE_VIEW + 1, 10_000]) {
      expect(chooseLayout({ nodeCount, incremental: true })).toMatchObject({
        name: 'preset',
        animate: false,
        fit: true,
      });
    }
  });

  it('computes the cluster positions once per run, for every node the preset layout asks about', () => {
    const { presetNode, reads } = fakeCore(
      [
        { id: 'p', kind: 'paper', weight: 2 },
        { id: 'a', kind: 'episode', weight: 1 },
        { id: 'b', kind: 'episode', weight: 1 },
      ],
      [
        { source: 'a', target: 'p' },
        { source: 'b', target: 'p' },
      ],
    );
    const positions = clusterLayout()['positions'] as (node: PresetNode) => {
      x: number;
      y: number;
    };
    const points = ['p', 'a', 'b'].map((id) => positions(presetNode(id)));
    expect(reads()).toBe(1);
    expect(new Set(points.map((p) => `${p.x},${p.y}`)).size).toBe(3);
    for (const p of points) expect(Number.isFinite(p.x) && Number.isFinite(p.y)).toBe(true);
    // A node added after the positions were computed still gets a place rather than an error.
    expect(positions(presetNode('late'))).toEqual({ x: 0, y: 0 });
  });

  it('never picks cola or cose', () => {
    for (const nodeCount of [1, 500, 1500, 10_000]) {
      expect(['fcose', 'preset']).toContain(chooseLayout({ nodeCount, incremental: false }).name);
    }
  });

  it('hides small labels only on large views', () => {
    expect(minLabelFontSize(100)).toBe(0);
    expect(minLabelFontSize(LARGE_VIEW + 1)).toBeGreaterThan(0);
  });
});

describe('seeded layout runs', () => {
  it('gives the same random sequence for the same seed and restores Math.random', () => {
    const original = Math.random;
    const draw = () => [Math.random(), Math.random(), Math.random()];
    const first = withSeededRandom(layoutSeed(['a', 'b']), draw);
    expect(withSeededRandom(layoutSeed(['a', 'b']), draw)).toEqual(first);
    expect(withSeededRandom(layoutSeed(['a', 'c']), draw)).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Math.random).toBe(original);
    expect(() =>
      withSeededRandom(1, () => {
        throw new Error('layout failed');
      }),
    ).toThrow('layout failed');
    expect(Math.random).toBe(original);
  });
});
