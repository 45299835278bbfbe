// Work that follows the viewport (the label level, the label sweep) waits until a pan or zoom rests:
// run on each zoom step, a new label level restyles every node and redraws every texture while the
// picture moves, and those frames are the long ones.
import type { Core } from 'cytoscape';

/** Quiet time after the last pan or zoom before the drawing counts as at rest. */
const REST_MS = 150;

/**
 * Calls `settle` each time the viewport has been still for REST_MS after a pan or zoom; returns a
 * function that cancels a call still pending (for when the drawing goes).
 */
export function onViewportRest(core: Core, settle: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  core.on('viewport', () => {
    clearTimeout(timer);
    timer = setTimeout(settle, REST_MS);
  });
  return () => clearTimeout(timer);
}
