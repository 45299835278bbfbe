// How the map looks: episodes coloured by cluster, edges as wide as their relation is strong and
// drawn by the kind of their strongest reason. Labels are HTML over the drawing (MapCanvas), so the
// stylesheet draws none: they keep one size at every zoom and never cost a canvas restyle.
import { OKABE_ITO } from '../graph/palette.ts';
import { NO_BACKGROUND_IMAGE, type StyleRule } from '../graph/style.ts';
import type { RelationKind } from './mapData.ts';

/** Okabe–Ito, colour-blind safe; clusters past these share the last, neutral one. */
const CLUSTER_COLOURS = [...OKABE_ITO, '#b8a200', '#6b7280'] as const;

/** Where a cluster's colour is in the colour list (the class its episodes carry). */
const colourSlot = (index: number) => Math.min(Math.max(index, 0), CLUSTER_COLOURS.length - 1);

export const clusterColour = (index: number) => CLUSTER_COLOURS[colourSlot(index)]!;
/** An episode in no cluster. */
export const UNCLUSTERED_COLOUR = '#9ca3af';

export interface ReasonStyle {
  colour: string;
  /** Cytoscape's line-style. */
  line: 'solid' | 'dashed' | 'dotted';
  /** For a reader, in the legend. */
  text: string;
}

export const REASON_STYLES: Record<RelationKind, ReasonStyle> = {
  SHARED_PAPER: { colour: '#374151', line: 'solid', text: 'Cite the same paper' },
  SHARED_REFERENCE: { colour: '#7c3aed', line: 'dashed', text: 'Source papers cite the same work' },
  CO_CITED: { colour: '#b45309', line: 'dashed', text: 'Source papers cited together' },
  SIMILAR_TEXT: { colour: '#0e7490', line: 'dotted', text: 'Discuss the same things' },
  SHARED_TOPIC: { colour: '#9ca3af', line: 'dotted', text: 'Same topic' },
};

const MAP_HIGHLIGHT = '#dc2626';

/** How the map draws its episodes and relations, for cytoscape's stylesheet and the first picture. */
export interface MapLook {
  /** Every episode's outline. */
  border: { width: number; colour: string };
  /** The outline of the selected episode and of a local map's centre. */
  marked: { width: number; colour: string };
  edgeOpacity: number;
  /** Edges drawn by their `line` (dashed, dotted), else all solid. */
  dashes: boolean;
}

/** Dashes and dots cost too much to draw at thousands of edges: a large map draws every edge solid. */
export const mapLook = (large: boolean): MapLook => ({
  border: { width: large ? 0 : 1, colour: '#ffffff' },
  marked: { width: 3, colour: '#111827' },
  edgeOpacity: 0.55,
  dashes: !large,
});

/** Dash patterns in model units, as cytoscape draws `line-style` (dotted is fixed in cytoscape). */
export const LINE_DASHES: Record<ReasonStyle['line'], number[]> = {
  solid: [],
  dashed: [6, 3],
  dotted: [1, 1],
};

/**
 * Episode diameters in model units, evenly between the smallest and the largest: cytoscape caches
 * one drawing per distinct look, so episodes of one colour and one size share it.
 */
export const NODE_SIZES = [10, 15, 20, 25, 30] as const;
/** Edge widths in model units, in half-unit steps. */
export const EDGE_WIDTHS = Array.from({ length: 11 }, (_, step) => 1 + step / 2);

/**
 * The classes that give an element its look: one per colour, size, reason and width step, so the
 * stylesheet has one rule per step and cytoscape styles thousands of elements from a few rules
 * instead of mapping each one's data.
 */
export const lookClasses = {
  colour: (clusterIndex: number | undefined) =>
    clusterIndex === undefined ? 'unclustered' : `colour-${colourSlot(clusterIndex)}`,
  size: (step: number) => `size-${step}`,
  reason: (kind: RelationKind) => `reason-${kind}`,
  width: (step: number) => `width-${step}`,
};

/** The cytoscape stylesheet of `mapLook` (the map's first picture, preview.ts, draws the same look). */
export function mapStylesheet(large: boolean): StyleRule[] {
  const look = mapLook(large);
  const marked = { 'border-width': look.marked.width, 'border-color': look.marked.colour };
  const reasons = Object.entries(REASON_STYLES) as [RelationKind, ReasonStyle][];
  return [
    {
      selector: 'node',
      style: {
        ...NO_BACKGROUND_IMAGE,
        'background-color': UNCLUSTERED_COLOUR,
        'border-width': look.border.width,
        'border-color': look.border.colour,
      },
    },
    ...CLUSTER_COLOURS.map((colour, slot) => ({
      selector: `node.${lookClasses.colour(slot)}`,
      style: { 'background-color': colour },
    })),
    ...NODE_SIZES.map((size, step) => ({
      selector: `node.${lookClasses.size(step)}`,
      style: { width: size, height: size },
    })),
    {
      selector: 'edge',
      style: {
        'line-opacity': look.edgeOpacity,
        'curve-style': large ? 'haystack' : 'straight',
        ...(look.dashes ? { 'line-dash-pattern': LINE_DASHES.dashed } : {}),
      },
    },
    ...reasons.map(([kind, reason]) => ({
      selector: `edge.${lookClasses.reason(kind)}`,
      style: {
        'line-color': reason.colour,
        ...(look.dashes ? { 'line-style': reason.line } : {}),
      },
    })),
    ...EDGE_WIDTHS.map((width, step) => ({
      selector: `edge.${lookClasses.width(step)}`,
      style: { width },
    })),
    { selector: 'node.centre', style: marked },
    { selector: 'node.selected', style: marked },
    { selector: 'node.hovered', style: { 'border-width': 3, 'border-color': MAP_HIGHLIGHT } },
    {
      selector: 'edge.hovered',
      style: { 'line-color': MAP_HIGHLIGHT, 'line-opacity': 1, 'z-index': 10 },
    },
  ];
}
