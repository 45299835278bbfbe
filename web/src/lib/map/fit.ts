// The viewport that fits a laid-out map, computed from the layout's positions and node sizes: asking
// cytoscape to fit measures every element's bounding box first, which at thousands of elements costs
// as much as drawing them.
import type { Point } from './layout.ts';

interface Viewport {
  zoom: number;
  pan: Point;
}

/** As cytoscape's `fit(eles, padding)` places the nodes at `positions`, each `sizes` wide, in a `width` × `height` drawing. */
export function fittedViewport(
  positions: ReadonlyMap<string, Point>,
  sizes: ReadonlyMap<string, number>,
  drawing: { width: number; height: number; padding: number; minZoom: number; maxZoom: number },
): Viewport | null {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const [id, p] of positions) {
    const half = (sizes.get(id) ?? 0) / 2;
    x1 = Math.min(x1, p.x - half);
    y1 = Math.min(y1, p.y - half);
    x2 = Math.max(x2, p.x + half);
    y2 = Math.max(y2, p.y + half);
  }
  const room = { w: drawing.width - 2 * drawing.padding, h: drawing.height - 2 * drawing.padding };
  if (!Number.isFinite(x1) || room.w <= 0 || room.h <= 0) return null;
  const fits = Math.min(room.w / Math.max(x2 - x1, 1e-9), room.h / Math.max(y2 - y1, 1e-9));
  const zoom = Math.min(drawing.maxZoom, Math.max(drawing.minZoom, fits));
  return {
    zoom,
    pan: { x: (drawing.width - zoom * (x1 + x2)) / 2, y: (drawing.height - zoom * (y1 + y2)) / 2 },
  };
}
