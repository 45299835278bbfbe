// Lists that name the show, the show filter past one page of shows, and tables on a phone, in Debian's
// Chromium at 1440×900 and 390×844 with axe. With two shows or more, each /episodes row and each
// episode the search page finds names its show, linked to the show's page; with one show none does.
// With 120 shows the explorer's select lists the first 100, and show #117 is chosen by typing part of
// its title, keyboard only; the choice survives a reload (and works without JavaScript as a GET form).
// The /episodes, /papers and a show's tables never scroll the page sideways: on a phone each row
// stacks its cells, its long unbroken title wrapping.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ShowRecord } from '../../server/src/domain/model.ts';
import { showIdFor } from '../../server/src/domain/show.ts';
import { showHref } from '../../web/src/lib/links.ts';
import { generateCorpus } from '../helpers/batchBuilder.ts';
import { graphReady, seriousAxeViolations, shot } from './browser.ts';
import { type PreparedStack, startPreparedStack } from './preparedStack.ts';
import { apiQuery } from './stack.ts';

const SIZES = [
  ['desktop', 1440],
  ['phone', 390],
] as const;
type Size = (typeof SIZES)[number][0];

/** A title with no space to break at: it must wrap inside its cell, not widen the page. */
const UNBROKEN = `Episode${'Unbroken'.repeat(30)}`;

function makeShow(title: string): ShowRecord {
  const link = `https://${title.toLowerCase().replace(/\W+/g, '-')}.example.org`;
  return {
    id: showIdFor({ fetchedFrom: null, link, title }),
    title,
    link,
    imageUrl: null,
    author: null,
    feedUrl: null,
  };
}

/** Episode i in show i % shows; the first, the newest, has a title of one unbroken word. */
function corpusOf(shows: readonly ShowRecord[], episodes: number, seed: number) {
  const corpus = generateCorpus({
    episodes,
    papers: 40,
    recommendationsPerEpisode: 3,
    seed,
    sourcePrefix: '2611',
  });
  return {
    ...corpus,
    shows: [...shows],
    episodes: corpus.episodes.map((episode, i) => ({
      ...episode,
      ...(i === 0 ? { title: UNBROKEN, publishedAt: '2026-12-31' } : {}),
      showId: shows[i % shows.length]!.id,
    })),
  };
}

const pageErrors: string[] = [];

async function open(prepared: PreparedStack, size: Size, path: string): Promise<Page> {
  const page = await prepared.viewports[size].newPage();
  page.on('pageerror', (error) => pageErrors.push(`${size} ${page.url()}: ${error.message}`));
  const response = await page.goto(prepared.stack.baseUrl + path);
  expect(response?.status(), path).toBe(200);
  await page.waitForSelector('html[data-hydrated]');
  return page;
}

const pageWidth = (page: Page) => page.evaluate(() => document.scrollingElement!.scrollWidth);

interface ListedEpisode {
  id: string;
  title: string;
  show: { id: string; title: string } | null;
}

async function episodesFromApi(prepared: PreparedStack): Promise<ListedEpisode[]> {
  const { episodes } = await apiQuery<{ episodes: { nodes: ListedEpisode[] } }>(
    prepared.stack.apiUrl,
    '{ episodes(first: 50) { nodes { id title show { id title } } } }',
  );
  return episodes.nodes;
}

/** Each row of a table: its cells' text, and whether every cell lies within the screen's width. */
function tableRows(page: Page, testId: string) {
  return page.locator(`[data-testid="${testId}"] tbody tr`).evaluateAll((rows) =>
    rows.map((row) => {
      const cells = [...row.querySelectorAll('td')].filter((cell) => cell.offsetParent !== null);
      const width = document.documentElement.clientWidth;
      return {
        title: cells[0]?.textContent?.trim() ?? '',
        titleWidth: cells[0]?.getBoundingClientRect().width ?? 0,
        rowWidth: row.getBoundingClientRect().width,
        inside: cells.every((cell) => cell.getBoundingClientRect().right <= width + 0.5),
        showHref:
          row.querySelector('[data-testid="episode-row-show"] a')?.getAttribute('href') ?? null,
      };
    }),
  );
}

/** On a phone a row stacks its cells: the title takes the row's whole width. */
async function expectReadableRows(page: Page, testId: string, size: Size) {
  const rows = await tableRows(page, testId);
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.filter((row) => !row.inside)).toEqual([]);
  if (size === 'phone') {
    expect(rows.filter((row) => row.titleWidth < row.rowWidth - 1)).toEqual([]);
  }
}

describe('one show', () => {
  const only = makeShow('The Only Show');
  let prepared: PreparedStack;

  beforeAll(async () => {
    prepared = await startPreparedStack('one-show', (store) =>
      store.importBatch(corpusOf([only], 12, 31)).then(() => undefined),
    );
  }, 180_000);

  afterAll(async () => {
    await prepared?.close();
  });

  it.each(SIZES)(
    '%s: rows and hits do not name the show, tables fit the screen',
    async (size, width) => {
      const page = await open(prepared, size, '/episodes');
      const headers = await page
        .locator('[data-testid="episodes-table"] thead th')
        .allTextContents();
      expect(headers.map((h) => h.trim())).toEqual(['Episode', 'Published', 'Length']);
      expect(await page.getByTestId('episode-row-show').count()).toBe(0);
      await expectReadableRows(page, 'episodes-table', size);
      expect(await pageWidth(page)).toBe(width);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await shot(page, `one-show-episodes-${size}`);

      await page.goto(`${prepared.stack.baseUrl}/search?q=reasoning`);
      await page.getByTestId('search-results').waitFor();
      expect(
        await page.locator('[data-testid="search-results"] .badge.episode').count(),
      ).toBeGreaterThan(0);
      expect(await page.getByTestId('hit-show').count()).toBe(0);

      for (const [path, table] of [
        ['/papers', 'papers-table'],
        [showHref(only.id), 'show-episodes'],
      ] as const) {
        await page.goto(prepared.stack.baseUrl + path);
        await page.getByTestId(table).waitFor();
        await expectReadableRows(page, table, size);
        expect(await pageWidth(page), path).toBe(width);
        expect(await seriousAxeViolations(page)).toEqual([]);
      }
      await shot(page, `one-show-show-page-${size}`);
      await page.close();
      expect(pageErrors).toEqual([]);
    },
    120_000,
  );
});

describe('120 shows', () => {
  const SHOWS = 120;
  const shows = Array.from({ length: SHOWS }, (_, i) =>
    makeShow(`Show ${String(i + 1).padStart(3, '0')}`),
  );
  const show117 = shows[116]!;
  let prepared: PreparedStack;

  beforeAll(async () => {
    prepared = await startPreparedStack('many-shows', (store) =>
      store.importBatch(corpusOf(shows, SHOWS, 32)).then(() => undefined),
    );
  }, 180_000);

  afterAll(async () => {
    await prepared?.close();
  });

  describe.each(SIZES)('%s', (size, width) => {
    it('names each /episodes row’s show, linked to its page; tables fit the screen', async () => {
      const expected = await episodesFromApi(prepared);
      const page = await open(prepared, size, '/episodes');
      const headers = await page
        .locator('[data-testid="episodes-table"] thead th')
        .allTextContents();
      expect(headers.map((h) => h.trim())).toEqual(['Episode', 'Show', 'Published', 'Length']);
      const rows = await tableRows(page, 'episodes-table');
      expect(rows.map((row) => [row.title, row.showHref])).toEqual(
        expected.map((episode) => [episode.title, showHref(episode.show!.id)]),
      );
      expect(rows.map((row) => row.title)).toContain(UNBROKEN);
      await expectReadableRows(page, 'episodes-table', size);
      expect(await pageWidth(page)).toBe(width);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await shot(page, `many-shows-episodes-${size}`);

      // A show's link leads to its page, whose table fits the screen as well.
      const first = expected[0]!;
      await page.locator('[data-testid="episode-row-show"] a').first().click();
      await page.waitForURL(`**${showHref(first.show!.id)}`);
      await page.getByTestId('show-episodes').waitFor();
      await expectReadableRows(page, 'show-episodes', size);
      expect(await pageWidth(page)).toBe(width);

      await page.goto(`${prepared.stack.baseUrl}/papers`);
      await page.getByTestId('papers-table').waitFor();
      await expectReadableRows(page, 'papers-table', size);
      expect(await pageWidth(page)).toBe(width);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await shot(page, `many-shows-papers-${size}`);
      await page.close();
      expect(pageErrors).toEqual([]);
    }, 120_000);

    it('names the show of each episode the search page finds', async () => {
      const page = await open(prepared, size, '/search?q=reasoning%20topic');
      const hits = await page.locator('[data-testid="search-results"] li').evaluateAll((items) =>
        items
          .filter((item) => item.querySelector('.badge.episode'))
          .map((item) => ({
            episode: item.querySelector('a')!.getAttribute('href'),
            show: item.querySelector('[data-testid="hit-show"] a')?.getAttribute('href') ?? null,
          })),
      );
      expect(hits.length).toBeGreaterThan(1);
      const ids = hits.map((hit) => decodeURIComponent(hit.episode!.slice('/episode/'.length)));
      const { nodes } = await apiQuery<{ nodes: { show: { id: string } }[] }>(
        prepared.stack.apiUrl,
        'query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Episode { show { id } } } }',
        { ids },
      );
      expect(hits.map((hit) => hit.show)).toEqual(nodes.map((node) => showHref(node.show.id)));
      expect(await pageWidth(page)).toBe(width);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.close();
      expect(pageErrors).toEqual([]);
    }, 120_000);

    it('chooses show #117 by typing, keyboard only, and keeps it through a reload', async () => {
      const page = await open(prepared, size, '/?view=graph');
      await graphReady(page);
      const select = page.getByLabel('Show', { exact: true });
      const firstPage = (await select.locator('option').allTextContents()).map((o) => o.trim());
      expect(firstPage).toHaveLength(101);
      expect(firstPage.slice(0, 3)).toEqual(['all shows', 'Show 001', 'Show 002']);
      expect(firstPage).not.toContain(show117.title);
      expect(await page.getByTestId('show-find-status').textContent()).toContain(
        `The first 100 of ${SHOWS} shows`,
      );

      // Tab from the top of the page to the finder.
      let reached = false;
      for (let presses = 0; presses < 300 && !reached; presses++) {
        await page.keyboard.press('Tab');
        reached = await page.evaluate(() => document.activeElement?.id === 'show-find');
      }
      expect(reached, 'Tab reaches the show finder').toBe(true);
      await page.keyboard.type('show 117');
      await page.getByTestId('show-find-status').getByText('1 show matches “show 117”.').waitFor();
      expect((await select.locator('option').allTextContents()).map((o) => o.trim())).toEqual([
        'all shows',
        show117.title,
      ]);
      // Enter moves to the narrowed select; an arrow key chooses, which applies at once.
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('show-select');
      await page.keyboard.press('ArrowDown');
      await page.waitForURL((url) => url.searchParams.get('show') === show117.id);
      await graphReady(page);
      expect(await pageWidth(page)).toBe(width);
      expect(await seriousAxeViolations(page)).toEqual([]);
      await shot(page, `many-shows-chosen-${size}`);

      // Past the first page, the chosen show is still an option (first) after a reload.
      await page.reload();
      await page.waitForSelector('html[data-hydrated]');
      const reloaded = page.getByLabel('Show', { exact: true });
      expect(await reloaded.inputValue()).toBe(show117.id);
      const options = (await reloaded.locator('option').allTextContents()).map((o) => o.trim());
      expect(options.slice(0, 3)).toEqual(['all shows', show117.title, 'Show 001']);
      expect(options).toHaveLength(102);

      // The map's show filter offers it too.
      await page.goto(`${prepared.stack.baseUrl}/?view=map&show=${show117.id}`);
      const onMap = page.getByTestId('map-show-filter').getByLabel('Show', { exact: true });
      expect(await onMap.inputValue()).toBe(show117.id);
      expect(await pageWidth(page)).toBe(width);
      await page.close();
      expect(pageErrors).toEqual([]);
    }, 120_000);
  });

  it('without JavaScript, the finder narrows the select through the form and Apply chooses', async () => {
    const context = await prepared.viewports.browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto(`${prepared.stack.baseUrl}/?view=graph`);
    await page.getByLabel('Find a show').fill('Show 117');
    await page.getByLabel('Find a show').press('Enter');
    await page.waitForURL((url) => url.searchParams.get('showq') === 'Show 117');
    const select = page.getByLabel('Show', { exact: true });
    expect((await select.locator('option').allTextContents()).map((o) => o.trim())).toEqual([
      'all shows',
      show117.title,
    ]);
    await select.selectOption(show117.id);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.searchParams.get('show') === show117.id);
    expect(await page.getByLabel('Show', { exact: true }).inputValue()).toBe(show117.id);
    expect(await pageWidth(page)).toBe(390);
    await context.close();
  }, 120_000);
});
