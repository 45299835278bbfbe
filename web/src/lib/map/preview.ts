// The map's first picture: the laid-out episodes and relations drawn in one pass on a plain canvas,
// in the look cytoscape will draw them (style.ts) and at the viewport it will have, so the map is on
// screen and labelled as soon as the page hydrates. Cytoscape (hundreds of kilobytes, then seconds
// of styling and caching at thousands of elements) mounts after this picture is painted and
// replaces it, without a visible jump, once it has drawn its own first frame.
import type { MapElement } from './elements.ts';
import type { Point } from './layout.ts';
import { LINE_DASHES, type MapLook, type ReasonStyle } from './style.ts';

interface PreviewViewport {
  zoom: number;
  pan: Point;
}

const MARKED_CLASSES = /\b(centre|selected)\b/;

/** Draws `elements` on `canvas` (sized to its CSS box times the screen's pixel `ratio`): edges under nodes, each in element order. */
export function drawMapPreview(
  canvas: HTMLCanvasElement,
  elements: readonly MapElement[],
  viewport: PreviewViewport,
  look: MapLook,
  ratio: number,
): void {
  canvas.width = Math.round(canvas.clientWidth * ratio);
  canvas.height = Math.round(canvas.clientHeight * ratio);
  const context = canvas.getContext('2d');
  if (!context) return;
  context.setTransform(
    ratio * viewport.zoom,
    0,
    0,
    ratio * viewport.zoom,
    ratio * viewport.pan.x,
    ratio * viewport.pan.y,
  );
  const at = new Map<string, Point>();
  for (const element of elements)
    if (element.group === 'nodes' && element.position)
      at.set(String(element.data['id']), element.position);

  context.globalAlpha = look.edgeOpacity;
  context.lineCap = 'butt';
  for (const element of elements) {
    if (element.group !== 'edges') continue;
    const from = at.get(String(element.data['source']));
    const to = at.get(String(element.data['target']));
    if (!from || !to) continue;
    const line = element.data['line'] as ReasonStyle['line'];
    context.setLineDash(look.dashes ? LINE_DASHES[line] : LINE_DASHES.solid);
    context.strokeStyle = String(element.data['colour']);
    context.lineWidth = Number(element.data['width']);
    context.beginPath();
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
    context.stroke();
  }

  context.globalAlpha = 1;
  context.setLineDash(LINE_DASHES.solid);
  for (const element of elements) {
    if (element.group !== 'nodes' || !element.position) continue;
    const { x, y } = element.position;
    const border = MARKED_CLASSES.test(element.classes ?? '') ? look.marked : look.border;
    context.beginPath();
    context.arc(x, y, Number(element.data['size']) / 2, 0, 2 * Math.PI);
    context.fillStyle = String(element.data['colour']);
    context.fill();
    if (border.width > 0) {
      context.lineWidth = border.width;
      context.strokeStyle = border.colour;
      context.stroke();
    }
  }
}
