// What a map of episodes draws, for the whole corpus or one cluster, within a limit of episodes:
// the episodes, the strongest relations between them and the clusters in view. Episodes are picked
// cluster by cluster, largest first, each cluster's share of the limit in proportion to its size
// (at least two, or none: one episode alone draws no edge), grown from the cluster's most connected
// episode along its strongest relations, so what a cluster shows is connected. Every episode with a
// relation is in a cluster (a community of the relation graph), so an episode in no cluster has no
// relation at all: it is not drawn, since on a map of relations it would be a lone dot (a limit
// above the clustered episodes draws them all, and no more). The selection reads a MapSource, so a
// store runs it over the relations and clusters it persisted and a test over a RelationIndex.
import type { EpisodeRelation, RelationKind, RelationReason } from './relatedness.ts';
import type { Cluster, EpisodeSummary, RelationIndex } from './relationIndex.ts';

export interface MapEpisode extends EpisodeSummary {
  clusterId: string;
}

export interface MapEdge {
  /** The two episodes, the smaller id first. */
  a: string;
  b: string;
  /** The relation's score. */
  weight: number;
  /** The kind of its strongest reason. */
  kind: RelationKind;
  /** Why the two are related, strongest first. */
  reasons: RelationReason[];
}

export interface MapCluster {
  id: string;
  label: string;
  /** Episodes in the whole cluster, not only those in view. */
  size: number;
}

export interface EpisodeMap {
  episodes: MapEpisode[];
  edges: MapEdge[];
  clusters: MapCluster[];
  /** Share of the episodes in view with no edge in view (0 when none are in view). */
  isolatedShare: number;
}

export interface EpisodeMapRequest {
  /** Most episodes in view. */
  limit: number;
  /** Only this cluster's episodes. */
  clusterId?: string;
  /** Only this show's episodes: the source's clusters then list only them as members. */
  showId?: string;
  /** Strongest relations drawn per episode (the ones that connect a cluster are drawn as well). */
  edgesPerEpisode?: number;
}

/** What the selection reads: the clusters, episodes' titles and dates, and their relations. */
export interface MapSource {
  /**
   * Every cluster, largest first (then id); with the request's show, only that show's members are
   * listed (`size` stays the whole cluster's) and clusters with none are left out.
   */
  clusters(): readonly Cluster[];
  /** The episode's title and date; null for an unknown episode. */
  episode(id: string): EpisodeSummary | null;
  /** The episode's strongest relations, strongest first, at most `limit`. */
  relationsOf(id: string, limit: number): readonly EpisodeRelation[];
}

/** A map source over an index in memory and the clusters it gave. */
export function indexMapSource(index: RelationIndex, clusters: readonly Cluster[]): MapSource {
  return {
    clusters: () => clusters,
    episode: (id) => index.episode(id),
    relationsOf: (id, limit) => index.relationsOf(id, limit),
  };
}

const EDGES_PER_EPISODE = 3;
/** Relations of an episode looked at: as many as the cluster graph is built from. */
export const MAP_CANDIDATE_RELATIONS = 10;
/** Fewest episodes a cluster shows: one alone would be isolated. */
const MIN_SHOWN = 2;

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Link {
  other: string;
  weight: number;
  reasons: RelationReason[];
}

/** How many episodes each cluster shows: proportional to its members listed, largest first. */
function shares(clusters: readonly Cluster[], limit: number): number[] {
  const listed = clusters.map((cluster) => cluster.episodeIds.length);
  const total = listed.reduce((sum, size) => sum + size, 0);
  let left = limit;
  const counts = clusters.map((_cluster, i) => {
    const wanted = Math.max(MIN_SHOWN, Math.floor((limit * listed[i]!) / total));
    const count = Math.min(listed[i]!, wanted, left);
    if (count < MIN_SHOWN) return 0;
    left -= count;
    return count;
  });
  // Room the rounding left goes to the clusters in order, up to their size.
  for (let i = 0; i < clusters.length && left > 0; i += 1) {
    if (counts[i] === 0 && left < MIN_SHOWN) break;
    const more = Math.min(listed[i]! - counts[i]!, left);
    if (counts[i] === 0 && more < MIN_SHOWN) continue;
    counts[i]! += more;
    left -= more;
  }
  return counts;
}

export function selectEpisodeMap(source: MapSource, request: EpisodeMapRequest): EpisodeMap {
  const limit = Math.max(0, Math.floor(request.limit));
  const perEpisode = request.edgesPerEpisode ?? EDGES_PER_EPISODE;
  const linksCache = new Map<string, Link[]>();
  const linksOf = (id: string): Link[] => {
    let links = linksCache.get(id);
    if (!links) {
      links = source.relationsOf(id, MAP_CANDIDATE_RELATIONS).map((relation) => ({
        other: relation.episodeId,
        weight: relation.score,
        reasons: relation.reasons,
      }));
      linksCache.set(id, links);
    }
    return links;
  };

  const clusters = source.clusters();
  const inView = request.clusterId
    ? clusters.filter((cluster) => cluster.id === request.clusterId)
    : clusters;
  const picked = new Map<string, string>();
  const treeEdges: [string, Link][] = [];
  shares(inView, limit).forEach((count, i) => {
    const cluster = inView[i]!;
    const members = new Set(cluster.episodeIds);
    const grown = grow(cluster.episodeIds, members, count, linksOf);
    for (const id of grown.ids) picked.set(id, cluster.id);
    treeEdges.push(...grown.edges);
  });

  const edges = new Map<string, MapEdge>();
  const draw = (from: string, link: Link) => {
    const [a, b] = compareIds(from, link.other) <= 0 ? [from, link.other] : [link.other, from];
    const key = `${a} ${b}`;
    if (edges.has(key)) return;
    edges.set(key, {
      a,
      b,
      weight: link.weight,
      kind: link.reasons[0]!.kind,
      reasons: link.reasons,
    });
  };
  for (const [from, link] of treeEdges) draw(from, link);
  for (const id of picked.keys()) {
    const shown = linksOf(id).filter((link) => picked.has(link.other));
    for (const link of shown.slice(0, perEpisode)) draw(id, link);
  }

  const connected = new Set([...edges.values()].flatMap((edge) => [edge.a, edge.b]));
  const episodes = [...picked].map(([id, clusterId]) => ({ ...source.episode(id)!, clusterId }));
  const shownClusters = new Set(picked.values());
  return {
    episodes,
    edges: [...edges.values()].sort((x, y) => y.weight - x.weight || compareIds(x.a, y.a)),
    clusters: inView
      .filter((cluster) => shownClusters.has(cluster.id))
      .map(({ id, label, size }) => ({ id, label, size })),
    isolatedShare:
      episodes.length === 0
        ? 0
        : episodes.filter((episode) => !connected.has(episode.id)).length / episodes.length,
  };
}

/**
 * Up to `count` of a cluster's members, from its most connected one along the strongest relations
 * to members not yet picked (a maximum spanning tree, grown like Prim's); when none is left to
 * follow, the next most connected member starts again. Returns the members and the tree's edges.
 */
function grow(
  ranked: readonly string[],
  members: ReadonlySet<string>,
  count: number,
  linksOf: (id: string) => Link[],
): { ids: string[]; edges: [string, Link][] } {
  const ids: string[] = [];
  const edges: [string, Link][] = [];
  const taken = new Set<string>();
  const frontier: [string, Link][] = [];
  const take = (id: string) => {
    taken.add(id);
    ids.push(id);
    for (const link of linksOf(id)) {
      if (members.has(link.other) && !taken.has(link.other)) frontier.push([id, link]);
    }
  };
  let next = 0;
  while (ids.length < count) {
    frontier.sort(
      ([a, x], [b, y]) => x.weight - y.weight || compareIds(y.other, x.other) || compareIds(b, a),
    );
    let reached: [string, Link] | undefined;
    while ((reached = frontier.pop()) && taken.has(reached[1].other));
    if (reached) {
      edges.push(reached);
      take(reached[1].other);
      continue;
    }
    while (next < ranked.length && taken.has(ranked[next]!)) next += 1;
    if (next >= ranked.length) break;
    take(ranked[next]!);
  }
  return { ids, edges };
}

/** The parts of a request that decide its map. */
export function mapRequestKey(request: EpisodeMapRequest): string {
  const limit = Math.max(0, Math.floor(request.limit));
  return JSON.stringify([
    limit,
    request.clusterId ?? null,
    request.showId ?? null,
    request.edgesPerEpisode ?? null,
  ]);
}

/** Maps kept per version: the whole map and a few clusters' at once. */
const MEMO_MAPS = 4;

/**
 * The last maps selected from one version of a store's relations: the explorer asks for a map in
 * two requests sent together (its episodes and clusters, then its edges, each within a request's
 * complexity budget), and the second is answered from the first's selection. `version` must change
 * with every committed write the selection could read; a new one forgets every older map. A map
 * handed out is shared, so it is never changed.
 */
export class EpisodeMapMemo {
  #version: string | null = null;
  readonly #maps = new Map<string, EpisodeMap>();

  select(version: string, request: EpisodeMapRequest, compute: () => EpisodeMap): EpisodeMap {
    if (version !== this.#version) {
      this.#version = version;
      this.#maps.clear();
    }
    const key = mapRequestKey(request);
    let map = this.#maps.get(key);
    if (map === undefined) {
      map = compute();
      if (this.#maps.size >= MEMO_MAPS) this.#maps.delete(this.#maps.keys().next().value!);
    } else {
      this.#maps.delete(key);
    }
    // Most recently asked last: the first key is the one to forget.
    this.#maps.set(key, map);
    return map;
  }
}
