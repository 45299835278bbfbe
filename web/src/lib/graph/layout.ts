// Which layout to run for a view of a given size. fcose looks best and runs up to ~1,000 nodes
// (animated while small); above that every layout cytoscape offers costs seconds in a browser
// without a GPU, so large views get the linear cluster layout (clusterLayout.ts) through cytoscape's
// preset layout. cola/cose are never used.
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

import {
  type ClusterEdge,
  type ClusterNode,
  clusterPositions,
  type Point,
} from './clusterLayout.ts';

export const LARGE_VIEW = 1000;
const ANIMATE_UP_TO = 300;

export interface LayoutOptions {
  name: 'fcose' | 'preset';
  [option: string]: unknown;
}

/** The part of a cytoscape element the cluster layout reads. */
interface DataElement {
  data(key: string): unknown;
}

/** The part of a cytoscape node the preset layout hands to `positions`. */
export interface PresetNode extends DataElement {
  id(): string;
  cy(): {
    nodes(): { map<T>(fn: (n: DataElement) => T): T[] };
    edges(): { map<T>(fn: (e: DataElement) => T): T[] };
  };
}

function clusterNode(n: DataElement): ClusterNode {
  const weight = n.data('weight');
  return {
    id: String(n.data('id')),
    kind: n.data('kind') === 'paper' ? 'paper' : 'episode',
    weight: typeof weight === 'number' && Number.isFinite(weight) ? weight : 0,
  };
}

/** Preset options whose positions are computed for the whole graph on the first node asked for. */
export function clusterLayout(): LayoutOptions {
  let computed: Map<string, Point> | null = null;
  return {
    name: 'preset',
    animate: false,
    fit: true,
    padding: 20,
    positions: (node: PresetNode): Point => {
      if (!computed) {
        const core = node.cy();
        const nodes = core.nodes().map(clusterNode);
        const edges = core.edges().map((e): ClusterEdge => ({
          source: String(e.data('source')),
          target: String(e.data('target')),
        }));
        computed = clusterPositions(nodes, edges);
      }
      return computed.get(node.id()) ?? { x: 0, y: 0 };
    },
  };
}

export interface LayoutRequest {
  nodeCount: number;
  /** Some nodes already have positions worth keeping (an expansion, not a fresh view). */
  incremental: boolean;
  /** Visitors who asked the OS for less motion get no animation. */
  reducedMotion?: boolean;
}

export function chooseLayout({
  nodeCount,
  incremental,
  reducedMotion = false,
}: LayoutRequest): LayoutOptions {
  if (nodeCount > LARGE_VIEW) return clusterLayout();
  const animate = !reducedMotion && nodeCount <= ANIMATE_UP_TO;
  return {
    name: 'fcose',
    quality: 'default',
    randomize: !incremental,
    animate: animate ? 'end' : false,
    animationDuration: 400,
    fit: true,
    padding: 30,
    nodeDimensionsIncludeLabels: true,
    packComponents: true,
    idealEdgeLength: 90,
    nodeRepulsion: 6500,
    nodeSeparation: 60,
  };
}

/** Labels cost most of the drawing time on big views: hide them until zoomed in. */
export function minLabelFontSize(nodeCount: number): number {
  return nodeCount > LARGE_VIEW ? 10 : 0;
}

/**
 * Runs `fn` (a synchronous layout run) with Math.random replaced by a seeded generator, so the same
 * elements always get the same picture: fcose and cose-base draw from Math.random and take no seed.
 */
export function withSeededRandom<T>(seed: number, fn: () => T): T {
  const original = Math.random;
  const generator = xoroshiro128plus(seed);
  Math.random = () => uniformFloat64(generator);
  try {
    return fn();
  } finally {
    Math.random = original;
  }
}

/** Seed for a view: the same node ids give the same seed (FNV-1a over the ids). */
export function layoutSeed(ids: readonly string[]): number {
  let hash = 0x811c9dc5;
  for (const id of ids) {
    for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
    hash = Math.imul(hash ^ 0x2c, 0x01000193);
  }
  return hash >>> 0;
}
