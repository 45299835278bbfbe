// The map's cytoscape elements: nodes at their laid-out places, sized by how connected they are and
// coloured by cluster; edges as wide as their relation is strong, styled by their strongest reason.
import type { MapLayout } from './layout.ts';
import { linkId, type MapView } from './mapData.ts';
import { clusterColour, REASON_STYLES, UNCLUSTERED_COLOUR } from './style.ts';

export interface MapElement {
  group: 'nodes' | 'edges';
  data: Record<string, string | number>;
  position?: { x: number; y: number };
  classes?: string;
}

const NODE_SIZE = { min: 10, max: 30 } as const;
/**
 * Sizes an episode can have, evenly between the two: cytoscape caches one drawing per distinct look,
 * so episodes of one cluster colour and one size share it (a size each would mean thousands).
 */
const NODE_SIZE_STEPS = 5;
const EDGE_WIDTH = { min: 1, max: 6 } as const;

/** Summed relation weight of each episode in view. */
function connectedness(view: MapView): Map<string, number> {
  const strength = new Map(view.nodes.map((node) => [node.id, 0]));
  for (const link of view.links) {
    strength.set(link.source, (strength.get(link.source) ?? 0) + link.weight);
    strength.set(link.target, (strength.get(link.target) ?? 0) + link.weight);
  }
  return strength;
}

/** Episodes best connected first (then by id): the order labels are offered in. */
export function byConnectedness(view: MapView): string[] {
  const strength = connectedness(view);
  return view.nodes
    .map((node) => node.id)
    .sort((a, b) => strength.get(b)! - strength.get(a)! || (a < b ? -1 : 1));
}

const scale = (value: number, top: number, range: { min: number; max: number }) =>
  top > 0 ? range.min + (range.max - range.min) * Math.sqrt(value / top) : range.min;

/** Each episode's diameter: larger the more related it is in view (in NODE_SIZE_STEPS steps). */
export function nodeSizes(view: MapView): Map<string, number> {
  const strength = connectedness(view);
  const strongest = Math.max(0, ...strength.values());
  const step = (NODE_SIZE.max - NODE_SIZE.min) / (NODE_SIZE_STEPS - 1);
  const stepped = (size: number) =>
    NODE_SIZE.min + Math.round((size - NODE_SIZE.min) / step) * step;
  return new Map(
    [...strength].map(([id, value]) => [id, stepped(scale(value, strongest, NODE_SIZE))]),
  );
}

export function mapElements(
  view: MapView,
  layout: MapLayout,
  selected: string | null,
): MapElement[] {
  const clusterIndex = new Map(view.clusters.map((cluster, i) => [cluster.id, i]));
  const sizes = nodeSizes(view);
  const heaviest = Math.max(0, ...view.links.map((link) => link.weight));
  const nodes: MapElement[] = view.nodes.map((node) => {
    const index = node.clusterId === null ? undefined : clusterIndex.get(node.clusterId);
    const classes = [
      node.id === view.centre ? 'centre' : '',
      node.id === selected ? 'selected' : '',
    ]
      .filter(Boolean)
      .join(' ');
    return {
      group: 'nodes',
      data: {
        id: node.id,
        colour: index === undefined ? UNCLUSTERED_COLOUR : clusterColour(index),
        size: sizes.get(node.id)!,
      },
      position: layout.positions.get(node.id) ?? { x: 0, y: 0 },
      ...(classes ? { classes } : {}),
    };
  });
  const edges: MapElement[] = view.links.map((link) => ({
    group: 'edges',
    data: {
      id: linkId(link),
      source: link.source,
      target: link.target,
      width: scale(link.weight, heaviest, EDGE_WIDTH),
      colour: REASON_STYLES[link.kind].colour,
      line: REASON_STYLES[link.kind].line,
    },
  }));
  return [...nodes, ...edges];
}
