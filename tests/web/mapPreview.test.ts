// The map's first picture (map/preview.ts) draws what cytoscape will: the same elements at the same
// viewport, edges under nodes, in the one look of map/style.ts that cytoscape's stylesheet is made of.
import { describe, expect, it } from 'vitest';

import { type MapElement, mapElements } from '../../web/src/lib/map/elements.ts';
import { mapLayout } from '../../web/src/lib/map/layout.ts';
import type { MapView } from '../../web/src/lib/map/mapData.ts';
import { drawMapPreview } from '../../web/src/lib/map/preview.ts';
import {
  clusterColour,
  EDGE_WIDTHS,
  LINE_DASHES,
  mapLook,
  mapStylesheet,
  NODE_SIZES,
  REASON_STYLES,
  UNCLUSTERED_COLOUR,
} from '../../web/src/lib/map/style.ts';

/** A 2D context that records what is drawn, with the state each fill and stroke was made in. */
function recordingCanvas(clientWidth: number, clientHeight: number) {
  const drawn: {
    op: 'fill' | 'stroke';
    style: string;
    alpha: number;
    width: number;
    dash: number[];
    path: string[];
  }[] = [];
  let path: string[] = [];
  let dash: number[] = [];
  const context = {
    globalAlpha: 1,
    lineCap: 'butt',
    lineWidth: 1,
    strokeStyle: '',
    fillStyle: '',
    transform: [] as number[],
    setTransform(...values: number[]) {
      context.transform = values;
    },
    setLineDash(values: number[]) {
      dash = values;
    },
    beginPath() {
      path = [];
    },
    moveTo(x: number, y: number) {
      path.push(`M${x},${y}`);
    },
    lineTo(x: number, y: number) {
      path.push(`L${x},${y}`);
    },
    arc(x: number, y: number, radius: number) {
      path.push(`O${x},${y},${radius}`);
    },
    fill() {
      drawn.push({
        op: 'fill',
        style: context.fillStyle,
        alpha: context.globalAlpha,
        width: 0,
        dash,
        path,
      });
    },
    stroke() {
      drawn.push({
        op: 'stroke',
        style: context.strokeStyle,
        alpha: context.globalAlpha,
        width: context.lineWidth,
        dash,
        path,
      });
    },
  };
  const canvas = { clientWidth, clientHeight, width: 0, height: 0, getContext: () => context };
  return { canvas, context, drawn };
}

const elements: MapElement[] = [
  { group: 'nodes', data: { id: 'a', colour: '#e69f00', size: 10 }, position: { x: 0, y: 0 } },
  {
    group: 'nodes',
    data: { id: 'b', colour: '#56b4e9', size: 20 },
    position: { x: 100, y: 50 },
    classes: 'selected',
  },
  {
    group: 'edges',
    data: { id: 'a|b', source: 'a', target: 'b', width: 3, colour: '#7c3aed', line: 'dashed' },
  },
];

describe('drawMapPreview', () => {
  it('draws at the viewport and pixel ratio cytoscape will use, edges first, in the map look', () => {
    const { canvas, context, drawn } = recordingCanvas(300, 200);
    const look = mapLook(false);
    drawMapPreview(
      canvas as unknown as HTMLCanvasElement,
      elements,
      { zoom: 2, pan: { x: 10, y: 20 } },
      look,
      2,
    );
    expect([canvas.width, canvas.height]).toEqual([600, 400]);
    expect(context.transform).toEqual([4, 0, 0, 4, 20, 40]);
    expect(drawn[0]).toEqual({
      op: 'stroke',
      style: '#7c3aed',
      alpha: look.edgeOpacity,
      width: 3,
      dash: LINE_DASHES.dashed,
      path: ['M0,0', 'L100,50'],
    });
    const nodes = drawn.slice(1);
    expect(nodes.map(({ op, style, alpha, path }) => ({ op, style, alpha, path }))).toEqual([
      { op: 'fill', style: '#e69f00', alpha: 1, path: ['O0,0,5'] },
      { op: 'stroke', style: look.border.colour, alpha: 1, path: ['O0,0,5'] },
      { op: 'fill', style: '#56b4e9', alpha: 1, path: ['O100,50,10'] },
      { op: 'stroke', style: look.marked.colour, alpha: 1, path: ['O100,50,10'] },
    ]);
    expect(nodes[1]!.width).toBe(look.border.width);
    expect(nodes[3]!.width).toBe(look.marked.width);
  });

  it('draws a large map as cytoscape does: solid edges, borderless episodes', () => {
    const { canvas, drawn } = recordingCanvas(300, 200);
    drawMapPreview(
      canvas as unknown as HTMLCanvasElement,
      elements,
      { zoom: 1, pan: { x: 0, y: 0 } },
      mapLook(true),
      1,
    );
    expect(
      drawn.filter((d) => d.op === 'stroke').map((d) => ({ style: d.style, dash: d.dash })),
    ).toEqual([
      { style: '#7c3aed', dash: [] },
      { style: mapLook(true).marked.colour, dash: [] },
    ]);
  });
});

describe('mapStylesheet', () => {
  const rule = (large: boolean, selector: string) =>
    mapStylesheet(large).find((r) => r.selector === selector)?.style ?? {};

  /** An element's style as cytoscape resolves it from these rules: later matching rules win. */
  function resolved(large: boolean, element: MapElement) {
    const group = element.group === 'nodes' ? 'node' : 'edge';
    const classes = new Set((element.classes ?? '').split(' '));
    const style: Record<string, unknown> = {};
    for (const { selector, style: declared } of mapStylesheet(large)) {
      const [tag, className] = selector.split('.');
      if (tag === group && (className === undefined || classes.has(className)))
        Object.assign(style, declared);
    }
    return style;
  }

  /** Two clusters of three (more than the palette's colours apart), one episode in none. */
  const view: MapView = {
    nodes: [
      ...['a1', 'a2', 'a3', 'b1', 'b2', 'b3'].map((id) => ({
        id,
        title: id,
        publishedAt: null,
        clusterId: id.startsWith('a') ? 'A' : 'Z',
      })),
      { id: 'lone', title: 'lone', publishedAt: null, clusterId: null },
    ],
    links: [
      { source: 'a1', target: 'a2', weight: 3, kind: 'SHARED_PAPER', reasons: null },
      { source: 'a1', target: 'a3', weight: 2.2, kind: 'SIMILAR_TEXT', reasons: null },
      { source: 'b1', target: 'b2', weight: 0.7, kind: 'CO_CITED', reasons: null },
      { source: 'a3', target: 'b1', weight: 0.1, kind: 'SHARED_REFERENCE', reasons: null },
    ],
    clusters: [
      { id: 'A', label: 'alpha', size: 3 },
      ...Array.from({ length: 20 }, (_, i) => ({ id: `filler${i}`, label: 'x', size: 1 })),
      { id: 'Z', label: 'zeta', size: 3 },
    ],
    centre: 'b3',
  };

  it('uses only selectors of one element kind and at most one class (what resolved() reads)', () => {
    for (const large of [false, true])
      for (const { selector } of mapStylesheet(large))
        expect(selector).toMatch(/^(node|edge)(\.[\w-]+)?$/);
  });

  it('gives every element, by its classes, the look the first picture draws from its data', () => {
    for (const large of [false, true]) {
      const look = mapLook(large);
      for (const element of mapElements(view, mapLayout(view), 'a2')) {
        const style = resolved(large, element);
        const { data } = element;
        if (element.group === 'nodes') {
          expect(style).toMatchObject({
            'background-color': data['colour'],
            width: data['size'],
            height: data['size'],
          });
          const marked = data['id'] === 'a2' || data['id'] === 'b3';
          expect(style['border-width']).toBe(marked ? look.marked.width : look.border.width);
          expect(style['border-color']).toBe(marked ? look.marked.colour : look.border.colour);
        } else {
          expect(style).toMatchObject({
            'line-color': data['colour'],
            width: data['width'],
            'line-opacity': look.edgeOpacity,
          });
          expect(style['line-style']).toBe(look.dashes ? data['line'] : undefined);
        }
      }
    }
    expect(rule(false, 'edge')['line-dash-pattern']).toEqual(LINE_DASHES.dashed);
  });

  it('draws the look of before: cluster colours, sizes and widths by connectedness', () => {
    const elements = new Map(
      mapElements(view, mapLayout(view), null).map((e) => [e.data['id'], e.data]),
    );
    expect(elements.get('a1')).toMatchObject({ colour: clusterColour(0), size: NODE_SIZES.at(-1) });
    // Past the palette a cluster takes its last colour.
    expect(elements.get('b1')!['colour']).toBe(clusterColour(99));
    expect(elements.get('lone')).toMatchObject({ colour: UNCLUSTERED_COLOUR, size: NODE_SIZES[0] });
    expect(elements.get('a1~a2')).toMatchObject({
      width: EDGE_WIDTHS.at(-1),
      colour: REASON_STYLES.SHARED_PAPER.colour,
      line: 'solid',
    });
    // Widths within half a step of 1 + 5·√(weight ÷ heaviest), as they were before they were stepped.
    for (const [id, weight] of [
      ['a1~a3', 2.2],
      ['b1~b2', 0.7],
      ['a3~b1', 0.1],
    ] as const)
      expect(
        Math.abs(Number(elements.get(id)!['width']) - (1 + 5 * Math.sqrt(weight / 3))),
      ).toBeLessThanOrEqual(0.25);
  });

  it('keeps the number of rules fixed, whatever the number of elements', () => {
    const rules = mapStylesheet(false).length;
    expect(rules).toBeLessThan(40);
    expect(mapStylesheet(true)).toHaveLength(rules);
  });
});
