// Keeping a node in sight: the part of the drawing a person sees can be smaller than the canvas (a
// bottom sheet over it on a phone, a sticky header, the page scrolled). These compute how far to
// scroll the page and to pan the drawing so that the node sits inside the part left visible.

/** A vertical stretch of the viewport, in viewport pixels. */
export interface Band {
  top: number;
  bottom: number;
}

/** The canvas as the page lays it out, in viewport pixels. */
export interface CanvasBox {
  top: number;
  height: number;
  width: number;
}

/** Below this height of visible canvas the page scrolls the canvas up first. */
export const MIN_VISIBLE_PX = 160;
/** Room kept between the node and the edges of what is visible. */
const MARGIN_PX = 40;

/** The canvas rows (container coordinates) a person sees, given what is free of covers. */
export function visibleRows(canvas: CanvasBox, free: Band): Band {
  return {
    top: Math.max(0, free.top - canvas.top),
    bottom: Math.min(canvas.height, free.bottom - canvas.top),
  };
}

/** Pixels to scroll the page down (negative: up) so that enough of the canvas is visible; 0 when it is. */
export function scrollToShow(canvas: CanvasBox, free: Band): number {
  const rows = visibleRows(canvas, free);
  const wanted = Math.min(MIN_VISIBLE_PX, canvas.height, free.bottom - free.top);
  return rows.bottom - rows.top >= wanted ? 0 : canvas.top - free.top;
}

/**
 * The pan (rendered pixels) that brings a node at `at` (container coordinates) to the middle of the
 * visible rows, or null when it is already well inside them.
 */
export function panToShow(
  at: { x: number; y: number },
  canvas: CanvasBox,
  free: Band,
): { x: number; y: number } | null {
  const rows = visibleRows(canvas, free);
  const margin = Math.min(MARGIN_PX, Math.max(0, (rows.bottom - rows.top) / 4));
  const insideY = at.y >= rows.top + margin && at.y <= rows.bottom - margin;
  const insideX = at.x >= MARGIN_PX && at.x <= canvas.width - MARGIN_PX;
  if (insideY && insideX) return null;
  return {
    x: insideX ? 0 : canvas.width / 2 - at.x,
    y: insideY ? 0 : (rows.top + rows.bottom) / 2 - at.y,
  };
}

/**
 * Scrolls the page when too little of the drawing's container shows, then gives the pan that brings
 * `node` into the visible rows (null when it is already well inside them): the step both drawings
 * take to keep a node in sight, each then panning its own way.
 */
export function scrollThenPanToShow(
  container: HTMLElement,
  node: { renderedPosition(): { x: number; y: number } },
  free: () => Band,
): { x: number; y: number } | null {
  const boxOf = (): CanvasBox => {
    const rect = container.getBoundingClientRect();
    return { top: rect.top, height: rect.height, width: rect.width };
  };
  const scroll = scrollToShow(boxOf(), free());
  if (scroll !== 0) window.scrollBy({ top: scroll, behavior: 'instant' });
  return panToShow(node.renderedPosition(), boxOf(), free());
}
