// Bench page: draws graphs with the web app's own drawing code (its stylesheet, layout choice and
// element mapping from web/src/lib/graph) and cytoscape + fcose as the app loads them, and exposes
// two measurements to the bench through `window.graphBench`. Plain JavaScript because it runs in the
// browser: the project's type-check covers Node code only (no DOM library).
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';

import { toElements } from '../../../web/src/lib/graph/elements.ts';
import { INITIAL_LEVEL, labelLevel, sameLevel } from '../../../web/src/lib/graph/labels.ts';
import { chooseLayout, minLabelFontSize } from '../../../web/src/lib/graph/layout.ts';
import { graphStylesheet } from '../../../web/src/lib/graph/style.ts';
import { onViewportRest } from '../../../web/src/lib/graph/viewportRest.ts';

cytoscape.use(fcose);

const container = document.getElementById('canvas');
/** @type {import('cytoscape').Core | null} */
let current = null;
/** @returns {Promise<number>} */
const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

/** The options GraphCanvas.svelte creates its instance with. */
/**
 * @param {number} nodeCount
 * @param {Record<string, unknown>} [coreOverride] replaces creation options (e.g. the WebGL renderer)
 */
function createCore(nodeCount, coreOverride) {
  current?.destroy();
  current = cytoscape({
    container,
    elements: [],
    style: graphStylesheet(minLabelFontSize(nodeCount)),
    minZoom: 0.05,
    maxZoom: 5,
    boxSelectionEnabled: false,
    autounselectify: true,
    ...coreOverride,
  });
  // As GraphCanvas.svelte does: the label level of detail follows the zoom once the viewport rests.
  const core = current;
  let level = INITIAL_LEVEL;
  onViewportRest(core, () => {
    const next = labelLevel(core.zoom(), core.nodes().length);
    if (sameLevel(next, level)) return;
    level = next;
    core.style(graphStylesheet(minLabelFontSize(core.nodes().length), undefined, level));
  });
  return current;
}

/**
 * Data in hand → elements → layout → the laid-out picture on screen; milliseconds. `override` replaces
 * layout options (to try alternatives to the app's choice; the bench itself passes none).
 * @param {{ nodes: { id: string, kind: string, label: string, weight: number }[], edges: { source: string, target: string, kind: string }[] }} graph
 * @param {Record<string, unknown>} [override]
 * @param {Record<string, unknown>} [coreOverride]
 */
async function drawAndLayout(graph, override, coreOverride) {
  await nextFrame();
  const started = performance.now();
  const core = createCore(graph.nodes.length, coreOverride);
  core.add(toElements(graph));
  const options = {
    ...chooseLayout({ nodeCount: graph.nodes.length, incremental: false, reducedMotion: true }),
    ...override,
  };
  const done = new Promise((resolve) => core.one('layoutstop', () => resolve(undefined)));
  core.layout(options).run();
  await done;
  // Two frames: the first paints the laid-out graph, the second starts after that paint.
  await nextFrame();
  await nextFrame();
  return {
    ms: performance.now() - started,
    layout: options.name,
    nodes: core.nodes().length,
    edges: core.edges().length,
  };
}

/** Pans and zooms a little every frame, as a drag-and-wheel would, and times each frame. */
/** @param {number} frames */
async function panAndZoom(frames) {
  const core = current;
  if (!core) throw new Error('draw a graph first');
  core.fit(undefined, 20);
  await nextFrame();
  const durations = [];
  let last = await nextFrame();
  for (let i = 0; i < frames; i += 1) {
    const phase = Math.floor(i / 30) % 4;
    if (phase === 0) core.panBy({ x: 12, y: 6 });
    else if (phase === 1)
      core.zoom({ level: core.zoom() * 1.03, renderedPosition: { x: 400, y: 300 } });
    else if (phase === 2) core.panBy({ x: -12, y: -6 });
    else core.zoom({ level: core.zoom() / 1.03, renderedPosition: { x: 400, y: 300 } });
    const now = await nextFrame();
    // Frame times come in steps of 0.1 ms; rounding to them drops the float noise of the
    // subtraction, which made a 60 Hz frame read 16.700000000000003 ms and miss "≤ 16.7 ms".
    durations.push(Math.round((now - last) * 10) / 10);
    last = now;
  }
  durations.sort((a, b) => a - b);
  return {
    median: durations[Math.floor(durations.length / 2)],
    p95: durations[Math.floor(durations.length * 0.95)],
    frames,
  };
}

window.graphBench = { drawAndLayout, panAndZoom };
