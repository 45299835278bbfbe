// The map's fit from its layout: the nodes' extent, sizes included, fills the drawing inside the
// padding along its tighter side and is centred, within the zoom limits.
import { describe, expect, it } from 'vitest';

import { fittedViewport } from '../../web/src/lib/map/fit.ts';

const drawing = { width: 220, height: 160, padding: 10, minZoom: 0.02, maxZoom: 4 };

describe('fittedViewport', () => {
  it('fits the nodes, sizes included, in the padded drawing and centres them', () => {
    const positions = new Map([
      ['a', { x: 0, y: 0 }],
      ['b', { x: 100, y: 50 }],
    ]);
    const sizes = new Map([
      ['a', 10],
      ['b', 10],
    ]);
    const fitted = fittedViewport(positions, sizes, drawing)!;
    // Extent -5..105 × -5..55: the width (110 in 200) is the tighter side.
    expect(fitted.zoom).toBeCloseTo(200 / 110, 10);
    const onScreen = (x: number, y: number) => ({
      x: x * fitted.zoom + fitted.pan.x,
      y: y * fitted.zoom + fitted.pan.y,
    });
    expect(onScreen(-5, 0).x).toBeCloseTo(10, 10);
    expect(onScreen(105, 0).x).toBeCloseTo(210, 10);
    expect(onScreen(50, 25).y).toBeCloseTo(80, 10);
  });

  it('keeps within the zoom limits and fits nothing when there is nothing or no room', () => {
    const one = new Map([['a', { x: 3, y: 4 }]]);
    const fitted = fittedViewport(one, new Map([['a', 10]]), drawing)!;
    expect(fitted.zoom).toBe(drawing.maxZoom);
    expect(fitted.pan).toEqual({ x: 110 - 4 * 3, y: 80 - 4 * 4 });
    expect(fittedViewport(new Map(), new Map(), drawing)).toBeNull();
    expect(fittedViewport(one, new Map(), { ...drawing, width: 20 })).toBeNull();
  });
});
