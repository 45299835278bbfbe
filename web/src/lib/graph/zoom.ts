// Zoom steps of the drawings' zoom buttons (the paper graph and the map).
import type { Core } from 'cytoscape';

/** Zooms by `factor` about the middle of the drawing, within the instance's zoom bounds. */
export function zoomAboutCentre(core: Core, factor: number): void {
  const level = Math.min(core.maxZoom(), Math.max(core.minZoom(), core.zoom() * factor));
  core.zoom({ level, renderedPosition: { x: core.width() / 2, y: core.height() / 2 } });
}
