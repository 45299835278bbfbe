import { describe, expect, it } from 'vitest';

import {
  type MapLink,
  type MapView,
  packMapView,
  unpackMapView,
} from '../../web/src/lib/map/mapData.ts';

const node = (id: string, clusterId: string | null) => ({
  id,
  title: `Episode ${id}`,
  publishedAt: '2024-01-01',
  clusterId,
});
const link = (source: string, target: string, weight: number, kind: MapLink['kind']): MapLink => ({
  source,
  target,
  weight,
  kind,
  reasons: null,
});

const home: MapView = {
  nodes: [node('ep_a', 'c1'), node('ep_b', 'c1'), node('ep_c', 'c2'), node('ep_d', null)],
  links: [
    link('ep_a', 'ep_b', 1.8732130942499534, 'SHARED_PAPER'),
    link('ep_b', 'ep_c', 0.5, 'SIMILAR_TEXT'),
    link('ep_a', 'ep_d', 0.25, 'SHARED_PAPER'),
  ],
  clusters: [
    { id: 'c1', label: 'One', size: 2 },
    { id: 'c2', label: 'Two', size: 1 },
  ],
  centre: null,
};

describe('the map in the page data', () => {
  it('comes back as it went, edges in order with their exact weights and kinds', () => {
    expect(unpackMapView(packMapView(home))).toEqual(home);
  });

  it('names each edge end by its index and each kind once', () => {
    const packed = packMapView(home);
    expect(packed.ends).toEqual([0, 1, 1, 2, 0, 3]);
    expect(packed.kinds).toEqual(['SHARED_PAPER', 'SIMILAR_TEXT']);
    expect(packed.linkKinds).toEqual([0, 1, 0]);
    expect(packed.reasons).toBeNull();
  });

  it("keeps a local map's reasons and its centre", () => {
    const reasons = [{ kind: 'SHARED_PAPER' as const, label: 'Cite the same paper', weight: 1 }];
    const local: MapView = {
      ...home,
      links: [{ ...home.links[0]!, reasons }, home.links[1]!],
      centre: 'ep_a',
    };
    expect(unpackMapView(packMapView(local))).toEqual(local);
  });

  it('refuses an edge whose end is not among the episodes', () => {
    const broken: MapView = { ...home, links: [link('ep_a', 'ep_x', 1, 'SHARED_PAPER')] };
    expect(() => packMapView(broken)).toThrow(/ep_a~ep_x/);
  });

  it('carries a large map in well under half the bytes of the unpacked one', () => {
    const nodes = Array.from({ length: 2000 }, (_, i) =>
      node(`ep_${i.toString(16).padStart(12, '0')}`, `c${i % 50}`),
    );
    const links = Array.from({ length: 4000 }, (_, i) =>
      link(nodes[i % 2000]!.id, nodes[(i * 7 + 1) % 2000]!.id, 1 / (i + 1), 'SHARED_PAPER'),
    );
    const large: MapView = { nodes, links, clusters: [], centre: null };
    // The episodes are carried alike: what differs is the edges.
    const packedBytes = JSON.stringify({ ...packMapView(large), nodes: [] }).length;
    const plainBytes = JSON.stringify({ ...large, nodes: [] }).length;
    expect(packedBytes).toBeLessThan(plainBytes / 2);
  });
});
