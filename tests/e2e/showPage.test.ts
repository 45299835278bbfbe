// A show's page and the explorer's show filter in Debian's Chromium, at desktop and phone size, on
// the seed ("AI Papers"), the research fixture feed and a generated 55-episode show: the page says
// what the feed says of the show and lists its episodes newest first, paged; every place that names
// the show links it; an empty or unknown show says so. The explorer offers the shows and draws one.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ShowRecord } from '../../server/src/domain/model.ts';
import { showIdFor } from '../../server/src/domain/show.ts';
import { importFeedFile } from '../../server/src/import/pipeline.ts';
import { seedIfEmpty } from '../../server/src/seed.ts';
import { episodeHref, paperHref, showHref } from '../../web/src/lib/links.ts';
import { generateCorpus } from '../helpers/batchBuilder.ts';
import { cyState, graphReady, seriousAxeViolations, shot } from './browser.ts';
import { type PreparedStack, startPreparedStack } from './preparedStack.ts';
import { apiQuery } from './stack.ts';

const RESEARCH_FEED = new URL('../import/fixtures/research-podcast/feed.xml', import.meta.url)
  .pathname;
const RESEARCH_SHOW = 'Gradient Descent & Friends';
const DPO = 'arxiv:2305.18290';

const pagedShow: ShowRecord = {
  id: showIdFor({ fetchedFrom: null, link: 'https://paged.example.org', title: 'Paged Podcast' }),
  title: 'Paged Podcast',
  link: 'https://paged.example.org',
  imageUrl: null,
  author: null,
  feedUrl: null,
};
const emptyShow: ShowRecord = {
  id: showIdFor({ fetchedFrom: null, link: null, title: 'Nothing Yet' }),
  title: 'Nothing Yet',
  link: null,
  imageUrl: null,
  author: null,
  feedUrl: null,
};
const PAGED_EPISODES = 55;

let prepared: PreparedStack;
let researchShowId = '';
let researchEpisodeId = '';
const pageErrors: string[] = [];

beforeAll(async () => {
  prepared = await startPreparedStack('show-page', async (store) => {
    await seedIfEmpty(store);
    const research = await importFeedFile(RESEARCH_FEED);
    await store.importBatch(research);
    researchShowId = research.shows![0]!.id;
    researchEpisodeId = research.episodes.find((e) => e.title.startsWith('Ep. 41'))!.id;
    // Dated one day apart, so "newest first" has one answer.
    const corpus = generateCorpus({
      episodes: PAGED_EPISODES,
      papers: 30,
      recommendationsPerEpisode: 3,
      seed: 25,
      sourcePrefix: '2609',
    });
    await store.importBatch({
      ...corpus,
      shows: [pagedShow, emptyShow],
      episodes: corpus.episodes.map((episode, i) => ({
        ...episode,
        publishedAt: new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10),
        showId: pagedShow.id,
      })),
    });
  });
}, 180_000);

afterAll(async () => {
  await prepared?.close();
});

const SIZES = [
  ['desktop', 1440],
  ['phone', 390],
] as const;

async function open(size: 'desktop' | 'phone', path: string, status = 200): Promise<Page> {
  const page = await prepared.viewports[size].newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  const response = await page.goto(prepared.stack.baseUrl + path);
  expect(response?.status(), path).toBe(status);
  return page;
}

const tableTitles = (page: Page) =>
  page.locator('[data-testid="show-episodes"] tbody tr td:first-child a').allTextContents();

async function showEpisodesFromApi(id: string, first: number) {
  const { show } = await apiQuery<{
    show: { episodes: { nodes: { id: string; title: string; publishedAt: string | null }[] } };
  }>(
    prepared.stack.apiUrl,
    `query ($id: ID!, $first: Int) { show(id: $id) { episodes(first: $first) { nodes { id title publishedAt } } } }`,
    { id, first },
  );
  return show.episodes.nodes;
}

describe.each(SIZES)('the show page (%s)', (size, width) => {
  it('says what the feed says of the show and lists its episodes newest first', async () => {
    const page = await open(size, showHref(researchShowId));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(RESEARCH_SHOW);
    expect(await page.getByTestId('show-author').textContent()).toBe('Ada Reviewer & Ben Citer');
    expect(await page.getByTestId('show-site').getAttribute('href')).toBe(
      'https://gradient-descent.example.org/',
    );
    expect(await page.getByTestId('show-feed').getAttribute('href')).toBe(
      'https://feeds.gradient-descent.example.org/rss',
    );
    expect(
      await page.getByRole('img', { name: `Cover art of ${RESEARCH_SHOW}` }).getAttribute('src'),
    ).toMatch(/^https:\/\/gradient-descent\.example\.org\/cover/);
    const expected = await showEpisodesFromApi(researchShowId, 50);
    expect(expected.length).toBeGreaterThan(1);
    const dates = expected.flatMap((e) => (e.publishedAt ? [e.publishedAt] : []));
    expect(dates).toEqual([...dates].sort().reverse());
    expect(await tableTitles(page)).toEqual(expected.map((e) => e.title));
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, `show-page-${size}`);
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('pages through a long show like /episodes', async () => {
    const page = await open(size, showHref(pagedShow.id));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(
      `(${PAGED_EPISODES})`,
    );
    const all = await showEpisodesFromApi(pagedShow.id, 100);
    expect(all).toHaveLength(PAGED_EPISODES);
    expect(await tableTitles(page)).toEqual(all.slice(0, 50).map((e) => e.title));
    // Without a feed address or cover art, the page says so instead of showing nothing.
    expect(await page.getByTestId('show-about').textContent()).toContain(
      'no feed address is known',
    );
    expect(await page.getByRole('img').count()).toBe(0);
    await page.getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/\?after=/);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="show-episodes"] tbody tr').length === 5,
    );
    expect(await tableTitles(page)).toEqual(all.slice(50).map((e) => e.title));
    expect(await page.getByRole('link', { name: 'Next page' }).count()).toBe(0);
    await page.getByRole('link', { name: 'First page' }).click();
    await page.waitForURL((url) => url.search === '');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('says when a show has no episodes, and when there is no such show', async () => {
    const empty = await open(size, showHref(emptyShow.id));
    expect(await empty.getByRole('status').textContent()).toBe(
      'This show has no episodes in papergraph yet.',
    );
    expect(await empty.getByTestId('show-about').textContent()).toContain('names no site');
    expect(await seriousAxeViolations(empty)).toEqual([]);
    await empty.close();
    for (const id of ['show_000000000000', 'not a show id']) {
      const unknown = await open(size, showHref(id), 404);
      expect(await unknown.getByTestId('error-page').textContent()).toContain(
        `There is no show with the id "${id}".`,
      );
      await unknown.close();
    }
    const badPage = await open(size, `${showHref(pagedShow.id)}?after=not-a-cursor`, 400);
    expect(await badPage.getByTestId('error-page').textContent()).toContain(
      'That page of the show’s episodes is not there',
    );
    await badPage.close();
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('is linked from the episode page and from the paper page’s rows', async () => {
    const page = await open(size, episodeHref(researchEpisodeId));
    await page.waitForSelector('html[data-hydrated]');
    await page.getByTestId('show-page-link').click();
    await page.waitForURL(`**${showHref(researchShowId)}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain(RESEARCH_SHOW);
    await page.goto(prepared.stack.baseUrl + paperHref(DPO));
    await page.waitForSelector('html[data-hydrated]');
    const row = page.locator(
      `[data-testid="citing-episode"][data-episode-id="${researchEpisodeId}"]`,
    );
    expect(await row.getByTestId('citing-show').getAttribute('href')).toBe(
      showHref(researchShowId),
    );
    await row.getByTestId('citing-show').click();
    await page.waitForURL(`**${showHref(researchShowId)}`);
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 90_000);
});

describe.each(SIZES)('the explorer’s show filter (%s)', (size) => {
  it('offers every show and draws only the chosen one’s episodes in the graph', async () => {
    const page = await open(size, '/?view=graph');
    await page.waitForSelector('html[data-hydrated]');
    await graphReady(page);
    const select = page.getByLabel('Show', { exact: true });
    const options = await select.locator('option').allTextContents();
    expect(options.map((o) => o.trim())).toEqual([
      'all shows',
      'AI Papers: A Deep Dive',
      RESEARCH_SHOW,
      'Nothing Yet',
      'Paged Podcast',
    ]);
    const before = (await cyState(page)).nodes;
    expect(before).toContain(researchEpisodeId);
    await select.selectOption(researchShowId);
    await page.waitForURL((url) => url.searchParams.get('show') === researchShowId);
    // The new view replaces the drawing: wait until it holds another set of nodes.
    await page.waitForFunction((count) => {
      const container = document.querySelector('[data-testid="graph-canvas"] [role="img"]') as
        (HTMLElement & { _cyreg?: { cy: { nodes(): { length: number } } } }) | null;
      const nodes = container?._cyreg?.cy.nodes().length;
      return nodes !== undefined && nodes > 0 && nodes !== count;
    }, before.length);
    await graphReady(page);
    const research = new Set((await showEpisodesFromApi(researchShowId, 50)).map((e) => e.id));
    const episodes = (await cyState(page)).nodes.filter((id) => id.startsWith('ep_'));
    expect(episodes.length).toBeGreaterThan(0);
    expect(episodes.filter((id) => !research.has(id))).toEqual([]);
    // The choice stays in the URL: a reload draws the same.
    await page.reload();
    await graphReady(page);
    expect(await page.getByLabel('Show', { exact: true }).inputValue()).toBe(researchShowId);
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);

  it('draws only the chosen show’s episodes on the map', async () => {
    const { episodeMap } = await apiQuery<{
      episodeMap: { episodes: { id: string; episode: { show: { id: string } | null } }[] };
    }>(
      prepared.stack.apiUrl,
      '{ episodeMap(limit: 500) { episodes { id episode { show { id } } } } }',
    );
    const ofShow = await apiQuery<{ episodeMap: { episodes: { id: string }[] } }>(
      prepared.stack.apiUrl,
      `{ episodeMap(show: "${pagedShow.id}", limit: 500) { episodes { id } } }`,
    );
    const expected = ofShow.episodeMap.episodes.map((e) => e.id).sort();
    const inShow = new Set(
      episodeMap.episodes.filter((e) => e.episode.show?.id === pagedShow.id).map((e) => e.id),
    );
    expect(expected.every((id) => inShow.has(id))).toBe(true);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(episodeMap.episodes.length);
    const page = await open(size, `/?view=map&show=${pagedShow.id}`);
    await page.waitForSelector('[data-testid="map-canvas"][data-status="ready"]');
    const drawn = await page.evaluate(() => {
      const container = document.querySelector('[data-testid="map-canvas"] [role="img"]') as
        (HTMLElement & { _cyreg?: { cy: any } }) | null;
      return container!._cyreg!.cy.nodes().map((n: any) => n.id() as string) as string[];
    });
    expect(drawn.sort()).toEqual(expected);
    // The map has the filter too: "all shows" draws every show's episodes again.
    await page.waitForSelector('html[data-hydrated]');
    const select = page.getByTestId('map-show-filter').getByLabel('Show', { exact: true });
    expect(await select.inputValue()).toBe(pagedShow.id);
    await shot(page, `show-filter-map-${size}`);
    await select.selectOption('');
    await page.waitForURL((url) => !url.searchParams.has('show'));
    expect(new URL(page.url()).searchParams.get('view')).toBe('map');
    await page.waitForFunction((count) => {
      const container = document.querySelector('[data-testid="map-canvas"] [role="img"]') as
        (HTMLElement & { _cyreg?: { cy: { nodes(): { length: number } } } }) | null;
      return container?._cyreg?.cy.nodes().length === count;
    }, episodeMap.episodes.length);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
