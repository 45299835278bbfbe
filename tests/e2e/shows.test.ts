// The show in a real headless Chromium, at desktop and phone size: an episode's page names its show
// (linked to the show's site), and a paper's page names the show of each citing episode, here the
// "AI Papers" show and a research show whose notes mention the same paper.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { aiPapersShow } from '../../server/src/domain/show.ts';
import { importFeedFile } from '../../server/src/import/pipeline.ts';
import { seedIfEmpty } from '../../server/src/seed.ts';
import { episodeHref, paperHref } from '../../web/src/lib/links.ts';
import { seriousAxeViolations, shot } from './browser.ts';
import { type PreparedStack, startPreparedStack } from './preparedStack.ts';

const RESEARCH_FEED = new URL('../import/fixtures/research-podcast/feed.xml', import.meta.url)
  .pathname;
const RESEARCH_SHOW = 'Gradient Descent & Friends';
const DPO = 'arxiv:2305.18290';

let prepared: PreparedStack;
let researchEpisodeId = '';
const pageErrors: string[] = [];

beforeAll(async () => {
  prepared = await startPreparedStack('shows', async (store) => {
    await seedIfEmpty(store);
    const batch = await importFeedFile(RESEARCH_FEED);
    await store.importBatch(batch);
    researchEpisodeId = batch.episodes.find((e) => e.title.startsWith('Ep. 41'))!.id;
  });
}, 180_000);

afterAll(async () => {
  await prepared?.close();
});

const SIZES = [
  ['desktop', 1440],
  ['phone', 390],
] as const;

async function open(size: 'desktop' | 'phone', path: string): Promise<Page> {
  const page = await prepared.viewports[size].newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  const response = await page.goto(prepared.stack.baseUrl + path);
  expect(response?.status(), path).toBe(200);
  return page;
}

describe.each(SIZES)('shows (%s)', (size, width) => {
  it('names the show on an episode’s page, linked to its site', async () => {
    const page = await open(size, episodeHref(researchEpisodeId));
    const show = page.getByTestId('episode-show');
    await show.waitFor();
    expect(await show.textContent()).toContain(RESEARCH_SHOW);
    expect(await show.getByTestId('show-site').getAttribute('href')).toBe(
      'https://gradient-descent.example.org/',
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, `show-episode-${size}`);
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('names each citing episode’s show on a paper’s page', async () => {
    const page = await open(size, paperHref(DPO));
    await page.getByTestId('paper-detail').waitFor();
    const shows = await page
      .getByTestId('citing-episode')
      .evaluateAll((items) =>
        items.map((item) => item.querySelector('[data-testid="citing-show"]')?.textContent ?? ''),
      );
    expect(new Set(shows)).toEqual(new Set([aiPapersShow().title, RESEARCH_SHOW]));
    const mention = page.locator(
      `[data-testid="citing-episode"][data-episode-id="${researchEpisodeId}"]`,
    );
    expect(await mention.getByTestId('citing-show').textContent()).toBe(RESEARCH_SHOW);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, `show-paper-${size}`);
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
