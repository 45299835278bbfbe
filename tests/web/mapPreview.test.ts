// The map's first picture (map/preview.ts) draws what cytoscape will: the same elements at the same
// viewport, edges under nodes, in the one look of map/style.ts that cytoscape's stylesheet is made of.
import { describe, expect, it } from 'vitest';

import type { MapElement } from '../../web/src/lib/map/elements.ts';
import { drawMapPreview } from '../../web/src/lib/map/preview.ts';
import { LINE_DASHES, mapLook, mapStylesheet } from '../../web/src/lib/map/style.ts';

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

  it('is the look the first picture draws', () => {
    for (const large of [false, true]) {
      const look = mapLook(large);
      expect(rule(large, 'node')).toMatchObject({
        'border-width': look.border.width,
        'border-color': look.border.colour,
      });
      expect(rule(large, 'edge')).toMatchObject({ 'line-opacity': look.edgeOpacity });
      for (const marked of ['node.centre', 'node.selected'])
        expect(rule(large, marked)).toEqual({
          'border-width': look.marked.width,
          'border-color': look.marked.colour,
        });
      expect(rule(large, 'edge')['line-style']).toBe(look.dashes ? 'data(line)' : undefined);
    }
    expect(rule(false, 'edge')['line-dash-pattern']).toEqual(LINE_DASHES.dashed);
  });
});
