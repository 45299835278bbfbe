// A linear-time layout for large views: every episode joins the most cited paper it cites, each
// paper with its episodes becomes a disc (sunflower spiral, so equal spacing without a simulation),
// and the discs are packed in rows, biggest first. It shows what a force layout shows on these
// graphs (hubs and their fans) for a small fraction of the cost: no iterations, no O(n²) step.

export interface ClusterNode {
  id: string;
  kind: 'episode' | 'paper';
  weight: number;
}

export interface ClusterEdge {
  source: string;
  target: string;
}

export interface Point {
  x: number;
  y: number;
}

/** Centre-to-centre distance of neighbours in a disc: the largest node (76 px) plus a gap. */
export const CLUSTER_SPACING = 60;
/** Radius growth of the sunflower spiral: neighbours end up about CLUSTER_SPACING apart. */
const RING_STEP = CLUSTER_SPACING * 0.62;
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
/** Width : height of the packed picture, near a typical explorer canvas. */
const ASPECT = 1.6;

interface Group {
  hub: string;
  members: string[];
  radius: number;
}

/** Which node each node gathers around: an episode its most cited paper, a paper (or a loner) itself. */
function hubs(nodes: readonly ClusterNode[], edges: readonly ClusterEdge[]): Map<string, string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const hubOf = new Map<string, string>();
  const consider = (episode: ClusterNode | undefined, paper: ClusterNode | undefined) => {
    if (episode?.kind !== 'episode' || paper?.kind !== 'paper') return;
    const current = byId.get(hubOf.get(episode.id) ?? '');
    // Heavier paper wins; ties go to the smaller id so the picture does not depend on edge order.
    if (
      !current ||
      paper.weight > current.weight ||
      (paper.weight === current.weight && paper.id < current.id)
    ) {
      hubOf.set(episode.id, paper.id);
    }
  };
  for (const edge of edges) {
    const a = byId.get(edge.source);
    const b = byId.get(edge.target);
    consider(a, b);
    consider(b, a);
  }
  for (const node of nodes) if (!hubOf.has(node.id)) hubOf.set(node.id, node.id);
  return hubOf;
}

/** Offset of the i-th member of a disc (i = 0 is the centre). */
function sunflower(i: number): Point {
  const r = RING_STEP * Math.sqrt(i);
  return { x: r * Math.cos(i * GOLDEN_ANGLE), y: r * Math.sin(i * GOLDEN_ANGLE) };
}

function groupsOf(nodes: readonly ClusterNode[], hubOf: Map<string, string>): Group[] {
  const members = new Map<string, string[]>();
  for (const node of nodes) {
    const hub = hubOf.get(node.id) ?? node.id;
    let list = members.get(hub);
    if (!list) members.set(hub, (list = [hub]));
    if (node.id !== hub) list.push(node.id);
  }
  const groups = [...members.entries()].map(([hub, list]) => ({
    hub,
    members: list,
    radius: RING_STEP * Math.sqrt(Math.max(0, list.length - 1)) + CLUSTER_SPACING / 2,
  }));
  return groups.sort((a, b) => b.members.length - a.members.length || (a.hub < b.hub ? -1 : 1));
}

/** Positions for every node; O(nodes + edges + groups log groups). */
export function clusterPositions(
  nodes: readonly ClusterNode[],
  edges: readonly ClusterEdge[],
): Map<string, Point> {
  const groups = groupsOf(nodes, hubs(nodes, edges));
  const area = groups.reduce((sum, g) => sum + 4 * g.radius * g.radius, 0);
  const rowWidth = Math.max(Math.sqrt(area * ASPECT), 2 * (groups[0]?.radius ?? 0));
  const positions = new Map<string, Point>();
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const group of groups) {
    const diameter = 2 * group.radius;
    if (x > 0 && x + diameter > rowWidth) {
      x = 0;
      y += rowHeight;
      rowHeight = 0;
    }
    const centre = { x: x + group.radius, y: y + group.radius };
    group.members.forEach((id, i) => {
      const offset = sunflower(i);
      positions.set(id, { x: centre.x + offset.x, y: centre.y + offset.y });
    });
    x += diameter;
    rowHeight = Math.max(rowHeight, diameter);
  }
  return positions;
}
