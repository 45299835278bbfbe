// The details sheet on narrow screens: at most half the viewport, dragged by its handle, collapsed to
// the handle alone when dragged (almost) shut, and moved by the arrow keys on the handle.

/** The sheet never covers more of the viewport than this share (under half: the drawing stays the larger part). */
export const SHEET_MAX_SHARE = 0.45;
/** A drag ending less than this far above the handle alone collapses the sheet. */
const COLLAPSE_WITHIN_PX = 48;
/** Pointer travel before a press on the handle counts as a drag rather than a click. */
export const DRAG_THRESHOLD_PX = 6;

/** The sheet's height while its handle is held at `pointerY` (viewport pixels). */
export function draggedHeight(pointerY: number, viewportHeight: number, handleHeight: number) {
  const max = Math.floor(viewportHeight * SHEET_MAX_SHARE);
  return Math.min(max, Math.max(handleHeight, Math.round(viewportHeight - pointerY)));
}

/** Whether a drag released at this height shuts the sheet. */
export function collapsesAt(height: number, handleHeight: number): boolean {
  return height < handleHeight + COLLAPSE_WITHIN_PX;
}

/** What a key on the handle does (Enter and Space are the button's own click). */
export function sheetKeyAction(key: string): 'expand' | 'collapse' | null {
  if (key === 'ArrowUp' || key === 'PageUp') return 'expand';
  if (key === 'ArrowDown' || key === 'PageDown') return 'collapse';
  return null;
}
