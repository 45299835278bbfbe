// The map's cytoscape elements: nodes at their laid-out places, sized by how connected they are and
// coloured by cluster; edges as wide as their relation is strong, styled by their strongest reason.
import type { MapLayout } from './layout.ts';
import { linkId, type MapView } from './mapData.ts';
import {
  clusterColour,
  EDGE_WIDTHS,
  lookClasses,
  NODE_SIZES,
  REASON_STYLES,
  UNCLUSTERED_COLOUR,
} from './style.ts';

export interface MapElement {
  group: 'nodes' | 'edges';
  data: Record<string, string | number>;
  position?: { x: number; y: number };
  classes?: string;
}

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

/** Which of `steps` `value` falls on, from none (0) to `top` (the last): more steps apart at the low end. */
const stepOf = (value: number, top: number, steps: number) =>
  top > 0 ? Math.round((steps - 1) * Math.sqrt(value / top)) : 0;

/** Each episode's step in NODE_SIZES: larger the more related it is in view. */
function nodeSizeSteps(view: MapView): Map<string, number> {
  const strength = connectedness(view);
  const strongest = Math.max(0, ...strength.values());
  return new Map(
    [...strength].map(([id, value]) => [id, stepOf(value, strongest, NODE_SIZES.length)]),
  );
}

/** Each episode's diameter in model units. */
export function nodeSizes(view: MapView): Map<string, number> {
  return new Map([...nodeSizeSteps(view)].map(([id, step]) => [id, NODE_SIZES[step]!]));
}

/**
 * The elements cytoscape draws (and the first picture, from the same data): each carries its look
 * as classes (lookClasses) and, for the first picture, as data.
 */
export function mapElements(
  view: MapView,
  layout: MapLayout,
  selected: string | null,
): MapElement[] {
  const clusterIndex = new Map(view.clusters.map((cluster, i) => [cluster.id, i]));
  const sizeSteps = nodeSizeSteps(view);
  const heaviest = Math.max(0, ...view.links.map((link) => link.weight));
  const nodes: MapElement[] = view.nodes.map((node) => {
    const index = node.clusterId === null ? undefined : clusterIndex.get(node.clusterId);
    const step = sizeSteps.get(node.id)!;
    const classes = [
      lookClasses.colour(index),
      lookClasses.size(step),
      ...(node.id === view.centre ? ['centre'] : []),
      ...(node.id === selected ? ['selected'] : []),
    ];
    return {
      group: 'nodes',
      data: {
        id: node.id,
        colour: index === undefined ? UNCLUSTERED_COLOUR : clusterColour(index),
        size: NODE_SIZES[step]!,
      },
      position: layout.positions.get(node.id) ?? { x: 0, y: 0 },
      classes: classes.join(' '),
    };
  });
  const edges: MapElement[] = view.links.map((link) => {
    const step = stepOf(link.weight, heaviest, EDGE_WIDTHS.length);
    return {
      group: 'edges',
      data: {
        id: linkId(link),
        source: link.source,
        target: link.target,
        width: EDGE_WIDTHS[step]!,
        colour: REASON_STYLES[link.kind].colour,
        line: REASON_STYLES[link.kind].line,
      },
      classes: `${lookClasses.reason(link.kind)} ${lookClasses.width(step)}`,
    };
  });
  return [...nodes, ...edges];
}
