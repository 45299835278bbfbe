// Level of detail for node labels: labels are drawn at a legible size at every zoom, only for as
// many nodes as the zoom leaves room for (best-connected first), and in full once zoomed in. Large
// views keep one fixed level: restyling thousands of nodes while zooming costs frames, and their
// labels appear only once zoomed in (minLabelFontSize), already at a legible size.
import { LARGE_VIEW } from './layout.ts';

/** Rendered label size at zoom ≤ 1 (px); zooming in past 1 makes labels grow with the drawing. */
export const LABEL_PX = 12;
/** From this zoom on (a zoom step), labels wrap to show the whole title instead of an ellipsis. */
export const FULL_TEXT_ZOOM = Math.SQRT2;
/** Labels drawn at any zoom, however far out. */
const MIN_LABELS = 8;
/**
 * Views up to this size offer every label at every zoom: the overlap sweep (labelOverlap.ts) keeps
 * as many as fit, best-connected first, so a small graph is labelled wherever there is room.
 */
const OFFER_ALL_UP_TO = 150;
/**
 * Label width in font sizes: about 13 characters per line at the ellipsis, 18 wrapped, and 9 when
 * zoomed far out (a whole graph on a phone), where shorter labels let every episode keep one.
 */
const WIDTH_EM = { far: 9, ellipsis: 13, wrapped: 18 } as const;
/** At or below this zoom step labels take the far width. */
const FAR_ZOOM = 0.25;
/** Zoom steps per doubling: the stylesheet changes only when the zoom crosses a step. */
const STEPS_PER_OCTAVE = 4;

export interface LabelLevel {
  /** Font size in model px (rendered size divided by the zoom). */
  fontSize: number;
  /** Nodes of rank below this get a label (rank 0 = best connected). */
  shown: number;
  wrap: boolean;
  /** text-max-width in model px. */
  maxWidth: number;
}

/** Every label, at the normal size, cut with an ellipsis: a fresh canvas, and every large view. */
export const INITIAL_LEVEL: LabelLevel = Object.freeze({
  fontSize: LABEL_PX,
  shown: Number.MAX_SAFE_INTEGER,
  wrap: false,
  maxWidth: LABEL_PX * WIDTH_EM.ellipsis,
});

/** The level for a zoom; equal zoom steps give equal levels (compare with sameLevel). */
export function labelLevel(zoom: number, nodeCount: number): LabelLevel {
  if (nodeCount > LARGE_VIEW) return INITIAL_LEVEL;
  const step =
    2 ** (Math.round(Math.log2(Math.max(zoom, 1e-4)) * STEPS_PER_OCTAVE) / STEPS_PER_OCTAVE);
  const fontSize = Math.round((LABEL_PX / Math.min(step, 1)) * 10) / 10;
  // Room for labels grows with the drawn area, i.e. with the square of the zoom.
  const shown =
    nodeCount <= OFFER_ALL_UP_TO
      ? nodeCount
      : Math.min(nodeCount, Math.max(MIN_LABELS, Math.ceil(nodeCount * Math.min(1, step * step))));
  const wrap = step >= FULL_TEXT_ZOOM;
  return {
    fontSize,
    shown,
    wrap,
    maxWidth: Math.round(
      fontSize * (wrap ? WIDTH_EM.wrapped : step <= FAR_ZOOM ? WIDTH_EM.far : WIDTH_EM.ellipsis),
    ),
  };
}

export function sameLevel(a: LabelLevel, b: LabelLevel): boolean {
  return (
    a.fontSize === b.fontSize &&
    a.shown === b.shown &&
    a.wrap === b.wrap &&
    a.maxWidth === b.maxWidth
  );
}
