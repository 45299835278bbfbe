import { describe, expect, it } from 'vitest';

import { byConnectedness, mapElements, nodeSizes } from '../../web/src/lib/map/elements.ts';
import {
  clusterLabelPlace,
  coverage,
  hiddenEpisodeLabels,
  shiftInside,
} from '../../web/src/lib/map/labels.ts';
import { mapLayout } from '../../web/src/lib/map/layout.ts';
import {
  fromLocalMap,
  listedLinks,
  mapCounts,
  type MapLink,
  type MapView,
} from '../../web/src/lib/map/mapData.ts';

const reason = (kind: MapLink['kind'], weight: number) => ({
  kind,
  label: `${kind} ${weight}`,
  weight,
});
const link = (source: string, target: string, weight: number): MapLink => ({
  source,
  target,
  weight,
  kind: 'SHARED_PAPER',
  reasons: [reason('SHARED_PAPER', weight)],
});
const node = (id: string, clusterId: string | null) => ({
  id,
  title: `Episode ${id}`,
  publishedAt: null,
  clusterId,
});

/** Two clusters of three, one episode in none. */
const view: MapView = {
  nodes: [
    node('a1', 'A'),
    node('a2', 'A'),
    node('a3', 'A'),
    node('b1', 'B'),
    node('b2', 'B'),
    node('b3', 'B'),
    node('lone', null),
  ],
  links: [
    link('a1', 'a2', 3),
    link('a1', 'a3', 2),
    link('b1', 'b2', 2.5),
    link('b2', 'b3', 1),
    link('a3', 'b1', 0.5),
  ],
  clusters: [
    { id: 'A', label: 'alpha', size: 10 },
    { id: 'B', label: 'beta', size: 3 },
  ],
  centre: null,
};

const distance = (p: { x: number; y: number }, q: { x: number; y: number }) =>
  Math.hypot(p.x - q.x, p.y - q.y);

describe('the map layout', () => {
  it('places every episode, each cluster in its own disc that no other overlaps', () => {
    const layout = mapLayout(view);
    expect([...layout.positions.keys()].sort()).toEqual(view.nodes.map((n) => n.id).sort());
    const [a, b] = [layout.clusters.get('A')!, layout.clusters.get('B')!];
    expect(distance(a, b)).toBeGreaterThanOrEqual(a.radius + b.radius);
    for (const n of view.nodes) {
      if (n.clusterId === null) continue;
      const disc = layout.clusters.get(n.clusterId)!;
      expect(distance(layout.positions.get(n.id)!, disc)).toBeLessThanOrEqual(disc.radius);
    }
  });

  it('gives the same places for the same view, whatever order the answer lists it in', () => {
    const shuffled = {
      ...view,
      nodes: [...view.nodes].reverse(),
      links: [...view.links].reverse(),
    };
    expect(mapLayout(shuffled).positions).toEqual(mapLayout(view).positions);
  });

  it("puts a local map's episode in the middle, the more related the closer", () => {
    const local: MapView = {
      nodes: [node('c', 'A'), node('near', 'A'), node('far', 'B')],
      links: [link('c', 'near', 4), link('c', 'far', 1)],
      clusters: view.clusters,
      centre: 'c',
    };
    const { positions } = mapLayout(local);
    expect(positions.get('c')).toEqual({ x: 0, y: 0 });
    expect(distance(positions.get('near')!, { x: 0, y: 0 })).toBeLessThan(
      distance(positions.get('far')!, { x: 0, y: 0 }),
    );
  });
});

describe('the map elements', () => {
  it('colour episodes by cluster, size them by relation weight, and widen stronger edges', () => {
    const elements = mapElements(view, mapLayout(view), 'a2');
    const nodes = new Map(
      elements.filter((e) => e.group === 'nodes').map((e) => [e.data['id'], e]),
    );
    expect(nodes.get('a1')!.data['colour']).toBe(nodes.get('a2')!.data['colour']);
    expect(nodes.get('a1')!.data['colour']).not.toBe(nodes.get('b1')!.data['colour']);
    expect(nodes.get('lone')!.data['colour']).not.toBe(nodes.get('a1')!.data['colour']);
    expect(nodes.get('a2')!.classes?.split(' ')).toContain('selected');
    expect(nodes.get('a1')!.classes?.split(' ')).not.toContain('selected');
    const sizes = nodeSizes(view);
    expect(sizes.get('a1')!).toBeGreaterThan(sizes.get('b3')!);
    const edges = elements.filter((e) => e.group === 'edges');
    expect(edges).toHaveLength(view.links.length);
    const width = (id: string) => Number(edges.find((e) => e.data['id'] === id)!.data['width']);
    expect(width('a1~a2')).toBeGreaterThan(width('a3~b1'));
  });

  it('count what they draw: nodes, edges, and nodes without an edge', () => {
    expect(mapCounts(view)).toEqual({ nodes: 7, edges: 5, isolated: 1 });
  });

  it('offer labels best connected first', () => {
    expect(byConnectedness(view).slice(0, 2)).toEqual(['a1', 'b2']);
    expect(byConnectedness(view).at(-1)).toBe('lone');
  });
});

describe('the local map', () => {
  it('joins the episode to its related ones and those among themselves, each pair once', () => {
    const cluster = { id: 'A', label: 'alpha', size: 4 };
    const related = (id: string, score: number, theirs: { id: string; score: number }[]) => ({
      score,
      reasons: [reason('SIMILAR_TEXT', score)],
      episode: {
        id,
        title: id,
        publishedAt: null,
        cluster,
        related: theirs.map((r) => ({
          score: r.score,
          reasons: [reason('SHARED_PAPER', r.score)],
          episode: { id: r.id },
        })),
      },
    });
    const map = fromLocalMap({
      id: 'c',
      title: 'centre',
      publishedAt: null,
      cluster,
      related: [
        related('x', 3, [
          { id: 'c', score: 3 },
          { id: 'y', score: 1 },
          { id: 'elsewhere', score: 9 },
        ]),
        related('y', 2, [{ id: 'x', score: 1 }]),
      ],
    });
    expect(map.centre).toBe('c');
    expect(map.nodes.map((n) => n.id)).toEqual(['c', 'x', 'y']);
    expect(map.links.map((l) => [l.source, l.target, l.kind])).toEqual([
      ['c', 'x', 'SIMILAR_TEXT'],
      ['c', 'y', 'SIMILAR_TEXT'],
      ['x', 'y', 'SHARED_PAPER'],
    ]);
    expect(map.clusters).toEqual([cluster]);
  });

  it("lists the selected episode's relations, else the strongest", () => {
    expect(listedLinks(view, 'b2', 10).map((l) => `${l.source}~${l.target}`)).toEqual([
      'b1~b2',
      'b2~b3',
    ]);
    expect(listedLinks(view, null, 2)).toEqual(view.links.slice(0, 2));
  });
});

describe('the map labels', () => {
  it('keep every cluster label and leave out an episode label covering one or a better-connected one', () => {
    const box = (id: string, x1: number) => ({ id, x1, y1: 0, x2: x1 + 50, y2: 10 });
    const area = { x1: 0, y1: 0, x2: 400, y2: 100 };
    const hidden = hiddenEpisodeLabels(
      [box('cluster', 0)],
      [
        box('covers-cluster', 20),
        box('first', 100),
        box('covers-first', 120),
        box('free', 300),
        box('cut', 380),
      ],
      area,
    );
    expect([...hidden].sort()).toEqual(['covers-cluster', 'covers-first', 'cut']);
  });

  it('move a cluster label cut at an edge back inside', () => {
    const area = { x1: 0, y1: 0, x2: 400, y2: 100 };
    const at = (x1: number, x2: number) => ({ x1, x2, y1: 0, y2: 10 });
    expect(shiftInside(at(-30, 70), area)).toBe(30);
    expect(shiftInside(at(380, 440), area)).toBe(-40);
    expect(shiftInside(at(100, 200), area)).toBe(0);
    expect(shiftInside(at(-100, 500), area)).toBe(100);
  });

  it('puts a cluster label just outside its disc, never over its members: above, else where it is whole and covers no episode', () => {
    const area = { x1: 0, y1: 0, x2: 400, y2: 300 };
    const label = { width: 100, height: 20 };
    const disc = { x: 150, y: 130, radius: 30 };
    const member = { x1: 140, y1: 120, x2: 160, y2: 140 };
    expect(clusterLabelPlace(label, disc, coverage([member]), area)).toEqual({
      side: 'above',
      shift: 0,
      box: { x1: 100, x2: 200, y1: 76, y2: 96 },
    });
    const aboveIt = { x1: 150, y1: 80, x2: 160, y2: 90 };
    expect(clusterLabelPlace(label, disc, coverage([member, aboveIt]), area).side).toBe('below');
    const belowIt = { x1: 110, y1: 170, x2: 120, y2: 180 };
    expect(clusterLabelPlace(label, disc, coverage([aboveIt, belowIt]), area).side).toBe('right');
    // Near the top edge there is no room above: below, whole.
    expect(clusterLabelPlace(label, { ...disc, y: 40 }, coverage([]), area).side).toBe('below');
    // Near the left edge: above, moved right to be whole.
    expect(clusterLabelPlace(label, { ...disc, x: 20 }, coverage([]), area)).toMatchObject({
      side: 'above',
      shift: 30,
    });
  });

  it('find which boxes a box meets across grid cells, negative coordinates included', () => {
    const covers = coverage([
      { x1: -10, y1: -10, x2: 5, y2: 5 },
      { x1: 200, y1: 130, x2: 210, y2: 140 },
    ]);
    expect(covers({ x1: 0, y1: 0, x2: 1, y2: 1 })).toBe(true);
    expect(covers({ x1: 100, y1: 100, x2: 205, y2: 131 })).toBe(true);
    expect(covers({ x1: 6, y1: 6, x2: 199, y2: 129 })).toBe(false);
  });
});
