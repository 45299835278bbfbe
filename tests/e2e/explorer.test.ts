// The web explorer in a real headless Chromium against the real API and the seed data.
// One file on purpose: one build, one stack and one browser shared by every scenario, in order.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  atRest,
  cyState,
  graphReady,
  layoutSettled,
  nodePoint,
  nodePositions,
  seriousAxeViolations,
  shot,
  streamText,
  viewportRests,
} from './browser.ts';
import { apiQuery, launchChromium, type Stack, startStack } from './stack.ts';

const DPO = 'arxiv:2305.18290';
const VERIFY = 'arxiv:2305.20050';
const GRADER = 'The Free Step-Level Grader Hiding in Every RL Training Run';
const BAD_TOKEN = "One Bad Token Can Sink a Model's Math, And You Can Delete It";

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let phone: BrowserContext;
const cspViolations: string[] = [];
const pageErrors: string[] = [];

interface Episode {
  id: string;
  title: string;
}

let episodes: Episode[] = [];
const idOf = (title: string) => {
  const episode = episodes.find((e) => e.title === title);
  if (!episode) throw new Error(`seed has no episode "${title}"`);
  return episode.id;
};

async function newPage(on: BrowserContext = context): Promise<Page> {
  const page = await on.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      cspViolations.push(message.text());
  });
  return page;
}

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startStack();
  context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  for (const ctx of [context, phone]) {
    await ctx.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(
          `Content Security Policy violation: ${event.violatedDirective} ${event.sourceFile}:${event.lineNumber}`,
        );
      });
    });
  }
  const data = await apiQuery<{ episodes: { edges: { node: Episode }[] } }>(
    stack.apiUrl,
    '{ episodes(first: 100) { edges { node { id title } } } }',
  );
  episodes = data.episodes.edges.map((e) => e.node);
}, 180_000);

afterAll(async () => {
  await phone?.close();
  await context?.close();
  await browser?.close();
  await stack?.close();
});

describe('papergraph explorer in a browser', () => {
  it('draws the whole seed graph, with the same nodes in the lists', async () => {
    const { stats } = await apiQuery<{
      stats: { episodes: number; papers: number; citations: number };
    }>(stack.apiUrl, '{ stats { episodes papers citations } }');
    const page = await newPage();
    await page.goto(stack.baseUrl + '/');
    await graphReady(page);

    const count = page.getByTestId('view-count');
    expect(await count.getAttribute('data-episodes')).toBe(String(stats.episodes));
    expect(await count.getAttribute('data-papers')).toBe(String(stats.papers));
    expect(await page.locator('[data-testid="episode-list"] li').count()).toBe(stats.episodes);
    expect(await page.locator('[data-testid="paper-table"] tbody tr').count()).toBe(stats.papers);

    const cy = await cyState(page);
    expect(cy.canvases).toBeGreaterThan(0);
    expect(cy.nodes).toHaveLength(stats.episodes + stats.papers);
    expect(cy.edges).toBe(stats.citations);
    await shot(page, 'home');
    await page.close();
  });

  it('searching "DPO" and opening the paper lists exactly the two episodes that recommend it', async () => {
    const page = await newPage();
    await page.goto(stack.baseUrl + '/');
    await page.locator('#search-input').pressSequentially('DPO', { delay: 40 });
    await page.getByTestId('search-hit').first().waitFor();
    await shot(page, 'search-dpo');
    const hits = await page
      .getByTestId('search-hit')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    const paperHref = `/paper/${encodeURIComponent(DPO)}`;
    expect(hits, 'the DPO paper is among the search results').toContain(paperHref);
    await page.locator(`[data-testid="search-hit"][href="${paperHref}"]`).click();
    await page.waitForURL(`**/paper/${encodeURIComponent(DPO)}`);

    const citing = page.getByTestId('citing-episode');
    await citing.first().waitFor();
    const rows = await citing.evaluateAll((items) =>
      items.map((li) => ({
        kind: (li as HTMLElement).dataset['kind'],
        title: li.querySelector('a')?.textContent?.trim(),
      })),
    );
    expect(rows.map((r) => r.title).sort()).toEqual([BAD_TOKEN, GRADER].sort());
    expect(rows.every((r) => r.kind === 'RECOMMENDED')).toBe(true);
    await shot(page, 'paper-dpo');
    await page.close();
  });

  it('pasting an arXiv or DOI link into the search box lands on that paper', async () => {
    const page = await newPage();
    await page.goto(stack.baseUrl + '/episodes');
    await page.waitForSelector('html[data-hydrated]');
    await page.locator('#search-input').evaluate((input) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'https://arxiv.org/pdf/2305.18290v2');
      input.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    });
    await page.waitForURL(`**/paper/${encodeURIComponent(DPO)}`);

    // Typed and submitted works the same; an identifier no episode cites lands on the page that says so.
    await page.locator('#search-input').fill('https://arxiv.org/abs/2305.20050');
    await page.locator('#search-input').press('Enter');
    await page.waitForURL(`**/paper/${encodeURIComponent(VERIFY)}`);
    await page.locator('#search-input').fill('10.9999/not-a-paper');
    await page.locator('#search-input').press('Enter');
    await page.getByTestId('uncited-paper').waitFor();
    expect(decodeURIComponent(new URL(page.url()).pathname)).toBe('/paper/doi:10.9999/not-a-paper');
    await page.close();
  });

  it('an episode that recommends DPO shows the other one as its top related episode, with the shared papers', async () => {
    const page = await newPage();
    await page.goto(stack.baseUrl + `/paper/${encodeURIComponent(DPO)}`);
    await page.getByRole('link', { name: BAD_TOKEN }).click();
    await page.waitForURL(`**/episode/${idOf(BAD_TOKEN)}`);

    const top = page.getByTestId('related-episode').first();
    expect(await top.getAttribute('data-episode-id')).toBe(idOf(GRADER));
    expect(await top.locator('a').first().textContent()).toBe(GRADER);
    const shared = await top
      .getByTestId('shared-paper')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(shared.sort()).toEqual(
      [`/paper/${encodeURIComponent(DPO)}`, `/paper/${encodeURIComponent(VERIFY)}`].sort(),
    );

    // The episode page carries the rest of the episode too.
    await expect(page.getByRole('heading', { level: 1, name: BAD_TOKEN }).count()).resolves.toBe(1);
    expect(await page.locator('ol.chapters li').count()).toBeGreaterThan(0);
    await shot(page, 'episode-related');
    await page.close();
  });

  it('a deep link reproduces focus, depth, filter and selection, also after a reload', async () => {
    const focus = idOf(BAD_TOKEN);
    const expected = await apiQuery<{ graph: { nodes: { id: string }[] } }>(
      stack.apiUrl,
      'query($focus: ID) { graph(focus: $focus, depth: 1) { nodes { id } } }',
      { focus },
    );
    const expectedIds = expected.graph.nodes.map((n) => n.id).sort();
    const url = `${stack.baseUrl}/?focus=${focus}&depth=1&sel=${encodeURIComponent(DPO)}`;

    const page = await newPage();
    for (const load of [() => page.goto(url), () => page.reload()]) {
      await load();
      await graphReady(page);
      expect(await page.getByTestId('focus').textContent()).toContain(BAD_TOKEN);
      expect(await page.locator('select[name="depth"]').inputValue()).toBe('1');
      expect(await page.getByTestId('selection-panel').getAttribute('data-selected')).toBe(DPO);
      const listed = await page
        .locator('[data-testid="node-lists"] [data-node-id]')
        .evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset['nodeId']!));
      expect(listed.sort()).toEqual(expectedIds);
      const cy = await cyState(page);
      expect(cy.nodes.sort()).toEqual(expectedIds);
      expect(cy.selected).toEqual([DPO]);
    }
    await shot(page, 'deep-link');
    await page.close();
  });

  it('expands a node into its neighbours, hides a node, and undoes both', async () => {
    const focus = idOf(BAD_TOKEN);
    const page = await newPage();
    await page.goto(`${stack.baseUrl}/?focus=${focus}&depth=1&sel=${encodeURIComponent(DPO)}`);
    await graphReady(page);
    const before = (await cyState(page)).nodes;
    expect(before).not.toContain(idOf(GRADER));

    // DPO's neighbours include the other episode that recommends it.
    await page.getByRole('link', { name: 'Expand', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('expand') === DPO);
    await page.waitForFunction((id) => {
      const container = document.querySelector(
        '[data-testid="graph-canvas"] [role="img"]',
      ) as HTMLElement & { _cyreg?: { cy: any } };
      return container._cyreg!.cy.getElementById(id).length === 1;
    }, idOf(GRADER));
    expect(
      await page.locator(`[data-testid="episode-list"] li[data-node-id="${idOf(GRADER)}"]`).count(),
    ).toBe(1);

    await page.getByRole('link', { name: 'Hide', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('hide') === DPO);
    await page.waitForFunction(
      () => document.querySelector('[data-testid="selection-panel"]') === null,
    );
    expect((await cyState(page)).nodes).not.toContain(DPO);
    expect(
      await page.locator(`[data-testid="paper-table"] tr[data-node-id="${DPO}"]`).count(),
    ).toBe(0);

    await page.getByTestId('undo').click();
    await page.waitForURL((u) => !u.searchParams.has('hide'));
    await page.getByTestId('undo').click();
    await page.waitForURL((u) => !u.searchParams.has('expand'));
    await page.waitForFunction(
      (n) =>
        Number(
          document.querySelector<HTMLElement>('[data-testid="graph-canvas"]')?.dataset[
            'renderedNodes'
          ],
        ) === n,
      before.length,
    );
    expect((await cyState(page)).nodes.sort()).toEqual([...before].sort());
    await page.close();
  });

  it('picks two episodes and highlights the shortest paths between them', async () => {
    const from = idOf(BAD_TOKEN);
    const to = idOf(GRADER);
    const page = await newPage();
    await page.goto(stack.baseUrl + '/');
    await graphReady(page);

    await page.locator(`[data-testid="episode-list"] li[data-node-id="${from}"] a`).first().click();
    await page.waitForSelector(`[data-testid="selection-panel"][data-selected="${from}"]`);
    await page.getByTestId('path-from-here').click();
    await page.waitForURL(/from=/);
    await page.locator(`[data-testid="episode-list"] li[data-node-id="${to}"] a`).first().click();
    await page.waitForSelector(`[data-testid="selection-panel"][data-selected="${to}"]`);
    await page.getByTestId('path-to-here').click();
    await page.getByTestId('path-steps').first().waitFor();
    // Two shortest paths (through DPO and through Let's Verify): 4 nodes and 4 edges highlighted.
    await page.waitForFunction(
      () =>
        Number(
          document.querySelector<HTMLElement>('[data-testid="graph-canvas"]')?.dataset[
            'pathElements'
          ],
        ) === 8,
    );

    const steps = await page
      .locator('[data-testid="path-steps"]')
      .first()
      .locator('li')
      .evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset['nodeId']!));
    expect(steps).toHaveLength(3);
    expect(steps[0]).toBe(from);
    expect(steps[2]).toBe(to);
    expect([DPO, VERIFY]).toContain(steps[1]);

    const cy = await cyState(page);
    expect(cy.pathNodes.sort()).toEqual([from, DPO, VERIFY, to].sort());
    expect(cy.pathEdges.map(([s, t]) => `${s}>${t}`).sort()).toEqual(
      [DPO, VERIFY].flatMap((p) => [`${from}>${p}`, `${to}>${p}`]).sort(),
    );
    expect(new URL(page.url()).searchParams.get('to')).toBe(to);
    await shot(page, 'path');

    // Undo steps back to the view before the second end was picked.
    await page.getByTestId('undo').click();
    await page.waitForURL((u) => !u.searchParams.has('to'));
    await page.close();
  });

  it('clicking a node in the drawing selects it', async () => {
    const page = await newPage();
    await page.goto(stack.baseUrl + '/');
    await graphReady(page);
    await layoutSettled(page);
    const target = idOf(GRADER);
    const point = await page.evaluate((id) => {
      const container = document.querySelector(
        '[data-testid="graph-canvas"] [role="img"]',
      ) as HTMLElement & { _cyreg?: { cy: any } };
      const p = container._cyreg!.cy.getElementById(id).renderedPosition();
      const box = container.getBoundingClientRect();
      return { x: box.x + p.x, y: box.y + p.y };
    }, target);
    await page.mouse.click(point.x, point.y);
    await page.waitForSelector(`[data-testid="selection-panel"][data-selected="${target}"]`);
    expect((await cyState(page)).selected).toEqual([target]);
    await page.close();
  });

  it('reaches the list view with the keyboard alone', async () => {
    const page = await newPage();
    await page.goto(stack.baseUrl + '/');
    let inLists = false;
    for (let presses = 0; presses < 40 && !inLists; presses++) {
      await page.keyboard.press('Tab');
      inLists = await page.evaluate(
        () =>
          document.activeElement?.closest(
            '[data-testid="node-lists"] li, [data-testid="node-lists"] tr',
          ) != null,
      );
    }
    expect(inLists).toBe(true);
    const focused = await page.evaluate(() =>
      (document.activeElement as HTMLElement)
        .closest('[data-node-id]')
        ?.getAttribute('data-node-id'),
    );
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[data-testid="selection-panel"][data-selected="${focused}"]`);
    await shot(page, 'keyboard');
    await page.close();
  });

  it('exports the visible papers as CSV and BibTeX, and the drawing as PNG', async () => {
    const page = await newPage();
    await page.goto(stack.baseUrl + '/?min=2');
    await graphReady(page);
    const papers = Number(await page.getByTestId('view-count').getAttribute('data-papers'));

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSV' }).click(),
    ]);
    const csvText = await streamText(await csv.createReadStream());
    expect(csvText.trim().split('\r\n')).toHaveLength(papers + 1);
    expect(csvText).toContain(DPO);

    const [bib] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'BibTeX' }).click(),
    ]);
    const bibText = await streamText(await bib.createReadStream());
    expect(bibText.match(/^@misc\{/gm)).toHaveLength(papers);
    expect(bibText).toContain('eprint = {2305.18290}');

    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'PNG' }).click(),
    ]);
    const bytes = Buffer.from(await streamText(await png.createReadStream(), 'latin1'), 'latin1');
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.suggestedFilename()).toBe('papergraph.png');
    await page.close();
  });

  it('answers an unknown episode with a 404 page', async () => {
    const page = await newPage();
    const response = await page.goto(stack.baseUrl + '/episode/ep_000000000000');
    expect(response?.status()).toBe(404);
    expect(await page.getByTestId('error-page').textContent()).toContain(
      'There is no episode with the id "ep_000000000000"',
    );
    await page.close();
  });

  // ---- issue 14: the explorer as people use it ----

  it('exports the default home view and the largest view as CSV and BibTeX', async () => {
    const { stats } = await apiQuery<{ stats: { papers: number } }>(
      stack.apiUrl,
      '{ stats { papers } }',
    );
    const page = await newPage();
    for (const path of ['/', '/?limit=5000']) {
      await page.goto(stack.baseUrl + path);
      await graphReady(page);
      const papers = Number(await page.getByTestId('view-count').getAttribute('data-papers'));
      expect(papers).toBe(stats.papers);
      const [csv] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'CSV' }).click(),
      ]);
      const rows = (await streamText(await csv.createReadStream())).trim().split('\r\n');
      expect(rows).toHaveLength(papers + 1);
      const [bib] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'BibTeX' }).click(),
      ]);
      expect((await streamText(await bib.createReadStream())).match(/^@misc\{/gm)).toHaveLength(
        papers,
      );
      expect(await page.getByRole('alert').count()).toBe(0);
    }
    await page.close();
  });

  it('"Papers cited by ≥": typing 2 then Enter submits 2, typing 3 then Apply submits 3, and the URL holds only those', async () => {
    const expected = async (min: number) =>
      (
        await apiQuery<{ papers: { totalCount: number } }>(
          stack.apiUrl,
          'query($m: Int) { papers(minCitations: $m) { totalCount } }',
          { m: min },
        )
      ).papers.totalCount;
    const page = await newPage();
    await page.goto(stack.baseUrl + '/');
    await graphReady(page);
    const input = page.getByLabel('Papers cited by ≥');
    await input.click();
    await input.press('ControlOrMeta+a');
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.search === '?min=2');
    await page.waitForFunction(
      (n) =>
        document.querySelector('[data-testid="view-count"]')?.getAttribute('data-papers') ===
        String(n),
      await expected(2),
    );
    expect(await input.inputValue()).toBe('2');

    await input.click();
    await input.press('ControlOrMeta+a');
    await page.keyboard.type('3');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((u) => u.search === '?min=3');
    await page.waitForFunction(
      (n) =>
        document.querySelector('[data-testid="view-count"]')?.getAttribute('data-papers') ===
        String(n),
      await expected(3),
    );
    expect(await input.inputValue()).toBe('3');
    await shot(page, 'min-filter');
    await page.close();
  });

  it('a depth change in a focused view keeps focus on the control and adds no default parameters to the URL', async () => {
    const focus = idOf(BAD_TOKEN);
    const page = await newPage();
    await page.goto(`${stack.baseUrl}/?focus=${focus}`);
    await graphReady(page);
    await page.locator('#depth-select').focus();
    await page.keyboard.press('ArrowUp');
    await page.waitForURL((u) => u.searchParams.get('depth') === '1');
    expect(new URL(page.url()).search).toBe(`?focus=${focus}&depth=1`);
    await graphReady(page);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('depth-select');
    await page.close();
  });

  it('the keyboard: one Tab stop per list, arrows inside it, focus kept after Enter and "Focus here", Escape closes the panel', async () => {
    const page = await newPage();
    await page.goto(stack.baseUrl + '/');
    await graphReady(page);
    await page.waitForSelector('html[data-hydrated]');
    let stops = 0;
    for (; stops < 40; stops++) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => document.activeElement?.id === 'min-input')) break;
    }
    // Skip link, brand, search (2), nav (3), two list summaries, one stop per list, then the controls.
    expect(stops).toBeLessThanOrEqual(14);

    const firstEpisode = page.locator('[data-testid="episode-list"] li a').first();
    await firstEpisode.focus();
    await page.keyboard.press('ArrowDown');
    const second = await page.evaluate(() =>
      document.activeElement?.closest('[data-node-id]')?.getAttribute('data-node-id'),
    );
    const ids = await page
      .locator('[data-testid="episode-list"] li')
      .evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset['nodeId']));
    expect(second).toBe(ids[1]);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[data-testid="selection-panel"][data-selected="${second}"]`);
    expect(
      await page.evaluate(() =>
        document.activeElement?.closest('[data-node-id]')?.getAttribute('data-node-id'),
      ),
    ).toBe(second);
    // Only the current item of a list is a Tab stop.
    expect(
      await page
        .locator(
          '[data-testid="episode-list"] a[tabindex="0"], [data-testid="episode-list"] a:not([tabindex])',
        )
        .count(),
    ).toBe(1);

    await page.getByRole('link', { name: 'Focus here' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('focus') === second);
    await graphReady(page);
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      'Focus here',
    );

    await page.keyboard.press('Escape');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="selection-panel"]') === null,
    );
    expect(new URL(page.url()).searchParams.has('sel')).toBe(false);
    expect(await page.evaluate(() => document.activeElement !== document.body)).toBe(true);
    await shot(page, 'keyboard-escape');
    await page.close();
  });

  it('labels are legible at the home zoom, complete when zoomed in, and hovering a node shows a tooltip', async () => {
    const page = await newPage();
    await page.goto(stack.baseUrl + '/');
    await graphReady(page);
    await layoutSettled(page);
    interface DrawnLabel {
      id: string;
      label: string;
      size: number;
      shown: boolean;
      wrap: string;
    }
    const labels = (): Promise<DrawnLabel[]> =>
      page.evaluate(() => {
        const container = document.querySelector(
          '[data-testid="graph-canvas"] [role="img"]',
        ) as HTMLElement & { _cyreg?: { cy: any } };
        const cy = container._cyreg!.cy;
        return cy.nodes().map((n: any) => {
          const size = n.pstyle('font-size').pfValue * cy.zoom();
          const shown =
            n.pstyle('label').strValue !== '' &&
            n.pstyle('text-opacity').value > 0 &&
            size >= n.pstyle('min-zoomed-font-size').pfValue;
          return {
            id: n.id(),
            label: n.data('label') as string,
            size,
            shown,
            wrap: n.pstyle('text-wrap').strValue as string,
          };
        });
      });
    const home = await labels();
    const drawn = home.filter((l) => l.shown);
    expect(drawn.length).toBeGreaterThanOrEqual(5);
    for (const label of drawn)
      expect(
        label.size,
        `${label.label} drawn at ${label.size.toFixed(1)} px`,
      ).toBeGreaterThanOrEqual(10);
    await shot(page, 'labels-home');

    const grader = idOf(GRADER);
    const restsBeforeZoom = await viewportRests(page);
    await page.evaluate((id) => {
      const container = document.querySelector(
        '[data-testid="graph-canvas"] [role="img"]',
      ) as HTMLElement & { _cyreg?: { cy: any } };
      const cy = container._cyreg!.cy;
      cy.zoom({ level: 2, position: cy.getElementById(id).position() });
      cy.center(cy.getElementById(id));
    }, grader);
    await atRest(page, restsBeforeZoom);
    const near = (await labels()).find((l) => l.id === grader)!;
    expect(near.shown).toBe(true);
    expect(near.wrap).toBe('wrap');
    await shot(page, 'labels-zoomed');

    const point = await nodePoint(page, grader);
    await page.mouse.move(point.x, point.y);
    const tooltip = page.getByTestId('node-tooltip');
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toContain(GRADER);
    expect(await tooltip.textContent()).toMatch(/Episode · cites \d+ papers?/);
    await shot(page, 'hover-tooltip');

    // Hovering a row of the side lists highlights the same node and its neighbours in the drawing.
    await page.mouse.move(5, 5);
    await page.locator(`[data-testid="paper-table"] tr[data-node-id="${DPO}"]`).hover();
    const marked = await page.evaluate((id) => {
      const container = document.querySelector(
        '[data-testid="graph-canvas"] [role="img"]',
      ) as HTMLElement & { _cyreg?: { cy: any } };
      const cy = container._cyreg!.cy;
      return {
        hovered: cy.nodes('.hovered').map((n: any) => n.id()),
        near: cy
          .getElementById(id)
          .closedNeighborhood()
          .nodes()
          .every((n: any) => !n.hasClass('dimmed')),
        dimmed: cy.nodes('.dimmed').length,
      };
    }, DPO);
    expect(marked.hovered).toEqual([DPO]);
    expect(marked.near).toBe(true);
    expect(marked.dimmed).toBeGreaterThan(0);
    await page.close();
  });

  it('the same URL draws the same picture after a reload', async () => {
    const page = await newPage();
    for (const path of ['/', `/?focus=${idOf(BAD_TOKEN)}&depth=2`]) {
      await page.goto(stack.baseUrl + path);
      await graphReady(page);
      await layoutSettled(page);
      const first = await nodePositions(page);
      await page.reload();
      await graphReady(page);
      await layoutSettled(page);
      expect(await nodePositions(page)).toEqual(first);
    }
    await page.close();
  });

  it('"Hide others" keeps only the selected node and its neighbours', async () => {
    const expected = await apiQuery<{ graph: { nodes: { id: string }[] } }>(
      stack.apiUrl,
      `{ graph(focus: "${DPO}", depth: 1) { nodes { id } } }`,
    );
    const page = await newPage();
    await page.goto(`${stack.baseUrl}/?sel=${encodeURIComponent(DPO)}`);
    await graphReady(page);
    await page.getByRole('link', { name: 'Hide others' }).click();
    await page.waitForURL(
      (u) => u.searchParams.get('focus') === DPO && u.searchParams.get('depth') === '1',
    );
    await page.waitForFunction(
      (n) =>
        Number(
          document.querySelector<HTMLElement>('[data-testid="graph-canvas"]')?.dataset[
            'renderedNodes'
          ],
        ) === n,
      expected.graph.nodes.length,
    );
    expect((await cyState(page)).nodes.sort()).toEqual(
      expected.graph.nodes.map((n) => n.id).sort(),
    );
    await page.close();
  });

  it('clicking a node in a focused view selects it without expanding it', async () => {
    const focus = idOf(BAD_TOKEN);
    const page = await newPage();
    await page.goto(`${stack.baseUrl}/?focus=${focus}&depth=1`);
    await graphReady(page);
    await layoutSettled(page);
    const point = await nodePoint(page, DPO);
    await page.mouse.click(point.x, point.y);
    await page.waitForSelector(`[data-testid="selection-panel"][data-selected="${DPO}"]`);
    expect(new URL(page.url()).searchParams.has('expand')).toBe(false);
    await page.close();
  });

  it('"Max nodes" keeps the best-connected nodes', async () => {
    const all = await apiQuery<{ graph: { nodes: { id: string; weight: number }[] } }>(
      stack.apiUrl,
      '{ graph(limit: 5000) { nodes { id weight } } }',
    );
    const page = await newPage();
    await page.goto(stack.baseUrl + '/?limit=12');
    await graphReady(page);
    const shown = new Set((await cyState(page)).nodes);
    expect(shown.size).toBe(12);
    const weights = all.graph.nodes.map((n) => ({ ...n, shown: shown.has(n.id) }));
    const lowestShown = Math.min(...weights.filter((n) => n.shown).map((n) => n.weight));
    const highestLeftOut = Math.max(...weights.filter((n) => !n.shown).map((n) => n.weight));
    expect(lowestShown).toBeGreaterThanOrEqual(highestLeftOut);
    await page.close();
  });

  it('a paper no episode cites gets a page saying so, and focusing by DOI names and highlights the paper', async () => {
    const page = await newPage();
    const response = await page.goto(stack.baseUrl + '/paper/arXiv:1901.00001');
    expect(response?.status()).toBe(200);
    expect(await page.getByTestId('uncited-paper').textContent()).toContain('No episode');
    expect(await page.getByRole('link', { name: /arxiv\.org\/abs\/1901\.00001/ }).count()).toBe(1);

    await page.goto(stack.baseUrl + '/?focus=' + encodeURIComponent('10.48550/arXiv.2305.18290'));
    await graphReady(page);
    const dpo = await apiQuery<{ paper: { label: string } }>(
      stack.apiUrl,
      `{ paper(ref: "${DPO}") { label } }`,
    );
    expect(await page.getByTestId('focus').textContent()).toContain(dpo.paper.label);
    expect((await cyState(page)).focus).toEqual([DPO]);
    await shot(page, 'focus-by-doi');
    await page.close();
  });

  it('lists the papers two related episodes share with a space after each comma', async () => {
    const page = await newPage();
    await page.goto(stack.baseUrl + `/episode/${idOf(BAD_TOKEN)}`);
    const text = await page
      .getByTestId('related-episode')
      .first()
      .locator('p', { hasText: 'Shares' })
      .textContent();
    expect(text).toMatch(/Shares 2 papers: .+, .+/);
    expect(text).not.toMatch(/\S,\S/);
    await page.close();
  });

  it('batch lookup: a pasted list shows which episodes cover each reference, lists the misses, and exports as CSV', async () => {
    const page = await newPage();
    await page.goto(stack.baseUrl + '/lookup');
    await page.waitForSelector('html[data-hydrated]');
    await page
      .getByLabel(/arXiv ids, DOIs or paper URLs/)
      .fill(
        [
          'https://arxiv.org/abs/2305.18290',
          '10.48550/arXiv.2305.20050',
          'arXiv:1901.00001',
          'not-a-paper',
        ].join('\n'),
      );
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.getByTestId('lookup-table').waitFor();
    const rows = await page.locator('[data-testid="lookup-table"] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        ref: (tr as HTMLElement).dataset['ref'],
        found: (tr as HTMLElement).dataset['found'],
        text: tr.textContent ?? '',
      })),
    );
    expect(rows.map((r) => [r.ref, r.found])).toEqual([
      ['https://arxiv.org/abs/2305.18290', 'true'],
      ['10.48550/arXiv.2305.20050', 'true'],
      ['arXiv:1901.00001', 'false'],
    ]);
    expect(rows[0]!.text).toContain(BAD_TOKEN);
    expect(rows[0]!.text).toContain(GRADER);
    expect(rows[2]!.text).toContain('No episode cites it');
    expect(await page.getByText('"not-a-paper" is not an arXiv id, DOI or URL').count()).toBe(1);
    expect(await page.getByTestId('lookup-summary').textContent()).toContain(
      '2 papers covered, 1 miss',
    );
    await shot(page, 'lookup');

    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'CSV' }).click(),
    ]);
    const lines = (await streamText(await csv.createReadStream())).trim().split('\r\n');
    expect(lines[0]).toBe('reference,paper_id,paper,episode_id,episode,kind');
    expect(
      lines.filter((l) => l.startsWith('https://arxiv.org/abs/2305.18290,arxiv:2305.18290,')),
    ).toHaveLength(2);
    expect(lines).toContain('arXiv:1901.00001,,,,,');
    await page.close();
  });

  it('filters by edge kind, colours episodes by date, and the timeline sliders keep a date range', async () => {
    const data = await apiQuery<{
      episodes: { edges: { node: { id: string; publishedAt: string } }[] };
    }>(stack.apiUrl, '{ episodes(first: 100) { edges { node { id publishedAt } } } }');
    const dated = data.episodes.edges
      .map((e) => e.node)
      .sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
    const page = await newPage();
    await page.goto(stack.baseUrl + '/');
    await graphReady(page);
    const cy = () =>
      page.evaluate(() => {
        const container = document.querySelector(
          '[data-testid="graph-canvas"] [role="img"]',
        ) as HTMLElement & { _cyreg?: { cy: any } };
        const core = container._cyreg!.cy;
        return {
          edgeKinds: [...new Set(core.edges().map((e: any) => e.data('kind')))] as string[],
          episodes: core.nodes('.episode').map((n: any) => n.id()) as string[],
          colours: [
            ...new Set(core.nodes('.episode').map((n: any) => n.style('background-color'))),
          ] as string[],
        };
      });

    await page.getByLabel('Edges').selectOption('source');
    await page.waitForURL((u) => u.search === '?edges=source');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="graph-canvas"] [role="img"]') !== null,
    );
    await page.waitForFunction(() => {
      const c = (document.querySelector('[data-testid="graph-canvas"] [role="img"]') as any)._cyreg
        .cy;
      return c.edges().every((e: any) => e.data('kind') === 'source');
    });
    expect((await cy()).edgeKinds).toEqual(['source']);
    expect(await page.getByTestId('view-count').getAttribute('data-papers')).toBe(
      String(dated.length),
    );

    await page.getByLabel('Edges').selectOption('all');
    await page.getByLabel('Colour').selectOption('date');
    await page.waitForURL((u) => u.search === '?colour=date');
    await page.getByTestId('timeline').waitFor();
    await page.waitForFunction(
      (n) => {
        const c = (document.querySelector('[data-testid="graph-canvas"] [role="img"]') as any)
          ._cyreg.cy;
        return new Set(c.nodes('.episode').map((x: any) => x.style('background-color'))).size >= n;
      },
      Math.min(3, new Set(dated.map((e) => e.publishedAt)).size),
    );
    await shot(page, 'timeline');

    // Keyboard on the "From" slider: two steps right drops the two oldest dates.
    const from = page.locator('#timeline-from');
    await from.press('ArrowRight');
    await page.waitForURL((u) => u.searchParams.has('since'));
    await from.press('ArrowRight');
    const dates = [...new Set(dated.map((e) => e.publishedAt))];
    await page.waitForURL((u) => u.searchParams.get('since') === dates[2]);
    const expected = dated
      .filter((e) => e.publishedAt >= dates[2]!)
      .map((e) => e.id)
      .sort();
    await page.waitForFunction(
      (n) =>
        document.querySelector('[data-testid="view-count"]')?.getAttribute('data-episodes') ===
        String(n),
      expected.length,
    );
    expect((await cy()).episodes.sort()).toEqual(expected);
    await page.close();
  });

  it.each(['desktop', 'phone'] as const)(
    'axe-core finds no serious or critical violations on any page at %s size',
    async (size) => {
      const pages = [
        '/',
        `/?focus=${idOf(BAD_TOKEN)}&sel=${encodeURIComponent(DPO)}`,
        '/episodes',
        '/papers',
        `/episode/${idOf(GRADER)}`,
        `/paper/${encodeURIComponent(DPO)}`,
        '/search?q=reward',
        '/paper/arXiv:1901.00001',
        '/lookup',
        '/?colour=date&edges=source',
      ];
      const found: string[] = [];
      const page = await newPage(size === 'phone' ? phone : context);
      for (const path of pages) {
        await page.goto(stack.baseUrl + path);
        if (path.startsWith('/?') || path === '/') await graphReady(page);
        for (const violation of await seriousAxeViolations(page))
          found.push(`${size} ${path}: ${violation}`);
      }
      await page.close();
      expect(found).toEqual([]);
    },
  );

  it('on a phone no page scrolls sideways and the search dropdown fits the screen', async () => {
    const page = await newPage(phone);
    const paths = [
      '/',
      '/episodes',
      '/papers',
      `/episode/${idOf(GRADER)}`,
      `/paper/${encodeURIComponent(DPO)}`,
      '/search?q=reward',
      `/?sel=${encodeURIComponent(DPO)}`,
      '/lookup',
      '/paper/arXiv:1901.00001',
    ];
    const wide: string[] = [];
    for (const path of paths) {
      await page.goto(stack.baseUrl + path);
      await page.waitForSelector('html[data-hydrated]');
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width !== 390) wide.push(`${path}: ${width}px`);
    }
    expect(wide).toEqual([]);
    await page.goto(stack.baseUrl + '/episodes');
    await page.waitForSelector('html[data-hydrated]');
    await page.locator('#search-input').tap();
    await page.keyboard.type('reward', { delay: 30 });
    await page.getByTestId('search-hit').first().waitFor();
    const box = (await page.getByTestId('search-dropdown').boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    expect(box.width).toBeGreaterThan(300);
    await shot(page, 'phone-search');
    await page.close();
  });

  it('on a phone a tapped node shows its details on screen, and two taps pick a path', async () => {
    const from = idOf(BAD_TOKEN);
    const to = idOf(GRADER);
    const page = await newPage(phone);
    await page.goto(stack.baseUrl + '/');
    await graphReady(page);
    await layoutSettled(page);
    await shot(page, 'phone-home');
    const inViewport = async (testId: string) => {
      const box = await page.getByTestId(testId).boundingBox();
      return box !== null && box.y >= 0 && box.y + 40 <= 844;
    };
    const tapNode = async (id: string) => {
      const p = await nodePoint(page, id);
      await page.touchscreen.tap(p.x, p.y);
      await page.waitForSelector(`[data-testid="selection-panel"][data-selected="${id}"]`);
    };
    await tapNode(from);
    expect(await inViewport('selection-panel')).toBe(true);
    await shot(page, 'phone-details');
    await page.getByTestId('path-from-here').tap();
    await page.waitForURL(/from=/);
    // The sheet covers the lower part of the drawing: the second end is tapped in the list under it.
    await page.locator(`[data-testid="episode-list"] li[data-node-id="${to}"] a`).first().tap();
    await page.waitForSelector(`[data-testid="selection-panel"][data-selected="${to}"]`);
    await page.getByTestId('path-to-here').tap();
    await page.getByTestId('path-steps').first().waitFor();
    expect(await inViewport('path-panel')).toBe(true);
    const steps = await page
      .locator('[data-testid="path-steps"] li')
      .evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset['nodeId']));
    expect(steps[0]).toBe(from);
    expect(steps.at(-1)).toBe(to);
    await shot(page, 'phone-path');
    await page.close();
  });

  it('ran every page without CSP violations or uncaught errors', () => {
    expect(cspViolations).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('says clearly that the API is down when it is', async () => {
    const lonely = await stack.startWebWithoutApi();
    try {
      const page = await newPage();
      const response = await page.goto(lonely.baseUrl + '/');
      expect(response?.status()).toBe(503);
      expect(await page.getByTestId('error-page').textContent()).toContain(
        'The papergraph API is not reachable',
      );
      await shot(page, 'api-down');
      await page.close();
    } finally {
      await lonely.close();
    }
  });
});
