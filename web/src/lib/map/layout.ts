// Where a map's episodes sit, computed at once and the same for the same view (so a shared link
// draws the same picture): each cluster a disc of its members, packed around the largest; a member's
// place in its disc follows the strongest relations from the cluster's best-connected episode, so
// related episodes sit side by side. A local map puts its episode in the middle and the others
// around it, closer the more related. Linear in the episodes: no worker or force simulation needed.
import type { MapLink, MapView } from './mapData.ts';

export interface Point {
  x: number;
  y: number;
}

export interface ClusterDisc extends Point {
  radius: number;
}

export interface MapLayout {
  positions: Map<string, Point>;
  /** Where each cluster drawn sits, for its label; episodes in no cluster have none. */
  clusters: Map<string, ClusterDisc>;
}

/** Distance between neighbouring episodes of a disc, in model units. */
const SPACING = 34;
/** Room between two discs. */
const DISC_GAP = 40;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
/** The spiral a disc walks out along until it finds room: angle and distance per step. */
const SPIRAL_TURN = 0.5;
const SPIRAL_STEP = 4;
/** Radius of a local map's nearest and farthest ring. */
const LOCAL_RADII = { near: 140, far: 320 } as const;

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function mapLayout(view: MapView): MapLayout {
  return view.centre ? localLayout(view, view.centre) : clusterLayout(view);
}

function neighboursOf(links: readonly MapLink[]): Map<string, { other: string; weight: number }[]> {
  const neighbours = new Map<string, { other: string; weight: number }[]>();
  const add = (from: string, other: string, weight: number) => {
    let list = neighbours.get(from);
    if (!list) neighbours.set(from, (list = []));
    list.push({ other, weight });
  };
  for (const link of links) {
    add(link.source, link.target, link.weight);
    add(link.target, link.source, link.weight);
  }
  for (const list of neighbours.values())
    list.sort((a, b) => b.weight - a.weight || byId(a.other, b.other));
  return neighbours;
}

/** Members from the best-connected along the strongest relations (breadth first), then the rest. */
function memberOrder(
  members: readonly string[],
  neighbours: Map<string, { other: string; weight: number }[]>,
): string[] {
  const inGroup = new Set(members);
  const strength = new Map(
    members.map((id) => [
      id,
      (neighbours.get(id) ?? []).reduce((sum, n) => sum + (inGroup.has(n.other) ? n.weight : 0), 0),
    ]),
  );
  const ranked = [...members].sort((a, b) => strength.get(b)! - strength.get(a)! || byId(a, b));
  const order: string[] = [];
  const seen = new Set<string>();
  for (const start of ranked) {
    if (seen.has(start)) continue;
    seen.add(start);
    const queue = [start];
    for (let head = 0; head < queue.length; head += 1) {
      const id = queue[head]!;
      order.push(id);
      for (const { other } of neighbours.get(id) ?? []) {
        if (inGroup.has(other) && !seen.has(other)) {
          seen.add(other);
          queue.push(other);
        }
      }
    }
  }
  return order;
}

const discRadius = (count: number) => SPACING * Math.sqrt(count) + SPACING / 2;

/**
 * Discs placed in order (largest first), each at the first free spot along a spiral around the first.
 * A spot is checked against the discs of its grid cell and the eight around it only: a cell is as wide as the largest disc's clearance, so no farther disc can be in the way. A
 * disc as large as an earlier one starts where that one was placed: every spot before it was blocked
 * for that size then and still is (many clusters have the same few sizes).
 */
function packDiscs(radii: readonly number[]): Point[] {
  const placed: ClusterDisc[] = [];
  const cell = 2 * Math.max(0, ...radii) + DISC_GAP;
  const grid = new Map<number, ClusterDisc[]>();
  // Cells numbered row by row; a map never spans anywhere near this many cells a side.
  const ROW = 1 << 16;
  const cellOf = (p: Point) => [Math.floor(p.x / cell), Math.floor(p.y / cell)] as const;
  const put = (disc: ClusterDisc) => {
    const [cx, cy] = cellOf(disc);
    const key = cy * ROW + cx;
    const discs = grid.get(key);
    if (discs) discs.push(disc);
    else grid.set(key, [disc]);
    placed.push(disc);
  };
  const blocks = (disc: ClusterDisc, spot: ClusterDisc) =>
    Math.hypot(disc.x - spot.x, disc.y - spot.y) < disc.radius + spot.radius + DISC_GAP;
  /** For each disc size, the spiral step the last disc of that size was placed at. */
  const resumeAt = new Map<number, number>();
  const isFree = (spot: ClusterDisc) => {
    const [cx, cy] = cellOf(spot);
    for (let dx = -1; dx <= 1; dx += 1) {
      for (let dy = -1; dy <= 1; dy += 1) {
        for (const disc of grid.get((cy + dy) * ROW + cx + dx) ?? [])
          if (blocks(disc, spot)) return false;
      }
    }
    return true;
  };
  for (const radius of radii) {
    if (placed.length === 0) {
      put({ x: 0, y: 0, radius });
      continue;
    }
    for (let step = resumeAt.get(radius) ?? 1; ; step += 1) {
      const angle = step * SPIRAL_TURN;
      const distance = SPIRAL_STEP * step;
      const spot = { x: distance * Math.cos(angle), y: distance * Math.sin(angle), radius };
      if (isFree(spot)) {
        put(spot);
        resumeAt.set(radius, step);
        break;
      }
    }
  }
  return placed;
}

function clusterLayout(view: MapView): MapLayout {
  const neighbours = neighboursOf(view.links);
  const groups = new Map<string | null, string[]>();
  for (const cluster of view.clusters) groups.set(cluster.id, []);
  for (const node of view.nodes) {
    const key = node.clusterId !== null && groups.has(node.clusterId) ? node.clusterId : null;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(node.id);
  }
  const entries = [...groups].filter(([, members]) => members.length > 0);
  const radii = entries.map(([, members]) => discRadius(members.length));
  const centres = packDiscs(radii);
  const positions = new Map<string, Point>();
  const clusters = new Map<string, ClusterDisc>();
  entries.forEach(([clusterId, members], i) => {
    const centre = centres[i]!;
    if (clusterId !== null) clusters.set(clusterId, { ...centre, radius: radii[i]! });
    memberOrder(members, neighbours).forEach((id, k) => {
      const r = SPACING * Math.sqrt(k);
      const angle = k * GOLDEN_ANGLE;
      positions.set(id, { x: centre.x + r * Math.cos(angle), y: centre.y + r * Math.sin(angle) });
    });
  });
  return { positions, clusters };
}

function localLayout(view: MapView, centre: string): MapLayout {
  const scores = new Map<string, number>();
  for (const link of view.links) {
    if (link.source === centre) scores.set(link.target, link.weight);
    else if (link.target === centre) scores.set(link.source, link.weight);
  }
  const clusterOf = new Map(view.nodes.map((node) => [node.id, node.clusterId ?? '']));
  // Around the circle by cluster, so an episode's neighbours of one subject sit together.
  const others = view.nodes
    .map((node) => node.id)
    .filter((id) => id !== centre)
    .sort((a, b) => byId(clusterOf.get(a)!, clusterOf.get(b)!) || byId(a, b));
  const strongest = Math.max(0, ...scores.values());
  const positions = new Map<string, Point>([[centre, { x: 0, y: 0 }]]);
  others.forEach((id, i) => {
    const closeness = strongest > 0 ? (scores.get(id) ?? 0) / strongest : 0;
    const r = LOCAL_RADII.far - (LOCAL_RADII.far - LOCAL_RADII.near) * closeness;
    const angle = (2 * Math.PI * i) / others.length - Math.PI / 2;
    positions.set(id, { x: r * Math.cos(angle), y: r * Math.sin(angle) });
  });
  const clusters = new Map<string, ClusterDisc>();
  for (const cluster of view.clusters) {
    const members = view.nodes.filter(
      (node) => node.clusterId === cluster.id && node.id !== centre,
    );
    if (members.length === 0) continue;
    const points = members.map((node) => positions.get(node.id)!);
    const x = points.reduce((sum, p) => sum + p.x, 0) / points.length;
    const y = points.reduce((sum, p) => sum + p.y, 0) / points.length;
    clusters.set(cluster.id, { x: x * 1.35, y: y * 1.35, radius: SPACING });
  }
  return { positions, clusters };
}
