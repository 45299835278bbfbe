// Cluster ids that survive re-imports: a cluster keeps the id of the previous cluster it overlaps
// most (Jaccard over members, at least half), so it stays the same cluster as episodes come and go;
// a cluster with no such predecessor is named after its smallest episode id, so the same data gives
// the same ids whatever was there before.

export interface IdentifiedCluster {
  id: string;
  episodeIds: readonly string[];
}

const MIN_OVERLAP = 0.5;
const PREFIX = 'cl_';

/** Jaccard of two sets of these sizes sharing `shared` members. */
function jaccard(size: number, otherSize: number, shared: number): number {
  return shared / (size + otherSize - shared);
}

/** A derived id: the cluster prefix and the hex part of the smallest member id free to take. */
function derivedId(members: readonly string[], taken: ReadonlySet<string>): string {
  for (const member of members) {
    const id = `${PREFIX}${member.replace(/^ep_/, '')}`;
    if (!taken.has(id)) return id;
  }
  throw new Error(`no free cluster id among ${members.length} members`);
}

/**
 * Ids for `communities` (each sorted by episode id, without repeats), matching `previous` (an
 * episode in one of them at most) where they overlap.
 */
export function assignClusterIds(
  communities: readonly (readonly string[])[],
  previous: readonly IdentifiedCluster[],
): IdentifiedCluster[] {
  // Overlaps counted from each episode's previous cluster: only the pairs sharing an episode are
  // ever looked at, not every community against every previous cluster.
  const previousOf = new Map<string, number>();
  previous.forEach((cluster, p) => {
    for (const id of cluster.episodeIds) previousOf.set(id, p);
  });
  const pairs: { community: number; previous: number; overlap: number }[] = [];
  communities.forEach((members, c) => {
    const shared = new Map<number, number>();
    for (const id of members) {
      const p = previousOf.get(id);
      if (p !== undefined) shared.set(p, (shared.get(p) ?? 0) + 1);
    }
    for (const [p, n] of shared) {
      const overlap = jaccard(members.length, previous[p]!.episodeIds.length, n);
      if (overlap >= MIN_OVERLAP) pairs.push({ community: c, previous: p, overlap });
    }
  });
  pairs.sort(
    (x, y) => y.overlap - x.overlap || x.community - y.community || x.previous - y.previous,
  );
  const ids = new Map<number, string>();
  const usedPrevious = new Set<number>();
  const taken = new Set<string>();
  for (const pair of pairs) {
    if (ids.has(pair.community) || usedPrevious.has(pair.previous)) continue;
    const id = previous[pair.previous]!.id;
    if (taken.has(id)) continue;
    ids.set(pair.community, id);
    usedPrevious.add(pair.previous);
    taken.add(id);
  }
  return communities.map((members, c) => {
    let id = ids.get(c);
    if (id === undefined) {
      id = derivedId(members, taken);
      taken.add(id);
    }
    return { id, episodeIds: members };
  });
}
