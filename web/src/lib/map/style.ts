// How the map looks: episodes coloured by cluster, edges as wide as their relation is strong and
// drawn by the kind of their strongest reason. Labels are HTML over the drawing (MapCanvas), so the
// stylesheet draws none: they keep one size at every zoom and never cost a canvas restyle.
import { OKABE_ITO } from '../graph/palette.ts';
import type { RelationKind } from './mapData.ts';

/** Okabe–Ito, colour-blind safe; clusters past these share the last, neutral one. */
const CLUSTER_COLOURS = [...OKABE_ITO, '#b8a200', '#6b7280'] as const;

export const clusterColour = (index: number) =>
  CLUSTER_COLOURS[Math.min(Math.max(index, 0), CLUSTER_COLOURS.length - 1)]!;
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

interface StyleRule {
  selector: string;
  style: Record<string, string | number>;
}

/** Dashes and dots cost too much to draw at thousands of edges: large maps draw every edge solid. */
export function mapStylesheet(large: boolean): StyleRule[] {
  return [
    {
      selector: 'node',
      style: {
        'background-color': 'data(colour)',
        width: 'data(size)',
        height: 'data(size)',
        'border-width': large ? 0 : 1,
        'border-color': '#ffffff',
      },
    },
    {
      selector: 'edge',
      style: {
        width: 'data(width)',
        'line-color': 'data(colour)',
        'line-opacity': 0.55,
        'curve-style': large ? 'haystack' : 'straight',
        ...(large ? {} : { 'line-style': 'data(line)' }),
      },
    },
    { selector: 'node.centre', style: { 'border-width': 3, 'border-color': '#111827' } },
    { selector: 'node.selected', style: { 'border-width': 3, 'border-color': '#111827' } },
    { selector: 'node.hovered', style: { 'border-width': 3, 'border-color': MAP_HIGHLIGHT } },
    {
      selector: 'edge.hovered',
      style: { 'line-color': MAP_HIGHLIGHT, 'line-opacity': 1, 'z-index': 10 },
    },
  ];
}
