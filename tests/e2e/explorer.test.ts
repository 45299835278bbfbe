// The web explorer in a real headless Chromium against the real API and the seed data.
// One file on purpose: one build, one stack and one browser shared by every scenario, in order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ARTIFACTS, apiQuery, launchChromium, startStack, type Stack } from './stack.ts';

const DPO = 'arxiv:2305.18290';
const VERIFY = 'arxiv:2305.20050';
const GRADER = 'The Free Step-Level Grader Hiding in Every RL Training Run';
const BAD_TOKEN = "One Bad Token Can Sink a Model's Math, And You Can Delete It";

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
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

async function newPage(): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  return page;
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(ARTIFACTS, `e2e-${name}.png`), fullPage: false });

/** Waits until cytoscape drew the current elements and its layout ran. */
async function graphReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="graph-canvas"][data-status="ready"]');
  await page.waitForFunction(() => {
    const frame = document.querySelector<HTMLElement>('[data-testid="graph-canvas"]');
    return frame !== null && Number(frame.dataset['layoutsDone']) > 0 && Number(frame.dataset['renderedNodes']) > 0;
  });
}

/** Reads the live cytoscape instance cytoscape registers on its container. */
function cyState(page: Page) {
  return page.evaluate(() => {
    const container = document.querySelector('[data-testid="graph-canvas"] [role="img"]') as HTMLElement & {
      _cyreg?: { cy: any };
    };
    const cy = container._cyreg!.cy;
    return {
      nodes: cy.nodes().map((n: any) => n.id()) as string[],
      edges: cy.edges().length as number,
      selected: cy.nodes('.selected').map((n: any) => n.id()) as string[],
      pathNodes: cy.nodes('.on-path').map((n: any) => n.id()) as string[],
      pathEdges: cy.edges('.on-path').map((e: any) => [e.data('source'), e.data('target')]) as [string, string][],
      canvases: container.querySelectorAll('canvas').length,
    };
  });
}

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startStack();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.sourceFile}:${event.lineNumber}`);
    });
  });
  const data = await apiQuery<{ episodes: { edges: { node: Episode }[] } }>(
    stack.apiUrl,
    '{ episodes(first: 100) { edges { node { id title } } } }',
  );
  episodes = data.episodes.edges.map((e) => e.node);
}, 180_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await stack?.close();
});

describe('papergraph explorer in a browser', () => {
  it('draws the whole seed graph, with the same nodes in the lists', async () => {
    const { stats } = await apiQuery<{ stats: { episodes: number; papers: number; citations: number } }>(
      stack.apiUrl,
      '{ stats { episodes papers citations } }',
    );
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
    const hits = await page.getByTestId('search-hit').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    const paperHref = `/paper/${encodeURIComponent(DPO)}`;
    expect(hits, 'the DPO paper is among the search results').toContain(paperHref);
    await page.locator(`[data-testid="search-hit"][href="${paperHref}"]`).click();
    await page.waitForURL(`**/paper/${encodeURIComponent(DPO)}`);

    const citing = page.getByTestId('citing-episode');
    await citing.first().waitFor();
    const rows = await citing.evaluateAll((items) =>
      items.map((li) => ({ kind: (li as HTMLElement).dataset['kind'], title: li.querySelector('a')?.textContent?.trim() })),
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
      input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    await page.waitForURL(`**/paper/${encodeURIComponent(DPO)}`);

    // Typed and submitted works the same; an unknown identifier says so instead of navigating.
    await page.locator('#search-input').fill('https://arxiv.org/abs/2305.20050');
    await page.locator('#search-input').press('Enter');
    await page.waitForURL(`**/paper/${encodeURIComponent(VERIFY)}`);
    await page.locator('#search-input').fill('10.9999/not-a-paper');
    await page.locator('#search-input').press('Enter');
    await expect(page.getByTestId('search-dropdown').getByRole('alert').textContent()).resolves.toContain('No paper matches');
    expect(page.url()).toContain(`/paper/${encodeURIComponent(VERIFY)}`);
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
    const shared = await top.getByTestId('shared-paper').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(shared.sort()).toEqual([`/paper/${encodeURIComponent(DPO)}`, `/paper/${encodeURIComponent(VERIFY)}`].sort());

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
      const container = document.querySelector('[data-testid="graph-canvas"] [role="img"]') as HTMLElement & { _cyreg?: { cy: any } };
      return container._cyreg!.cy.getElementById(id).length === 1;
    }, idOf(GRADER));
    expect(await page.locator(`[data-testid="episode-list"] li[data-node-id="${idOf(GRADER)}"]`).count()).toBe(1);

    await page.getByRole('link', { name: 'Hide', exact: true }).click();
    await page.waitForURL((u) => u.searchParams.get('hide') === DPO);
    await page.waitForFunction(() => document.querySelector('[data-testid="selection-panel"]') === null);
    expect((await cyState(page)).nodes).not.toContain(DPO);
    expect(await page.locator(`[data-testid="paper-table"] tr[data-node-id="${DPO}"]`).count()).toBe(0);

    await page.getByTestId('undo').click();
    await page.waitForURL((u) => !u.searchParams.has('hide'));
    await page.getByTestId('undo').click();
    await page.waitForURL((u) => !u.searchParams.has('expand'));
    await page.waitForFunction((n) => Number(document.querySelector<HTMLElement>('[data-testid="graph-canvas"]')?.dataset['renderedNodes']) === n, before.length);
    expect((await cyState(page)).nodes.sort()).toEqual([...before].sort());
    await page.close();
  });

  it('picks two episodes and highlights the shortest path between them', async () => {
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
    await page.getByTestId('path-steps').waitFor();
    await page.waitForFunction(() => Number(document.querySelector<HTMLElement>('[data-testid="graph-canvas"]')?.dataset['pathElements']) === 5);

    const steps = await page
      .locator('[data-testid="path-steps"] li')
      .evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset['nodeId']!));
    expect(steps).toHaveLength(3);
    expect(steps[0]).toBe(from);
    expect(steps[2]).toBe(to);
    expect([DPO, VERIFY]).toContain(steps[1]);

    const cy = await cyState(page);
    expect(cy.pathNodes.sort()).toEqual([...steps].sort());
    expect(cy.pathEdges.map(([s, t]) => `${s}>${t}`).sort()).toEqual([`${from}>${steps[1]}`, `${to}>${steps[1]}`].sort());
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
    await page.waitForTimeout(800); // let the opening layout animation settle
    const target = idOf(GRADER);
    const point = await page.evaluate((id) => {
      const container = document.querySelector('[data-testid="graph-canvas"] [role="img"]') as HTMLElement & { _cyreg?: { cy: any } };
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
      inLists = await page.evaluate(() => document.activeElement?.closest('[data-testid="node-lists"] li, [data-testid="node-lists"] tr') != null);
    }
    expect(inLists).toBe(true);
    const focused = await page.evaluate(() => (document.activeElement as HTMLElement).closest('[data-node-id]')?.getAttribute('data-node-id'));
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

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV' }).click()]);
    const csvText = await streamText(await csv.createReadStream());
    expect(csvText.trim().split('\r\n')).toHaveLength(papers + 1);
    expect(csvText).toContain(DPO);

    const [bib] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'BibTeX' }).click()]);
    const bibText = await streamText(await bib.createReadStream());
    expect(bibText.match(/^@misc\{/gm)).toHaveLength(papers);
    expect(bibText).toContain('eprint = {2305.18290}');

    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PNG' }).click()]);
    const bytes = Buffer.from(await streamText(await png.createReadStream(), 'latin1'), 'latin1');
    expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.suggestedFilename()).toBe('papergraph.png');
    await page.close();
  });

  it('answers an unknown episode with a 404 page', async () => {
    const page = await newPage();
    const response = await page.goto(stack.baseUrl + '/episode/ep_000000000000');
    expect(response?.status()).toBe(404);
    expect(await page.getByTestId('error-page').textContent()).toContain('There is no episode with the id "ep_000000000000"');
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
      expect(await page.getByTestId('error-page').textContent()).toContain('The papergraph API is not reachable');
      await shot(page, 'api-down');
      await page.close();
    } finally {
      await lonely.close();
    }
  });
});

async function streamText(stream: NodeJS.ReadableStream, encoding: BufferEncoding = 'utf8'): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString(encoding);
}
