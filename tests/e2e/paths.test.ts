// Every shortest path between two picked nodes, in a real headless Chromium against the real API and the
// seed: picked by click on a desktop and by tap on a phone, each path listed and all of them highlighted.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { cyState, graphReady, seriousAxeViolations, shot } from './browser.ts';
import { apiQuery, type Stack, startStack } from './stack.ts';
import { openViewports, type Viewports } from './viewports.ts';

// Two seed episodes joined through two shared papers (DPO and Let's Verify), so two paths of 2 hops.
const GRADER = 'The Free Step-Level Grader Hiding in Every RL Training Run';
const BAD_TOKEN = "One Bad Token Can Sink a Model's Math, And You Can Delete It";

let stack: Stack;
let viewports: Viewports;
const pageErrors: string[] = [];
const titles = new Map<string, string>();
const idOf = (title: string) => {
  const id = titles.get(title);
  if (id === undefined) throw new Error(`seed has no episode "${title}"`);
  return id;
};

interface ApiPaths {
  paths: {
    truncated: boolean;
    length: number | null;
    paths: { nodes: { id: string }[]; edges: { source: string; target: string }[] }[];
  };
}

beforeAll(async () => {
  viewports = await openViewports();
  stack = await startStack();
  const data = await apiQuery<{ episodes: { edges: { node: { id: string; title: string } }[] } }>(
    stack.apiUrl,
    '{ episodes(first: 100) { edges { node { id title } } } }',
  );
  for (const { node } of data.episodes.edges) titles.set(node.title, node.id);
}, 180_000);

afterAll(async () => {
  await viewports?.close();
  await stack?.close();
});

async function newPage(on: BrowserContext): Promise<Page> {
  const page = await on.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

/** What the API says, to compare the page with. */
async function expectedPaths(from: string, to: string) {
  const { paths } = await apiQuery<ApiPaths>(
    stack.apiUrl,
    'query ($from: ID!, $to: ID!) { paths(from: $from, to: $to) { truncated length paths { nodes { id } edges { source target } } } }',
    { from, to },
  );
  return paths;
}

/** As a person does it: select one episode in the list, "Path from here", select the other, "Path to here". */
async function pickPath(page: Page, from: string, to: string, act: 'click' | 'tap'): Promise<void> {
  await page.goto(stack.baseUrl + '/');
  await graphReady(page);
  for (const [end, button] of [
    [from, 'path-from-here'],
    [to, 'path-to-here'],
  ] as const) {
    await page.locator(`[data-testid="episode-list"] li[data-node-id="${end}"] a`).first()[act]();
    await page.waitForSelector(`[data-testid="selection-panel"][data-selected="${end}"]`);
    await page.getByTestId(button)[act]();
    await page.waitForURL((u) => u.searchParams.has(end === from ? 'from' : 'to'));
  }
  await page.getByTestId('path-steps').first().waitFor();
}

/** The node ids of each listed path, in list order. */
function listedPaths(page: Page): Promise<string[][]> {
  return page
    .locator('[data-testid="path-steps"]')
    .evaluateAll((lists) =>
      lists.map((list) =>
        [...list.querySelectorAll('li')].map((li) => (li as HTMLElement).dataset['nodeId']!),
      ),
    );
}

async function expectAllHighlighted(page: Page, expected: ApiPaths['paths']): Promise<void> {
  const nodes = new Set(expected.paths.flatMap((path) => path.nodes.map((n) => n.id)));
  const edges = new Set(
    expected.paths.flatMap((path) => path.edges.map((e) => `${e.source}>${e.target}`)),
  );
  await page.waitForFunction(
    (count) =>
      Number(
        document.querySelector<HTMLElement>('[data-testid="graph-canvas"]')?.dataset[
          'pathElements'
        ],
      ) === count,
    nodes.size + edges.size,
  );
  const cy = await cyState(page);
  expect(cy.pathNodes.sort()).toEqual([...nodes].sort());
  expect(cy.pathEdges.map(([s, t]) => `${s}>${t}`).sort()).toEqual([...edges].sort());
}

describe('all shortest paths in the explorer', () => {
  it('desktop: click one episode, "Path from here", click another, "Path to here": every shortest path is listed and highlighted', async () => {
    const from = idOf(BAD_TOKEN);
    const to = idOf(GRADER);
    const expected = await expectedPaths(from, to);
    expect(
      expected.paths.length,
      'the seed joins these two episodes by more than one shortest path',
    ).toBeGreaterThan(1);

    const page = await newPage(viewports.desktop);
    await pickPath(page, from, to, 'click');

    expect(await listedPaths(page)).toEqual(
      expected.paths.map((path) => path.nodes.map((n) => n.id)),
    );
    const summary = await page.getByTestId('path-summary').innerText();
    expect(summary).toContain(
      `${expected.paths.length} shortest paths of ${expected.length} steps`,
    );
    await expectAllHighlighted(page, expected);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, 'all-shortest-paths');

    // The link reproduces the view: a reload shows the same paths.
    await page.reload();
    await graphReady(page);
    expect(await listedPaths(page)).toEqual(
      expected.paths.map((path) => path.nodes.map((n) => n.id)),
    );
    await expectAllHighlighted(page, expected);
    await page.close();
  });

  it('phone: two taps pick the ends; every path is listed in the sheet and highlighted, and the page does not scroll sideways', async () => {
    const from = idOf(GRADER);
    const to = idOf(BAD_TOKEN);
    const expected = await expectedPaths(from, to);
    const page = await newPage(viewports.phone);
    await pickPath(page, from, to, 'tap');

    expect(await listedPaths(page)).toEqual(
      expected.paths.map((path) => path.nodes.map((n) => n.id)),
    );
    await expectAllHighlighted(page, expected);
    const box = await page.getByTestId('path-panel').boundingBox();
    expect(box !== null && box.y >= 0 && box.y + 40 <= 844, 'path panel on screen').toBe(true);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
    await shot(page, 'phone-all-shortest-paths');
    await page.close();
  });

  it('threw no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
