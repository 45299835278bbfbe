// The cytoscape stylesheet: episodes and papers look different at a glance, edges by kind.
// Colours are shared with the legend and page CSS through `GRAPH_COLORS`; label sizes follow the
// zoom (labels.ts).
import { INITIAL_LEVEL, type LabelLevel } from './labels.ts';
import {
  NO_TOPIC,
  NO_TOPIC_COLOUR,
  OTHER_TOPIC,
  OTHER_TOPIC_COLOUR,
  TOPIC_COLOURS,
} from './topics.ts';

export const GRAPH_COLORS = {
  episode: '#2563eb',
  episodeBorder: '#1e3a8a',
  paper: '#f59e0b',
  paperBorder: '#b45309',
  sourceEdge: '#1e3a8a',
  recommendedEdge: '#94a3b8',
  mentionedEdge: '#0e7490',
  referenceEdge: '#047857',
  selected: '#111827',
  focus: '#7c3aed',
  path: '#dc2626',
  label: '#1f2937',
  timelineOld: '#bfdbfe',
  timelineNew: '#1e3a8a',
} as const;

/** Class of a node whose label is left out so that labels do not overlap. */
export const LABEL_HIDDEN = 'label-hidden';
/** Classes of a node whose label sits elsewhere than under it, where that space was taken. */
export const LABEL_MOVED = {
  above: 'label-above',
  right: 'label-right',
  left: 'label-left',
} as const;

/** Reference edges are dashed longer than recommended readings, the legend's mark too. */
export const REFERENCE_DASH = [6, 3] as const;
const REFERENCE_DASHES = {
  'line-style': 'dashed',
  'line-dash-pattern': REFERENCE_DASH.join(' '),
} as const;

/** A cytoscape stylesheet rule, as both drawings (this graph and the episode map) build them. */
export interface StyleRule {
  selector: string;
  style: Record<string, string | number | number[] | string[]>;
}

/**
 * Nodes have no background image, said with an empty list: with cytoscape's default ('none') each
 * drawing of a node flips its `:backgrounding` state, and every flip restyles the node and discards
 * the layer textures that panning and zooming redraw from (docs/explorer.md, renderer).
 */
export const NO_BACKGROUND_IMAGE = { 'background-image': [] as string[] };

/**
 * `light` is for large views, where drawing thousands of nodes in software dominates: labels only
 * once zoomed in (and never hit-tested), straight haystack edges without arrows or dashes, no bold
 * text. A nonzero label threshold is what marks a large view (see minLabelFontSize).
 */
export function graphStylesheet(
  minZoomedFontSize: number,
  light = minZoomedFontSize > 0,
  labels: LabelLevel = INITIAL_LEVEL,
): StyleRule[] {
  const rules = light
    ? lightRules(minZoomedFontSize, labels)
    : fullRules(minZoomedFontSize, labels);
  return [
    ...rules,
    ...timelineRules(),
    ...topicRules(),
    ...levelOfDetailRules(labels),
    ...declutterRules(),
    ...emphasisRules(),
  ];
}

/** Node labels, the same in both styles: below the threshold size cytoscape skips drawing them. */
function labelStyle(minZoomedFontSize: number, labels: LabelLevel) {
  return {
    label: 'data(label)',
    'font-size': labels.fontSize,
    color: GRAPH_COLORS.label,
    'text-valign': 'bottom',
    'text-margin-y': 4,
    'text-wrap': labels.wrap ? 'wrap' : 'ellipsis',
    'text-max-width': `${labels.maxWidth}px`,
    'text-background-color': '#ffffff',
    'text-background-opacity': 0.75,
    'text-background-padding': '1px',
    'min-zoomed-font-size': minZoomedFontSize,
  } as const;
}

/** Episodes as blue boxes, papers as amber discs sized by citations: the same in both styles. */
const EPISODE_SHAPE = {
  shape: 'round-rectangle',
  width: 52,
  height: 'data(size)',
  'background-color': GRAPH_COLORS.episode,
  'border-color': GRAPH_COLORS.episodeBorder,
} as const;

const PAPER_SHAPE = {
  shape: 'ellipse',
  width: 'data(size)',
  height: 'data(size)',
  'background-color': GRAPH_COLORS.paper,
  'border-color': GRAPH_COLORS.paperBorder,
} as const;

function fullRules(minZoomedFontSize: number, labels: LabelLevel): StyleRule[] {
  return [
    {
      selector: 'node',
      style: {
        ...labelStyle(minZoomedFontSize, labels),
        ...NO_BACKGROUND_IMAGE,
        'border-width': 1.5,
      },
    },
    { selector: 'node.episode', style: { ...EPISODE_SHAPE, 'font-weight': 'bold' } },
    { selector: 'node.paper', style: PAPER_SHAPE },
    {
      selector: 'edge',
      style: {
        'curve-style': 'bezier',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.8,
        opacity: 0.85,
      },
    },
    {
      selector: 'edge.source',
      style: {
        width: 3,
        'line-color': GRAPH_COLORS.sourceEdge,
        'target-arrow-color': GRAPH_COLORS.sourceEdge,
      },
    },
    {
      selector: 'edge.recommended',
      style: {
        width: 1.5,
        'line-style': 'dashed',
        'line-color': GRAPH_COLORS.recommendedEdge,
        'target-arrow-color': GRAPH_COLORS.recommendedEdge,
      },
    },
    {
      selector: 'edge.mentioned',
      style: {
        width: 1.5,
        'line-style': 'dotted',
        'line-color': GRAPH_COLORS.mentionedEdge,
        'target-arrow-color': GRAPH_COLORS.mentionedEdge,
      },
    },
    {
      selector: 'edge.reference',
      style: {
        width: 1.5,
        ...REFERENCE_DASHES,
        'line-color': GRAPH_COLORS.referenceEdge,
        'target-arrow-color': GRAPH_COLORS.referenceEdge,
      },
    },
  ];
}

function lightRules(minZoomedFontSize: number, labels: LabelLevel): StyleRule[] {
  return [
    {
      selector: 'node',
      style: {
        ...labelStyle(minZoomedFontSize, labels),
        ...NO_BACKGROUND_IMAGE,
        'text-events': 'no',
        'border-width': 1,
      },
    },
    { selector: 'node.episode', style: EPISODE_SHAPE },
    // Hubs on top of the fans of episodes around them.
    { selector: 'node.paper', style: { ...PAPER_SHAPE, 'z-index': 10 } },
    { selector: 'edge', style: { 'curve-style': 'haystack', 'haystack-radius': 0 } },
    { selector: 'edge.source', style: { width: 2.5, 'line-color': GRAPH_COLORS.sourceEdge } },
    {
      selector: 'edge.recommended',
      style: { width: 1, 'line-color': GRAPH_COLORS.recommendedEdge },
    },
    { selector: 'edge.mentioned', style: { width: 1, 'line-color': GRAPH_COLORS.mentionedEdge } },
    {
      selector: 'edge.reference',
      // Plain lines in large views (dashes cost frames): the colour tells references apart.
      style: { width: 1, 'line-color': GRAPH_COLORS.referenceEdge },
    },
  ];
}

/** Timeline colouring: dated episodes from light (oldest in view) to dark blue (newest). */
function timelineRules(): StyleRule[] {
  return [
    {
      selector: 'node.episode[dateShare]',
      style: {
        'background-color': `mapData(dateShare, 0, 1, ${GRAPH_COLORS.timelineOld}, ${GRAPH_COLORS.timelineNew})`,
      },
    },
  ];
}

/** Topic colouring: each paper in the colour of its most frequent topic in view (elements.ts: topicIndex). */
function topicRules(): StyleRule[] {
  const colours: [number, string][] = [
    ...TOPIC_COLOURS.map((colour, i): [number, string] => [i, colour]),
    [OTHER_TOPIC, OTHER_TOPIC_COLOUR],
    [NO_TOPIC, NO_TOPIC_COLOUR],
  ];
  return colours.map(([index, colour]) => ({
    selector: `node.paper[topicIndex = ${index}]`,
    style: { 'background-color': colour },
  }));
}

/** Only the best-connected nodes the zoom leaves room for keep their label. */
function levelOfDetailRules(labels: LabelLevel): StyleRule[] {
  if (labels.shown === INITIAL_LEVEL.shown) return [];
  return [{ selector: `node[rank >= ${labels.shown}]`, style: { label: '' } }];
}

/** Labels that would cover a better-connected node's label (labelOverlap.ts). */
function declutterRules(): StyleRule[] {
  return [
    { selector: `node.${LABEL_HIDDEN}`, style: { label: '' } },
    { selector: `node.${LABEL_MOVED.above}`, style: { 'text-valign': 'top', 'text-margin-y': -4 } },
    {
      selector: `node.${LABEL_MOVED.right}`,
      style: {
        'text-valign': 'center',
        'text-halign': 'right',
        'text-margin-x': 4,
        'text-margin-y': 0,
      },
    },
    {
      selector: `node.${LABEL_MOVED.left}`,
      style: {
        'text-valign': 'center',
        'text-halign': 'left',
        'text-margin-x': -4,
        'text-margin-y': 0,
      },
    },
  ];
}

/** Focus, selection, hover and a highlighted path stand out (and keep their labels) the same way in every view. */
function emphasisRules(): StyleRule[] {
  return [
    {
      selector: 'node.focus, node.selected, node.on-path, node.hovered',
      style: { label: 'data(label)' },
    },
    {
      selector: 'node.hovered',
      style: { 'border-width': 4, 'border-color': GRAPH_COLORS.selected, 'z-index': 25 },
    },
    { selector: 'edge.near', style: { opacity: 1, 'z-index': 25 } },
    { selector: '.dimmed', style: { opacity: 0.2 } },
    { selector: 'node.focus', style: { 'border-width': 4, 'border-color': GRAPH_COLORS.focus } },
    {
      selector: 'node.selected',
      style: { 'border-width': 5, 'border-color': GRAPH_COLORS.selected, 'z-index': 20 },
    },
    {
      selector: 'node.on-path',
      style: { 'border-width': 5, 'border-color': GRAPH_COLORS.path, 'z-index': 30 },
    },
    {
      selector: 'edge.on-path',
      style: {
        width: 5,
        'line-style': 'solid',
        'line-color': GRAPH_COLORS.path,
        'target-arrow-color': GRAPH_COLORS.path,
        opacity: 1,
        'z-index': 30,
      },
    },
    { selector: '.faded', style: { opacity: 0.25 } },
  ];
}
