// The episode map in Chromium at desktop and phone sizes, on the seed: every episode drawn and
// connected with its clusters labelled, drilling into a cluster and back, an episode's local map one
// click from its details, and an edge's reasons on hover and on keyboard focus; axe clean.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seriousAxeViolations, shot } from './browser.ts';
import { apiQuery, type Stack, startStack } from './stack.ts';
import { openViewports, type Viewports } from './viewports.ts';

let stack: Stack;
let viewports: Viewports;
let seedEpisodes: string[] = [];

beforeAll(async () => {
  viewports = await openViewports();
  stack = await startStack();
  const data = await apiQuery<{ episodes: { edges: { node: { id: string } }[] } }>(
    stack.apiUrl,
    '{ episodes(first: 100) { edges { node { id } } } }',
  );
  seedEpisodes = data.episodes.edges.map((edge) => edge.node.id);
}, 180_000);

afterAll(async () => {
  await viewports?.close();
  await stack?.close();
});

interface Drawn {
  nodes: number;
  edges: number;
  isolated: number;
  attributes: { nodes: number; edges: number; isolated: number };
  ids: string[];
}

/** Waits for the map, then what cytoscape drew next to what the container says it drew. */
async function mapDrawn(page: Page): Promise<Drawn> {
  await page.waitForSelector('[data-testid="map-canvas"][data-status="ready"]');
  return page.evaluate(() => {
    const frame = document.querySelector<HTMLElement>('[data-testid="map-canvas"]')!;
    const container = frame.querySelector('[role="img"]') as HTMLElement & {
      _cyreg?: { cy: any };
    };
    const cy = container._cyreg!.cy;
    return {
      nodes: cy.nodes().length,
      edges: cy.edges().length,
      isolated: cy.nodes().filter((n: any) => n.degree(false) === 0).length,
      attributes: {
        nodes: Number(frame.dataset['nodeCount']),
        edges: Number(frame.dataset['edgeCount']),
        isolated: Number(frame.dataset['isolatedCount']),
      },
      ids: cy.nodes().map((n: any) => n.id()),
    };
  });
}

/** Where the middle of an edge is drawn clear of nodes, with nothing over it (no label, no sheet), in page pixels. */
function uncoveredEdgeMiddle(page: Page): Promise<{ x: number; y: number }> {
  return page.evaluate(() => {
    const container = document.querySelector(
      '[data-testid="map-canvas"] [role="img"]',
    ) as HTMLElement & { _cyreg?: { cy: any } };
    const box = container.getBoundingClientRect();
    const cy = container._cyreg!.cy;
    const nodeBoxes = cy.nodes().map((node: any) => node.renderedBoundingBox());
    const onNode = (x: number, y: number) =>
      nodeBoxes.some((b: any) => x > b.x1 - 4 && x < b.x2 + 4 && y > b.y1 - 4 && y < b.y2 + 4);
    const middles = cy.edges().map((edge: any) => edge.renderedMidpoint()) as {
      x: number;
      y: number;
    }[];
    const free = middles
      .filter((middle) => !onNode(middle.x, middle.y))
      .map((middle) => ({ x: box.x + middle.x, y: box.y + middle.y }))
      .find(({ x, y }) => container.contains(document.elementFromPoint(x, y)));
    if (!free) throw new Error('every edge middle is covered');
    return free;
  });
}

/** The zoom of the drawing inside `testid` (the map's or the paper graph's frame). */
function drawnZoom(page: Page, testid: string): Promise<number> {
  return page.evaluate((testid) => {
    const container = document.querySelector(
      `[data-testid="${testid}"] [role="img"]`,
    ) as HTMLElement & { _cyreg?: { cy: any } };
    return container._cyreg!.cy.zoom() as number;
  }, testid);
}

/** Presses Enter on the focused zoom button and waits until the drawing's zoom has changed from `before`. */
async function pressAndZoom(page: Page, testid: string, before: number): Promise<number> {
  await page.keyboard.press('Enter');
  await expect.poll(() => drawnZoom(page, testid)).not.toBe(before);
  return drawnZoom(page, testid);
}

/** The focused element's test id and accessible name (its aria-label, else its text). */
function focused(page: Page): Promise<{ testid: string | null; name: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    return {
      testid: el.dataset['testid'] ?? null,
      name: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '',
    };
  });
}

describe.each(['desktop', 'phone'] as const)('the episode map (%s)', (size) => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = size === 'desktop' ? viewports.desktop : viewports.phone;
    page = await context.newPage();
  });

  afterAll(async () => {
    await page?.close();
  });

  it('draws every seed episode connected, with every cluster labelled', async () => {
    await page.goto(`${stack.baseUrl}/?view=map`);
    const drawn = await mapDrawn(page);
    expect(drawn.attributes).toEqual({
      nodes: drawn.nodes,
      edges: drawn.edges,
      isolated: drawn.isolated,
    });
    expect(drawn.ids.sort()).toEqual([...seedEpisodes].sort());
    expect(drawn.isolated).toBe(0);
    const clusters = Number(
      await page.getAttribute('[data-testid="map-canvas"]', 'data-cluster-count'),
    );
    expect(clusters).toBeGreaterThan(0);
    const labels = page.getByTestId('cluster-label');
    expect(await labels.count()).toBe(clusters);
    for (const label of await labels.all()) {
      expect(await label.isVisible()).toBe(true);
      expect((await label.textContent())?.trim()).not.toBe('');
    }
    expect(await page.getByTestId('map-summary').textContent()).toContain('8 episodes');
    await shot(page, `map-home-${size}`);
  });

  it('keeps every cluster label whole inside the drawing, at rest and after a zoom', async () => {
    await page.goto(`${stack.baseUrl}/?view=map`);
    await mapDrawn(page);
    const cutLabels = () =>
      page.evaluate(() => {
        const frame = document.querySelector<HTMLElement>('[data-testid="map-canvas"]')!;
        const area = frame.getBoundingClientRect();
        return [...frame.querySelectorAll<HTMLElement>('[data-testid="cluster-label"]')]
          .filter((label) => getComputedStyle(label).visibility !== 'hidden')
          .map((label) => ({
            text: label.textContent!.trim(),
            box: label.getBoundingClientRect(),
            // Text wider than the label's own box is cut off mid-word (a long name wraps, then ends in an ellipsis).
            clipped: [label, ...label.querySelectorAll<HTMLElement>('*')].some(
              (el) => el.scrollWidth > el.clientWidth + 1,
            ),
          }))
          .filter(
            ({ box, clipped }) =>
              clipped || box.left < area.left - 0.5 || box.right > area.right + 0.5,
          )
          .map(
            ({ text, box, clipped }) =>
              `${text}: ${box.left}–${box.right} in ${area.left}–${area.right}${clipped ? ', text clipped' : ''}`,
          );
      });
    await page.waitForSelector('[data-testid="map-canvas"][data-labels-settled="true"]');
    expect(await cutLabels()).toEqual([]);
    await page.getByTestId('zoom-in').click();
    await page.getByTestId('zoom-out').click();
    await expect.poll(cutLabels).toEqual([]);
  });

  it('draws no cluster label over an episode: every member stays in sight', async () => {
    await page.goto(`${stack.baseUrl}/?view=map`);
    await mapDrawn(page);
    await page.waitForSelector('[data-testid="map-canvas"][data-labels-settled="true"]');
    const covered = await page.evaluate(() => {
      const frame = document.querySelector<HTMLElement>('[data-testid="map-canvas"]')!;
      const container = frame.querySelector('[role="img"]') as HTMLElement & {
        _cyreg?: { cy: any };
      };
      const origin = container.getBoundingClientRect();
      type NodeBox = { id: string; x1: number; y1: number; x2: number; y2: number };
      const nodes: NodeBox[] = container._cyreg!.cy.nodes().map((node: any) => ({
        id: node.id() as string,
        ...(node.renderedBoundingBox() as { x1: number; y1: number; x2: number; y2: number }),
      }));
      return [...frame.querySelectorAll<HTMLElement>('[data-testid="cluster-label"]')]
        .filter((label) => getComputedStyle(label).visibility !== 'hidden')
        .flatMap((label) => {
          const box = label.getBoundingClientRect();
          const [x1, x2] = [box.left - origin.left, box.right - origin.left];
          const [y1, y2] = [box.top - origin.top, box.bottom - origin.top];
          return nodes
            .filter((n) => n.x1 < x2 && x1 < n.x2 && n.y1 < y2 && y1 < n.y2)
            .map((n) => `${label.textContent!.trim()} covers ${n.id}`);
        });
    });
    expect(covered).toEqual([]);
  });

  it('drills into a cluster from its label and back', async () => {
    const label = page.getByTestId('cluster-label').first();
    const name = (await label.textContent())!.trim();
    await label.click();
    await page.waitForURL(/cluster=/);
    const drawn = await mapDrawn(page);
    expect(await page.getByTestId('map-where').textContent()).toContain(name);
    expect(drawn.nodes).toBeGreaterThan(1);
    expect(drawn.nodes).toBeLessThanOrEqual(seedEpisodes.length);
    expect(drawn.isolated).toBe(0);
    await page.getByTestId('map-home').click();
    await page.waitForURL((url) => !url.search.includes('cluster='));
    expect((await mapDrawn(page)).nodes).toBe(seedEpisodes.length);
  });

  it("opens an episode's local map from its details", async () => {
    const episode = seedEpisodes[0]!;
    await page.goto(`${stack.baseUrl}/?view=map&sel=${episode}`);
    await mapDrawn(page);
    await page.getByTestId('local-map').click();
    await page.waitForURL(/around=/);
    const drawn = await mapDrawn(page);
    expect(drawn.ids).toContain(episode);
    expect(drawn.nodes).toBeGreaterThan(1);
    expect(drawn.isolated).toBe(0);
    expect(await page.getByTestId('map-where').textContent()).toContain('Around');
    const centre = await page.evaluate(() => {
      const container = document.querySelector(
        '[data-testid="map-canvas"] [role="img"]',
      ) as HTMLElement & { _cyreg?: { cy: any } };
      return container._cyreg!.cy.nodes('.centre').map((n: any) => n.id());
    });
    expect(centre).toEqual([episode]);
    await shot(page, `map-local-${size}`);
  });

  it("tells an edge's reasons on hover and on keyboard focus", async () => {
    await page.goto(`${stack.baseUrl}/?view=map`);
    await mapDrawn(page);
    await page.getByTestId('map-canvas').scrollIntoViewIfNeeded();
    const middle = await uncoveredEdgeMiddle(page);
    await page.mouse.move(middle.x, middle.y);
    const hovered = page.getByTestId('map-edge-tooltip');
    await hovered.waitFor();
    // The home map is drawn without reasons: they are asked for when an edge is pointed at.
    await hovered.locator('li').first().waitFor();
    await page.mouse.move(1, 1);
    await hovered.waitFor({ state: 'detached' });

    const relation = page.getByTestId('map-relation').first();
    await relation.focus();
    const focused = page.getByTestId('map-edge-tooltip');
    await focused.waitFor();
    const title = (await relation.textContent())!.trim();
    expect((await focused.locator('strong').textContent())!.trim()).toBe(title);
    await focused.locator('li').first().waitFor();
    // The next Tab stop is the next relation: its reasons replace the first's.
    const second = page.getByTestId('map-relation').nth(1);
    await page.keyboard.press('Tab');
    const secondTitle = (await second.textContent())!.trim();
    await page.waitForFunction(
      (title) =>
        document.querySelector('[data-testid="map-edge-tooltip"] strong')?.textContent?.trim() ===
        title,
      secondTitle,
    );
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());
    await focused.waitFor({ state: 'detached' });
  });

  it('lists the episodes beside the map without a paper count it cannot have', async () => {
    await page.goto(`${stack.baseUrl}/?view=map`);
    await mapDrawn(page);
    const count = page.getByTestId('view-count');
    expect((await count.textContent())!.replace(/\s+/g, ' ').trim()).toBe(
      `${seedEpisodes.length} episodes in view`,
    );
    expect(await count.getAttribute('data-papers')).toBeNull();
    expect(await page.getByTestId('paper-table').count()).toBe(0);
    expect(await page.getByRole('heading', { name: /^Papers/ }).count()).toBe(0);
    expect(await page.getByTestId('episode-list').locator('li').count()).toBe(seedEpisodes.length);
  });

  it('zooms in, out and back to fit from the keyboard, on the map and on the paper graph', async () => {
    await page.goto(`${stack.baseUrl}/?view=map`);
    await mapDrawn(page);
    await page.getByTestId('to-paper-graph').focus();
    await page.keyboard.press('Tab');
    expect(await focused(page)).toEqual({
      testid: 'zoom-fit',
      name: 'Fit the whole map in view',
    });
    const fitted = await drawnZoom(page, 'map-canvas');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toEqual({ testid: 'zoom-in', name: 'Zoom in on the map' });
    const zoomedIn = await pressAndZoom(page, 'map-canvas', fitted);
    expect(zoomedIn).toBeCloseTo(fitted * 1.25, 5);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toEqual({ testid: 'zoom-out', name: 'Zoom out of the map' });
    const zoomedOut = await pressAndZoom(page, 'map-canvas', zoomedIn);
    expect(zoomedOut).toBeCloseTo(fitted, 5);
    await pressAndZoom(page, 'map-canvas', zoomedOut);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect((await focused(page)).testid).toBe('zoom-fit');
    expect(await pressAndZoom(page, 'map-canvas', await drawnZoom(page, 'map-canvas'))).toBeCloseTo(
      fitted,
      5,
    );

    await page.goto(`${stack.baseUrl}/?view=graph`);
    await page.waitForSelector('[data-testid="graph-canvas"][data-status="ready"]');
    await page.waitForSelector('[data-testid="graph-canvas"]:not([data-layouts-done="0"])');
    const tools = page.getByRole('toolbar', { name: 'Graph tools' });
    await tools.getByTestId('zoom-fit').focus();
    expect(await focused(page)).toEqual({
      testid: 'zoom-fit',
      name: 'Fit the whole graph in view',
    });
    const graphFitted = await drawnZoom(page, 'graph-canvas');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toEqual({ testid: 'zoom-in', name: 'Zoom in on the graph' });
    const graphIn = await pressAndZoom(page, 'graph-canvas', graphFitted);
    expect(graphIn).toBeGreaterThan(graphFitted);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toEqual({ testid: 'zoom-out', name: 'Zoom out of the graph' });
    expect(await pressAndZoom(page, 'graph-canvas', graphIn)).toBeLessThan(graphIn);
  });

  it('draws the map at the largest "Max nodes" (5,000 episodes asked for)', async () => {
    await page.goto(`${stack.baseUrl}/?view=map&limit=5000`);
    const drawn = await mapDrawn(page);
    expect(drawn.nodes).toBe(seedEpisodes.length);
    const notices = await page.locator('[role="status"], [role="alert"]').allTextContents();
    expect(notices.some((text) => /could not load|at most/i.test(text))).toBe(false);
  });

  it('passes axe', async () => {
    await page.goto(`${stack.baseUrl}/?view=map`);
    await mapDrawn(page);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
