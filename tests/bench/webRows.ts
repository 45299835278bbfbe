// Web rows: the graph page's initial JS (gzipped), server-rendered episode page TTFB, and two headless
// Chromium figures taken on a bench page that draws with the app's own graph code (webPage/).
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

import type { QuerySample } from './queryRows.ts';
import { renderNotes, renderTable, type Row, row, unmeasured } from './report.ts';
import { postGraphql, startWeb } from './serverProcess.ts';
import { measureLatency, ms } from './timing.ts';
import { webBuildSnapshot } from './webBuild.ts';

export interface WebOptions {
  apiUrl: string;
  sample: QuerySample;
  quick: boolean;
  skip: boolean;
  log: (line: string) => void;
}

const WEB_GOALS = {
  initialJs: { kind: 'atMost', target: 170, unit: 'KB' },
  ttfb: { kind: 'atMost', target: 50, unit: 'ms' },
  layout: { kind: 'atMost', target: 1.5, unit: 's' },
  frame: { kind: 'atMost', target: 16.7, unit: 'ms' },
  frameP95: { kind: 'atMost', target: 100, unit: 'ms' },
  /** A 5,000-node view (the explorer's largest) laid out and drawn. */
  largeLayout: { kind: 'atMost', target: 2, unit: 's' },
  /** ≥ 30 frames/s while panning and zooming 5,000 nodes. */
  largeFrame: { kind: 'atMost', target: 33, unit: 'ms' },
  largeFrameP95: { kind: 'atMost', target: 100, unit: 'ms' },
  /** The home view (the episode map, on a 2,000-episode store) drawn and labelled after navigation. */
  home: { kind: 'atMost', target: 2, unit: 's' },
  /** Drawn episodes without an edge in the home view. */
  homeIsolated: { kind: 'atMost', target: 5, unit: '%' },
} as const;

const LABELS = {
  initialJs: 'web: initial JS of the graph page, gzipped',
  ttfb: 'web: server-rendered episode page, TTFB p50',
  layout: 'web: 2,000-node view, data → laid-out picture (Chromium)',
  frame: 'web: pan/zoom 1,000 nodes / 4,000 edges, median frame (Chromium)',
  largeLayout: 'web: 5,000-node view, data → laid-out picture (Chromium)',
  largeFrame: 'web: pan/zoom 5,000 nodes / 8,000 edges, median frame (Chromium)',
  frameP95: 'web: pan/zoom 1,000 nodes / 4,000 edges, p95 frame (Chromium)',
  largeFrameP95: 'web: pan/zoom 5,000 nodes / 8,000 edges, p95 frame (Chromium)',
  home: 'web: home view (episode map), navigation → drawn and labelled (Chromium)',
  homeIsolated: 'web: home view (episode map), episodes drawn without an edge',
};

/** What webPage/main.js (plain JavaScript, run in the browser) puts on `window`. */
interface BenchWindow {
  graphBench: {
    drawAndLayout(graph: {
      nodes: unknown[];
      edges: unknown[];
    }): Promise<{ ms: number; layout: string; nodes: number; edges: number }>;
    panAndZoom(frames: number): Promise<{ median: number; p95: number; frames: number }>;
  };
}

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const PAGE_DIR = fileURLToPath(new URL('./webPage/', import.meta.url));

function unmeasuredAll(reason: string): Row[] {
  return [...serverUnmeasured(reason), ...drawingUnmeasured(reason), ...homeUnmeasured(reason)];
}

function serverUnmeasured(reason: string): Row[] {
  return [
    unmeasured('web-initial-js', LABELS.initialJs, WEB_GOALS.initialJs, reason),
    unmeasured('web-ttfb', LABELS.ttfb, WEB_GOALS.ttfb, reason),
  ];
}

function drawingUnmeasured(reason: string): Row[] {
  return [
    unmeasured('web-layout', LABELS.layout, WEB_GOALS.layout, reason),
    unmeasured('web-frame', LABELS.frame, WEB_GOALS.frame, reason),
    unmeasured('web-frame-p95', LABELS.frameP95, WEB_GOALS.frameP95, reason),
    unmeasured('web-layout-5000', LABELS.largeLayout, WEB_GOALS.largeLayout, reason),
    unmeasured('web-frame-5000', LABELS.largeFrame, WEB_GOALS.largeFrame, reason),
    unmeasured('web-frame-5000-p95', LABELS.largeFrameP95, WEB_GOALS.largeFrameP95, reason),
  ];
}

function homeUnmeasured(reason: string): Row[] {
  return [
    unmeasured('web-home-map', LABELS.home, WEB_GOALS.home, reason),
    unmeasured('web-home-isolated', LABELS.homeIsolated, WEB_GOALS.homeIsolated, reason),
  ];
}

/** A part's rows; when it fails, its rows unmeasured with the reason, so the other parts still count. */
async function measured(
  measure: () => Promise<Row[]>,
  unmeasuredRows: (reason: string) => Row[],
  log: (line: string) => void,
): Promise<Row[]> {
  try {
    return await measure();
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
    log(`web: ${message}`);
    return unmeasuredRows(`failed: ${message.slice(0, 120)}`);
  }
}

/**
 * The explorer's home view as a visitor gets it past 100 episodes: the episode map at the default
 * "Max nodes" (named, so that a smaller store draws it too). The goal is set for a 2,000-episode store.
 */
const HOME_PATH = '/?view=map';

/** What markCytoscapeCreated leaves on the page's window. */
interface CytoscapeMarks {
  cytoscapeCreated?: number;
}

/**
 * Runs in the page before its scripts: notes when cytoscape puts its canvases into the map's
 * container (it is created then, after the first picture), to time its own first frame from there.
 */
function markCytoscapeCreated() {
  const marks = window as unknown as CytoscapeMarks;
  const observer = new MutationObserver(() => {
    const container = document.querySelector('[data-testid="map-canvas"] [role="img"]');
    if (!container?.querySelector('canvas')) return;
    marks.cytoscapeCreated = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
}

/**
 * Navigation to the home view until its map is drawn and its labels placed at rest (the map's
 * data-labels-settled: the first picture, map/preview.ts, with its labels, in the frame that paints
 * them), each on a fresh page; with what the drawing says it holds. Noted beside it: until cytoscape
 * has replaced that picture with its own first frame (hover and tap answer from then on).
 */
async function homeViewRows(
  webUrl: string,
  quick: boolean,
  log: (line: string) => void,
  path = HOME_PATH,
  idSuffix = '',
): Promise<Row[]> {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const runs: {
      ms: number;
      interactiveMs: number;
      /** Cytoscape created (its canvases in the container) → its first frame drawn. */
      cytoscapeMs: number;
      nodes: number;
      edges: number;
      isolated: number;
      clusters: number;
    }[] = [];
    for (let i = 0; i < (quick ? 1 : 3); i += 1) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.addInitScript(markCytoscapeCreated);
      await page.goto(`${webUrl}${path}`, { waitUntil: 'commit' });
      const handle = await page.waitForFunction(
        () => {
          // A map the page could not load or draw says so at once: no point waiting for it.
          const problem = [...document.querySelectorAll('[role="status"], [role="alert"]')]
            .map((el) => el.textContent ?? '')
            .find((text) => /could not (load|be drawn)/i.test(text));
          if (problem) return { problem: problem.trim() };
          const frame = document.querySelector<HTMLElement>('[data-testid="map-canvas"]');
          if (frame?.dataset['labelsSettled'] !== 'true') return null;
          return {
            ms: performance.now(),
            nodes: Number(frame.dataset['nodeCount']),
            edges: Number(frame.dataset['edgeCount']),
            isolated: Number(frame.dataset['isolatedCount']),
            clusters: Number(frame.dataset['clusterCount']),
          };
        },
        undefined,
        { timeout: 60_000, polling: 'raf' },
      );
      const drawn = (await handle.jsonValue())!;
      if ('problem' in drawn) throw new Error(`${path}: ${drawn.problem}`);
      const interactive = await page.waitForFunction(
        () => {
          const frame = document.querySelector<HTMLElement>('[data-testid="map-canvas"]');
          const { cytoscapeCreated } = window as unknown as CytoscapeMarks;
          return frame?.dataset['status'] === 'ready' && !frame.querySelector('canvas.preview')
            ? { drawn: performance.now(), created: cytoscapeCreated ?? NaN }
            : null;
        },
        undefined,
        { timeout: 60_000, polling: 'raf' },
      );
      const cytoscape = (await interactive.jsonValue())!;
      runs.push({
        ...drawn,
        interactiveMs: cytoscape.drawn,
        cytoscapeMs: cytoscape.drawn - cytoscape.created,
      });
      await page.close();
    }
    const times = runs.map((r) => r.ms).sort((a, b) => a - b);
    const interactiveTimes = runs.map((r) => r.interactiveMs).sort((a, b) => a - b);
    const cytoscapeTimes = runs.map((r) => r.cytoscapeMs).sort((a, b) => a - b);
    const seconds = (all: number[]) => all.map((t) => (t / 1000).toFixed(2)).join(', ');
    const median = times[Math.floor(times.length / 2)]!;
    const first = runs[0]!;
    const share = first.nodes === 0 ? 0 : (100 * first.isolated) / first.nodes;
    log(
      `web: home map ${first.nodes} episodes / ${first.edges} edges drawn in ${times.map((t) => t.toFixed(0)).join(', ')} ms`,
    );
    return [
      row(
        `web-home-map${idSuffix}`,
        LABELS.home,
        WEB_GOALS.home,
        median / 1000,
        `${(median / 1000).toFixed(2)} s`,
        `${path}: ${first.nodes} episodes / ${first.edges} edges in ${first.clusters} clusters; median of ${runs.length} fresh pages (${seconds(times)} s), from navigation start (performance.now) to the frame that paints the first label sweep at rest over the map's first picture (SSR + episodeMap + hydration + layout + one canvas pass + labels); cytoscape's own first frame (hover and tap) at ${seconds(interactiveTimes)} s, ${seconds(cytoscapeTimes)} s after it was created (adding, styling and drawing the elements)`,
      ),
      row(
        `web-home-isolated${idSuffix}`,
        LABELS.homeIsolated,
        WEB_GOALS.homeIsolated,
        share,
        `${share.toFixed(1)} %`,
        `${first.isolated} of ${first.nodes} drawn episodes without an edge (data-isolated-count / data-node-count of the map)`,
      ),
    ];
  } finally {
    await browser.close();
  }
}

/** Script URLs the page's HTML loads eagerly: modulepreload links, script src, and the boot script's import(). */
function eagerScripts(html: string): string[] {
  const found = new Set<string>();
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    const href = /\shref="([^"]+)"/.exec(tag)?.[1];
    if (href && /\srel="modulepreload"/.test(tag)) found.add(href);
  }
  for (const m of html.matchAll(/<script\b[^>]*src="([^"]+)"/g)) found.add(m[1]!);
  for (const m of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)) {
    for (const i of m[1]!.matchAll(/import\(\s*"([^"]+\.js)"\s*\)/g)) found.add(i[1]!);
  }
  return [...found];
}

async function initialJsRow(webUrl: string, buildDir: string, focus: string): Promise<Row> {
  const pageUrl = `${webUrl}/?focus=${encodeURIComponent(focus)}`;
  const html = await (await fetch(pageUrl)).text();
  const scripts = eagerScripts(html);
  let total = 0;
  for (const src of scripts) {
    const path = new URL(src, pageUrl).pathname;
    const file = join(buildDir, 'client', decodeURIComponent(path));
    if (!existsSync(file)) throw new Error(`the graph page loads ${src}, not found in the build`);
    total += gzipSync(readFileSync(file), { level: 9 }).length;
  }
  if (scripts.length === 0)
    throw new Error('the graph page loads no script: is it the SvelteKit page?');
  return row(
    'web-initial-js',
    LABELS.initialJs,
    WEB_GOALS.initialJs,
    total / 1024,
    `${(total / 1024).toFixed(1)} KB`,
    `${scripts.length} eagerly loaded JS files of ${pageUrl.replace(webUrl, '')} (modulepreload + entry imports), each gzip -9; cytoscape is loaded lazily and not counted`,
  );
}

async function ttfbRow(webUrl: string, sample: QuerySample, quick: boolean): Promise<Row> {
  const ids = sample.episodeIds;
  const latency = await measureLatency(
    async (i) => {
      // fetch resolves when the status line and headers arrive: time to first byte.
      const response = await fetch(`${webUrl}/episode/${ids[i % ids.length]}`);
      if (response.status !== 200)
        throw new Error(`/episode/${ids[i % ids.length]} answered ${response.status}`);
      await response.arrayBuffer();
    },
    quick ? 10 : 300,
    quick ? 3 : 30,
  );
  return row(
    'web-ttfb',
    LABELS.ttfb,
    WEB_GOALS.ttfb,
    latency.p50,
    `${ms(latency.p50)} ms`,
    `${latency.samples} requests over ${ids.length} episodes, SvelteKit SSR → API over loopback; p99 ${ms(latency.p99)} ms (includes reading the body)`,
  );
}

/** A view as dense as the goal asks (1,000 nodes, 4,000 edges): 400 episodes citing 10 papers each, popular papers first. */
function denseView(): { nodes: object[]; edges: object[] } {
  return syntheticView(400, 600, 10);
}

/** The explorer's largest view (5,000 nodes): 2,000 episodes citing 4 of 3,000 papers each. */
function largestView(): { nodes: object[]; edges: object[] } {
  return syntheticView(2000, 3000, 4);
}

/** `episodes` episodes citing `cites` of `papers` papers each, popular papers first (seeded, so every run draws the same). */
function syntheticView(
  episodes: number,
  papers: number,
  cites: number,
): { nodes: object[]; edges: object[] } {
  let state = 42;
  const random = () => (state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296;
  const nodes: { id: string; kind: string; label: string; weight: number }[] = [];
  const edges: { source: string; target: string; kind: string }[] = [];
  const weight = new Array<number>(papers).fill(0);
  for (let e = 0; e < episodes; e += 1) {
    const cited = new Set<number>();
    while (cited.size < cites) cited.add(Math.floor(papers * random() ** 2));
    [...cited].forEach((p, i) => {
      weight[p]! += 1;
      edges.push({
        source: `ep_${e}`,
        target: `paper_${p}`,
        kind: i === 0 ? 'SOURCE' : 'RECOMMENDED',
      });
    });
    nodes.push({
      id: `ep_${e}`,
      kind: 'EPISODE',
      label: `Synthetic episode number ${e} about things`,
      weight: cites,
    });
  }
  for (let p = 0; p < papers; p += 1)
    nodes.push({
      id: `paper_${p}`,
      kind: 'PAPER',
      label: `Paper ${p}: A Title of Usual Length`,
      weight: Math.max(1, weight[p]!),
    });
  return { nodes, edges };
}

async function buildBenchPage(): Promise<string> {
  const { build } = await import('vite');
  const outDir = await mkdtemp(join(tmpdir(), 'papergraph-bench-page-'));
  await build({
    root: PAGE_DIR,
    configFile: false,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

async function chromiumRows(
  apiUrl: string,
  sample: QuerySample,
  quick: boolean,
  log: (line: string) => void,
): Promise<Row[]> {
  // The densest 2,000-node answer among the sampled foci: what the explorer would be asked to draw.
  let view: { nodes: unknown[]; edges: unknown[] } | null = null;
  for (const focus of sample.episodeIds.slice(0, 40)) {
    const answer = await postGraphql(
      apiUrl,
      'query($f: ID!) { graph(focus: $f, depth: 2, limit: 2000) { nodes { id kind label weight } edges { source target kind } } }',
      { f: focus },
    );
    const graph = answer.data?.graph as { nodes: unknown[]; edges: unknown[] } | undefined;
    if (graph && graph.nodes.length > (view?.nodes.length ?? 0)) view = graph;
    if ((view?.nodes.length ?? 0) >= 2000) break;
  }
  if (!view) throw new Error('no graph answer to draw');
  const pageDir = await buildBenchPage();
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.route('http://bench.local/**', (route) => {
      const path = new URL(route.request().url()).pathname;
      const file = join(pageDir, path === '/' ? 'index.html' : path);
      if (!existsSync(file)) return route.fulfill({ status: 404 });
      const type = file.endsWith('.js')
        ? 'text/javascript'
        : file.endsWith('.css')
          ? 'text/css'
          : 'text/html';
      return route.fulfill({ status: 200, contentType: type, body: readFileSync(file) });
    });
    const freshPage = async () => {
      await page.goto('http://bench.local/');
      await page.waitForFunction(() => 'graphBench' in window);
    };
    const runs: { ms: number; layout: string; nodes: number; edges: number }[] = [];
    for (let i = 0; i < (quick ? 1 : 3); i += 1) {
      // A fresh page per run, as a visitor opening the view gets: no earlier instance's garbage.
      await freshPage();
      runs.push(
        await page.evaluate(
          (graph) => (window as unknown as BenchWindow).graphBench.drawAndLayout(graph),
          view,
        ),
      );
    }
    const times = runs.map((r) => r.ms).sort((a, b) => a - b);
    const layoutMs = times[Math.floor(times.length / 2)]!;
    const first = runs[0]!;
    log(
      `web: drew ${first.nodes} nodes / ${first.edges} edges with ${first.layout} in ${times.map((t) => t.toFixed(0)).join(', ')} ms`,
    );
    await freshPage();
    const dense = await page.evaluate(
      (graph) => (window as unknown as BenchWindow).graphBench.drawAndLayout(graph),
      denseView(),
    );
    const frames = await page.evaluate(
      (n) => (window as unknown as BenchWindow).graphBench.panAndZoom(n),
      quick ? 30 : 240,
    );
    await freshPage();
    const large = await page.evaluate(
      (graph) => (window as unknown as BenchWindow).graphBench.drawAndLayout(graph),
      largestView(),
    );
    const largeFrames = await page.evaluate(
      (n) => (window as unknown as BenchWindow).graphBench.panAndZoom(n),
      quick ? 30 : 240,
    );
    log(
      `web: drew ${large.nodes} nodes / ${large.edges} edges with ${large.layout} in ${large.ms.toFixed(0)} ms; median frame ${ms(largeFrames.median)} ms`,
    );
    return [
      row(
        'web-layout',
        LABELS.layout,
        WEB_GOALS.layout,
        layoutMs / 1000,
        `${(layoutMs / 1000).toFixed(2)} s`,
        `graph(focus, depth:2, limit:2000) answer with ${first.nodes} nodes / ${first.edges} edges, app's toElements + stylesheet + chooseLayout (${first.layout}); median of ${runs.length} (${times.map((t) => (t / 1000).toFixed(2)).join(', ')} s), each on a fresh page, from data in hand to the second frame after layoutstop`,
      ),
      row(
        'web-frame',
        LABELS.frame,
        WEB_GOALS.frame,
        frames.median,
        `${ms(frames.median)} ms`,
        `${dense.nodes} nodes / ${dense.edges} edges, ${frames.frames} frames of scripted panBy/zoom (one step per frame), rAF-to-rAF; p95 ${ms(frames.p95)} ms; canvas renderer, --disable-gpu`,
      ),
      row(
        'web-frame-p95',
        LABELS.frameP95,
        WEB_GOALS.frameP95,
        frames.p95,
        `${ms(frames.p95)} ms`,
        `the same ${frames.frames} frames as web-frame`,
      ),
      row(
        'web-layout-5000',
        LABELS.largeLayout,
        WEB_GOALS.largeLayout,
        large.ms / 1000,
        `${(large.ms / 1000).toFixed(2)} s`,
        `synthetic ${large.nodes} nodes / ${large.edges} edges (2,000 episodes × 4 of 3,000 papers), app's toElements + stylesheet + chooseLayout (${large.layout}), one run on a fresh page, data in hand to the second frame after layoutstop`,
      ),
      row(
        'web-frame-5000',
        LABELS.largeFrame,
        WEB_GOALS.largeFrame,
        largeFrames.median,
        `${ms(largeFrames.median)} ms`,
        `${large.nodes} nodes / ${large.edges} edges, ${largeFrames.frames} frames of scripted panBy/zoom with the app's label level of detail following the zoom at rest, rAF-to-rAF; p95 ${ms(largeFrames.p95)} ms; canvas renderer, --disable-gpu`,
      ),
      row(
        'web-frame-5000-p95',
        LABELS.largeFrameP95,
        WEB_GOALS.largeFrameP95,
        largeFrames.p95,
        `${ms(largeFrames.p95)} ms`,
        `the same ${largeFrames.frames} frames as web-frame-5000`,
      ),
    ];
  } finally {
    await browser.close();
    await rm(pageDir, { recursive: true, force: true });
  }
}

/** The web rows; a part that fails (build, server, a browser page) is reported in its rows, not thrown. */
export async function webRows(options: WebOptions): Promise<Row[]> {
  if (options.skip) return unmeasuredAll('skipped (--skip-web)');
  const { log } = options;
  const noChromium = existsSync(CHROMIUM)
    ? null
    : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
  const served = await measured(
    () => servedRows(options, noChromium),
    (reason) => [...serverUnmeasured(reason), ...homeUnmeasured(reason)],
    log,
  );
  const drawn = noChromium
    ? drawingUnmeasured(noChromium)
    : await measured(
        () => chromiumRows(options.apiUrl, options.sample, options.quick, log),
        drawingUnmeasured,
        log,
      );
  return [...served, ...drawn];
}

/** The rows taken on the built app: initial JS and TTFB, then the home view in Chromium. */
async function servedRows(options: WebOptions, noChromium: string | null): Promise<Row[]> {
  const { log } = options;
  const buildDir = await webBuildSnapshot(!options.quick, log);
  try {
    const web = await startWeb(buildDir, options.apiUrl);
    try {
      const server = await measured(
        async () => [
          await initialJsRow(web.url, buildDir, options.sample.episodeIds[0]!),
          await ttfbRow(web.url, options.sample, options.quick),
        ],
        serverUnmeasured,
        log,
      );
      const home = noChromium
        ? homeUnmeasured(noChromium)
        : await measured(() => homeViewRows(web.url, options.quick, log), homeUnmeasured, log);
      return [...server, ...home];
    } finally {
      await web.stop();
    }
  } finally {
    await rm(buildDir, { recursive: true, force: true });
  }
}

/**
 * The home map alone, at several map sizes, on a synthetic store of `--episodes` episodes (imported
 * once into `--data-dir` when that is empty, so later runs measure at once):
 *   node tests/bench/webRows.ts --episodes 5000 --data-dir /tmp/pg-5k [--limits 500,2000,5000] [--quick]
 * (--quick: one page per size, on the existing web/build if there is one)
 */
async function homeMapsMain(): Promise<void> {
  const { values } = parseArgs({
    options: {
      episodes: { type: 'string', default: '5000' },
      'data-dir': { type: 'string' },
      limits: { type: 'string', default: '2000,5000' },
      quick: { type: 'boolean', default: false },
    },
  });
  const log = (line: string) => console.log(line);
  const dataDir = values['data-dir'] ?? (await mkdtemp(join(tmpdir(), 'papergraph-web-bench-')));
  const { createEmbeddedStore } = await import('../../server/src/store/embedded/index.ts');
  const store = await createEmbeddedStore({ dataDir });
  if ((await store.stats()).episodes === 0) {
    const { defaultFeedDir, ensureFeed } = await import('./feed.ts');
    const { timeImport } = await import('./importRows.ts');
    const feed = ensureFeed(values.episodes, 1, defaultFeedDir(values.episodes, 1), log);
    log(`import: ${values.episodes} episodes into ${dataDir}`);
    const timing = await timeImport(store, feed, 'rss');
    log(`import: ${timing.seconds.toFixed(0)} s`);
  }
  await store.close();
  const { startApi } = await import('./serverProcess.ts');
  const api = await startApi(dataDir, log);
  // The API is stopped whatever fails next (a failed build left it holding the data dir's lock).
  let buildDir: string | null = null;
  try {
    // Built from the current sources unless --quick, as a full bench run does: a build left by an
    // earlier checkout would measure that checkout's code.
    buildDir = await webBuildSnapshot(!values.quick, log);
    const web = await startWeb(buildDir, api.url);
    try {
      const rows: Row[] = [];
      for (const limit of values.limits.split(',').map(Number)) {
        // The server-rendered page alone, twice: its size, and how long stats and the map
        // requests take when the API selects the map and when it has it already (so the Chromium
        // pages below are answered from the API's memoized map).
        for (const visit of ['first', 'second']) {
          const started = performance.now();
          const html = await (await fetch(`${web.url}/?view=map&limit=${limit}`)).text();
          log(
            `web: /?view=map&limit=${limit} ${visit} fetch: HTML ${(Buffer.byteLength(html) / 1e6).toFixed(2)} MB in ${(performance.now() - started).toFixed(0)} ms`,
          );
        }
        rows.push(
          ...(await homeViewRows(
            web.url,
            values.quick,
            log,
            `/?view=map&limit=${limit}`,
            `-${limit}`,
          )),
        );
      }
      log(
        `machine load (1, 5, 15 min): ${loadavg()
          .map((l) => l.toFixed(1))
          .join(', ')}`,
      );
      log(renderTable(rows));
      log(renderNotes(rows));
    } finally {
      await web.stop();
    }
  } finally {
    await api.stop();
    if (buildDir) await rm(buildDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await homeMapsMain();
