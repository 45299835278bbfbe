// Which layout to run for a view of a given size. fcose looks best; above ~1,000 nodes it runs
// in draft quality without animation, and for very large views a cheap concentric layout
// (papers ranked by weight) keeps the page responsive. cola/cose are never used.

export const LARGE_VIEW = 1000;
export const HUGE_VIEW = 3000;
const ANIMATE_UP_TO = 300;

export interface LayoutOptions {
  name: 'fcose' | 'concentric';
  [option: string]: unknown;
}

/** The part of a cytoscape node the concentric layout reads. */
export interface WeightedNode {
  data(key: string): unknown;
}

/** Ring for concentric layouts: higher values sit nearer the middle. */
export function concentricLevel(kind: unknown, weight: unknown): number {
  const w = typeof weight === 'number' && Number.isFinite(weight) ? weight : 0;
  return kind === 'paper' ? 1 + Math.log2(1 + Math.max(0, w)) : 0;
}

export interface LayoutRequest {
  nodeCount: number;
  /** Some nodes already have positions worth keeping (an expansion, not a fresh view). */
  incremental: boolean;
  /** Visitors who asked the OS for less motion get no animation. */
  reducedMotion?: boolean;
}

export function chooseLayout({ nodeCount, incremental, reducedMotion = false }: LayoutRequest): LayoutOptions {
  if (nodeCount > HUGE_VIEW) {
    return {
      name: 'concentric',
      animate: false,
      fit: true,
      padding: 20,
      minNodeSpacing: 4,
      avoidOverlap: false,
      // More cited papers go to the middle rings; episodes sit in the outer ones.
      concentric: (node: WeightedNode) => concentricLevel(node.data('kind'), node.data('weight')),
      levelWidth: () => 1,
    };
  }
  if (nodeCount > LARGE_VIEW) {
    return {
      name: 'fcose',
      quality: 'draft',
      randomize: true,
      animate: false,
      fit: true,
      padding: 20,
      numIter: 1500,
      nodeDimensionsIncludeLabels: false,
      packComponents: true,
    };
  }
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
