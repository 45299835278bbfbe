// What a map draws, from either answer: the episode map of every cluster or one (episodeMap), or an
// episode's local map (the episode, its nearest episodes, and the relations among them).
import type { ResultOf } from 'gql.tada';

import type { GraphNode } from '../api.ts';
import type { Api } from '../api.ts';
import type { LocalMapQuery } from '../graphql/mapDocuments.ts';

type EpisodeMapAnswer = Awaited<ReturnType<Api['episodeMap']>>;
type LocalMapAnswer = NonNullable<ResultOf<typeof LocalMapQuery>['episode']>;
export type MapReason = LocalMapAnswer['related'][number]['reasons'][number];
export type RelationKind = EpisodeMapAnswer['edges'][number]['kind'];

/**
 * Most episodes a map asks for: the API's largest map (QUERY_LIMITS.maxMapLimit). The map's episodes
 * and its edges come in two requests, each within the API's complexity budget at this size; an
 * edge's reasons are asked for when it is pointed at (reasonsOf).
 */
export const MAP_EPISODES_MAX = 5000;

/**
 * Relations of each end looked at for an edge's reasons: as many as the map picks its edges from
 * (server/src/relations/episodeMap.ts MAP_CANDIDATE_RELATIONS), so a map edge is always among them.
 */
export const MAP_EDGE_RELATIONS = 10;

/** The episodes a map asks for when "Max nodes" says `limit`. */
export const mapLimit = (limit: number) => Math.min(limit, MAP_EPISODES_MAX);

export interface MapNode {
  id: string;
  title: string;
  publishedAt: string | null;
  clusterId: string | null;
}

export interface MapLink {
  /** The smaller id of the two. */
  source: string;
  target: string;
  weight: number;
  /** The kind of its strongest reason. */
  kind: RelationKind;
  /** Strongest first; null until asked for (a home map is drawn without them). */
  reasons: MapReason[] | null;
}

export interface MapCluster {
  id: string;
  label: string;
  /** Episodes in the whole cluster, not only those drawn. */
  size: number;
}

export interface MapView {
  nodes: MapNode[];
  /** Strongest first. */
  links: MapLink[];
  /** Largest first. */
  clusters: MapCluster[];
  /** The episode a local map is drawn around. */
  centre: string | null;
}

export const linkId = (link: Pick<MapLink, 'source' | 'target'>) => `${link.source}~${link.target}`;

/**
 * A map as the page data carries it: each link's ends as indices into `nodes` (two per link) and its
 * kind as an index into `kinds`, instead of two id strings and a kind name per link; the home map's
 * edges are most of the page otherwise.
 */
export interface PackedMapView {
  nodes: MapNode[];
  /** Source and target of link i at 2i and 2i + 1, as indices into `nodes`. */
  ends: number[];
  weights: number[];
  /** The distinct kinds; `linkKinds[i]` is link i's index into it. */
  kinds: RelationKind[];
  linkKinds: number[];
  /** Each link's reasons, or null when no link has any (a home map). */
  reasons: (MapReason[] | null)[] | null;
  clusters: MapCluster[];
  centre: string | null;
}

export function packMapView(view: MapView): PackedMapView {
  const index = new Map(view.nodes.map((node, i) => [node.id, i]));
  const kinds: RelationKind[] = [];
  const kindIndex = new Map<RelationKind, number>();
  const ends: number[] = [];
  const linkKinds: number[] = [];
  for (const link of view.links) {
    const source = index.get(link.source);
    const target = index.get(link.target);
    if (source === undefined || target === undefined)
      throw new Error(`Map link ${linkId(link)} has an end that is not among its episodes`);
    ends.push(source, target);
    let kind = kindIndex.get(link.kind);
    if (kind === undefined) {
      kind = kinds.push(link.kind) - 1;
      kindIndex.set(link.kind, kind);
    }
    linkKinds.push(kind);
  }
  const anyReasons = view.links.some((link) => link.reasons !== null);
  return {
    nodes: view.nodes,
    ends,
    weights: view.links.map((link) => link.weight),
    kinds,
    linkKinds,
    reasons: anyReasons ? view.links.map((link) => link.reasons) : null,
    clusters: view.clusters,
    centre: view.centre,
  };
}

/** The map a packed one stands for, in one pass over its links. */
export function unpackMapView(packed: PackedMapView): MapView {
  const { nodes, ends, weights, kinds, linkKinds, reasons } = packed;
  const links: MapLink[] = Array.from<MapLink>({ length: weights.length });
  for (let i = 0; i < weights.length; i++) {
    links[i] = {
      source: nodes[ends[2 * i]!]!.id,
      target: nodes[ends[2 * i + 1]!]!.id,
      weight: weights[i]!,
      kind: kinds[linkKinds[i]!]!,
      reasons: reasons?.[i] ?? null,
    };
  }
  return { nodes, links, clusters: packed.clusters, centre: packed.centre };
}

/** The map from its two answers; an edge whose episode is not among the answer's (the graph changed between the two requests) is left out. */
export function fromEpisodeMap(answer: EpisodeMapAnswer): MapView {
  const inView = new Set(answer.episodes.map((episode) => episode.id));
  return {
    nodes: answer.episodes.map((episode) => ({
      id: episode.id,
      title: episode.title,
      publishedAt: episode.publishedAt,
      clusterId: episode.cluster?.id ?? null,
    })),
    links: answer.edges
      .filter((edge) => inView.has(edge.source) && inView.has(edge.target))
      .map((edge) => ({ ...edge, reasons: null })),
    clusters: answer.clusters.map((cluster) => ({ ...cluster })),
    centre: null,
  };
}

/** The episode, its related episodes, its relations to them and theirs among them. */
export function fromLocalMap(answer: LocalMapAnswer): MapView {
  const neighbours = answer.related.map((relation) => relation.episode);
  const inView = new Set([answer.id, ...neighbours.map((episode) => episode.id)]);
  const links = new Map<string, MapLink>();
  const add = (from: string, to: string, score: number, reasons: MapReason[]) => {
    if (!inView.has(to) || from === to || reasons.length === 0) return;
    const [source, target] = from < to ? [from, to] : [to, from];
    const key = linkId({ source, target });
    if (links.has(key)) return;
    links.set(key, { source, target, weight: score, kind: reasons[0]!.kind, reasons });
  };
  for (const relation of answer.related)
    add(answer.id, relation.episode.id, relation.score, relation.reasons);
  for (const neighbour of neighbours) {
    for (const relation of neighbour.related)
      add(neighbour.id, relation.episode.id, relation.score, relation.reasons);
  }
  const episodes = [answer, ...neighbours];
  const clusters = new Map<string, MapCluster>();
  for (const episode of episodes)
    if (episode.cluster) clusters.set(episode.cluster.id, episode.cluster);
  return {
    nodes: episodes.map((episode) => ({
      id: episode.id,
      title: episode.title,
      publishedAt: episode.publishedAt,
      clusterId: episode.cluster?.id ?? null,
    })),
    links: [...links.values()].sort((a, b) => b.weight - a.weight),
    clusters: [...clusters.values()].sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : 1)),
    centre: answer.id,
  };
}

/** What a drawing of the view holds: nodes, edges, and nodes with no edge. */
export function mapCounts(view: MapView): { nodes: number; edges: number; isolated: number } {
  const linked = new Set(view.links.flatMap((link) => [link.source, link.target]));
  return {
    nodes: view.nodes.length,
    edges: view.links.length,
    isolated: view.nodes.filter((node) => !linked.has(node.id)).length,
  };
}

/** One collator for every comparison: `localeCompare` with options builds one per call. */
const byTitle = new Intl.Collator('en', { numeric: true });

/** The map's episodes as the explorer's side list shows nodes (A–Z, weight = relations in view). */
export function listedEpisodes(view: MapView): GraphNode[] {
  const degree = new Map<string, number>();
  for (const link of view.links) {
    degree.set(link.source, (degree.get(link.source) ?? 0) + 1);
    degree.set(link.target, (degree.get(link.target) ?? 0) + 1);
  }
  return view.nodes
    .map((node) => ({
      id: node.id,
      kind: 'EPISODE' as const,
      label: node.title,
      weight: degree.get(node.id) ?? 0,
    }))
    .sort((a, b) => byTitle.compare(a.label, b.label) || (a.id < b.id ? -1 : 1));
}

/** The relations a keyboard list offers: the selected episode's, else the strongest in view. */
export function listedLinks(view: MapView, selected: string | null, count: number): MapLink[] {
  const own = selected
    ? view.links.filter((link) => link.source === selected || link.target === selected)
    : [];
  return (own.length > 0 ? own : view.links).slice(0, count);
}
