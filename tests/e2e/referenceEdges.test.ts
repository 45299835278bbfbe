// Reference edges (paper → paper) in the explorer, in a real headless Chromium at desktop and phone
// size: the seed with fixture metadata (fetched into the DATA_DIR before the stack starts), where one
// paper of the graph lists another among its references. The "Paper references" box draws them,
// unticking it takes them away.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seedIfEmpty } from '../../server/src/seed.ts';
import { PARAM } from '../../web/src/lib/urlState.ts';
import { graphReady, seriousAxeViolations, shot } from './browser.ts';
import { fetchFixtureMetadata } from './fixtureMetadata.ts';
import { type PreparedStack, startPreparedStack } from './preparedStack.ts';
import { apiQuery, type Stack } from './stack.ts';
import type { Viewports } from './viewports.ts';

/** Both seed papers; the fixture providers list the second among the first's references. */
const SCHEMING = 'arxiv:2606.26071';
const IN_CONTEXT_SCHEMING = 'arxiv:2412.04984';

let prepared: PreparedStack;
let stack: Stack;
let viewports: Viewports;
/** The graph is drawn again after the URL changes: longer than expect.poll's default second on a busy machine. */
const REDRAWN = { timeout: 15_000 };
const pageErrors: string[] = [];

beforeAll(async () => {
  prepared = await startPreparedStack('references', async (store) => {
    await seedIfEmpty(store);
    await fetchFixtureMetadata(store);
  });
  ({ stack, viewports } = prepared);
}, 180_000);

afterAll(async () => {
  await prepared?.close();
});

/** What the drawing holds: the container's edge count, cytoscape's edges, its reference edges. */
function drawnEdges(page: Page) {
  return page.evaluate(() => {
    const frame = document.querySelector<HTMLElement>('[data-testid="graph-canvas"]')!;
    const container = frame.querySelector('[role="img"]') as HTMLElement & {
      _cyreg?: { cy: any };
    };
    const cy = container._cyreg!.cy;
    return {
      count: Number(frame.dataset['edgeCount']),
      edges: cy.edges().length as number,
      references: (
        cy
          .edges('.reference')
          .map((e: any) => `${e.data('source')}>${e.data('target')}`) as string[]
      ).sort(),
      referenceEndsArePapers: cy
        .edges('.reference')
        .every((e: any) => e.source().hasClass('paper') && e.target().hasClass('paper')) as boolean,
    };
  });
}

describe.each([
  ['desktop', 1440],
  ['phone', 390],
] as const)('reference edges in the explorer (%s)', (size, width) => {
  it('the "Paper references" box draws the reference edges between drawn papers, and takes them away', async () => {
    // Every seed paper is drawn at the default limit, so every reference edge between them is.
    const { graph } = await apiQuery<{
      graph: { nodes: { id: string }[]; referenceEdges: { source: string; target: string }[] };
    }>(
      stack.apiUrl,
      '{ graph(references: true) { nodes { id } referenceEdges { source target } } }',
    );
    const expected = graph.referenceEdges.map((e) => `${e.source}>${e.target}`).sort();
    expect(expected).toContain(`${SCHEMING}>${IN_CONTEXT_SCHEMING}`);

    const page = await viewports[size].newPage();
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    await page.goto(stack.baseUrl + '/');
    await graphReady(page);
    const box = page.getByRole('checkbox', { name: 'Paper references' });
    expect(await box.isChecked()).toBe(false);
    const before = await drawnEdges(page);
    expect(before.references).toEqual([]);
    expect(before.count).toBe(before.edges);
    expect(await page.getByRole('list', { name: 'Legend' }).textContent()).not.toContain(
      'Paper references paper',
    );

    await box.check();
    await page.waitForURL((url) => url.searchParams.get(PARAM.references) === '1');
    await expect.poll(async () => (await drawnEdges(page)).references, REDRAWN).toEqual(expected);
    const on = await drawnEdges(page);
    expect(on.count).toBe(before.count + expected.length);
    expect(on.edges).toBe(on.count);
    expect(on.referenceEndsArePapers).toBe(true);
    expect(await page.getByRole('list', { name: 'Legend' }).textContent()).toContain(
      'Paper references paper',
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, `reference-edges-${size}`);

    await page.getByRole('checkbox', { name: 'Paper references' }).uncheck();
    await page.waitForURL((url) => !url.searchParams.has(PARAM.references));
    await expect.poll(async () => (await drawnEdges(page)).references, REDRAWN).toEqual([]);
    expect((await drawnEdges(page)).count).toBe(before.count);
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('draws a reference to a paper only an expansion added', async () => {
    // The focus's own graph holds one end, the expansion's the other: no single answer holds both.
    const page = await viewports[size].newPage();
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
    const view = new URLSearchParams({
      [PARAM.focus]: SCHEMING,
      [PARAM.depth]: '1',
      [PARAM.expanded]: IN_CONTEXT_SCHEMING,
      [PARAM.references]: '1',
    });
    await page.goto(`${stack.baseUrl}/?${view}`);
    await graphReady(page);
    const drawn = await drawnEdges(page);
    expect(drawn.references).toEqual([`${SCHEMING}>${IN_CONTEXT_SCHEMING}`]);
    expect(drawn.count).toBe(drawn.edges);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
    await shot(page, `reference-edges-expansion-${size}`);

    view.delete(PARAM.references);
    await page.goto(`${stack.baseUrl}/?${view}`);
    await graphReady(page);
    expect((await drawnEdges(page)).references).toEqual([]);
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
