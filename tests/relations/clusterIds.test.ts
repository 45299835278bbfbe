// Cluster ids carried over by overlap: the assignment counted from each episode's previous cluster
// equals the one that compares every community with every previous cluster.
import fc from 'fast-check';
import { expect, it } from 'vitest';

import { assignClusterIds, type IdentifiedCluster } from '../../server/src/relations/clusterIds.ts';

/** Every community against every previous cluster, as the ids were first assigned. */
function assignedByEveryPair(communities: string[][], previous: IdentifiedCluster[]) {
  const pairs: { community: number; previous: number; overlap: number }[] = [];
  previous.forEach((cluster, p) => {
    communities.forEach((members, c) => {
      const shared = cluster.episodeIds.filter((id) => members.includes(id)).length;
      const overlap = shared / (members.length + cluster.episodeIds.length - shared);
      if (overlap >= 0.5) pairs.push({ community: c, previous: p, overlap });
    });
  });
  pairs.sort(
    (x, y) => y.overlap - x.overlap || x.community - y.community || x.previous - y.previous,
  );
  const ids = new Map<number, string>();
  const used = new Set<number>();
  for (const pair of pairs) {
    const id = previous[pair.previous]!.id;
    if (ids.has(pair.community) || used.has(pair.previous) || [...ids.values()].includes(id)) {
      continue;
    }
    ids.set(pair.community, id);
    used.add(pair.previous);
  }
  return ids;
}

/** Disjoint groups of episode ids, each sorted, from group numbers per episode (-1: none). */
function groups(assignment: readonly number[]): string[][] {
  const byGroup = new Map<number, string[]>();
  assignment.forEach((group, i) => {
    if (group < 0) return;
    const id = `ep_${i.toString(16).padStart(12, '0')}`;
    byGroup.set(group, [...(byGroup.get(group) ?? []), id]);
  });
  return [...byGroup.values()].filter((members) => members.length > 1);
}

it('carries the ids of the previous clusters each community overlaps most', () => {
  const episodes = fc.array(fc.integer({ min: -1, max: 5 }), { minLength: 2, maxLength: 40 });
  fc.assert(
    fc.property(episodes, episodes, (now, before) => {
      const communities = groups(now).sort((x, y) => (x[0]! < y[0]! ? -1 : 1));
      const previous = groups(before).map((episodeIds, i) => ({ id: `cl_old${i}`, episodeIds }));
      const assigned = assignClusterIds(communities, previous);
      const carried = assignedByEveryPair(communities, previous);
      assigned.forEach((cluster, c) => {
        expect(cluster.episodeIds).toEqual(communities[c]);
        if (carried.has(c)) expect(cluster.id).toBe(carried.get(c));
        else expect(cluster.id).toMatch(/^cl_[0-9a-f]{12}$/);
      });
    }),
  );
});
