// Another podcast's episode in a real headless Chromium, at desktop and phone size: its page lists
// the papers its show notes mention (no source paper), and a mentioned paper's page lists the episode
// as "Mentioned" with the sentence around the link. The stack opens a DATA_DIR holding the seed and a
// research show whose notes link papers.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { importFeedFile } from '../../server/src/import/pipeline.ts';
import { seedIfEmpty } from '../../server/src/seed.ts';
import { episodeHref, paperHref } from '../../web/src/lib/links.ts';
import { seriousAxeViolations, shot } from './browser.ts';
import { type PreparedStack, startPreparedStack } from './preparedStack.ts';

const RESEARCH_FEED = new URL('../import/fixtures/research-podcast/feed.xml', import.meta.url)
  .pathname;
const DPO = 'arxiv:2305.18290';
const DPO_SENTENCE =
  'Direct Preference Optimization: Your Language Model is Secretly a Reward Model (Rafailov et al. 2023)';

let prepared: PreparedStack;
let episodeId = '';
let mentionCount = 0;
const pageErrors: string[] = [];

beforeAll(async () => {
  prepared = await startPreparedStack('other-podcasts', async (store) => {
    await seedIfEmpty(store);
    const batch = await importFeedFile(RESEARCH_FEED);
    await store.importBatch(batch);
    const episode = batch.episodes.find((e) => e.title.startsWith('Ep. 41'))!;
    episodeId = episode.id;
    mentionCount = episode.mentions?.length ?? 0;
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

describe.each(SIZES)('another podcast’s episode (%s)', (size, width) => {
  it('lists the papers its notes mention, and no source paper', async () => {
    expect(mentionCount).toBeGreaterThan(5);
    const page = await open(size, episodeHref(episodeId));
    const mentioned = page.getByRole('region', { name: 'Papers mentioned' });
    await mentioned.waitFor();
    expect(await mentioned.getByRole('heading').textContent()).toContain(`(${mentionCount})`);
    const ids = await mentioned
      .getByTestId('paper-link')
      .evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset['paperId']));
    expect(ids).toHaveLength(mentionCount);
    expect(ids).toContain(DPO);
    expect(await mentioned.textContent()).toContain(DPO_SENTENCE);
    expect(await page.getByRole('region', { name: 'Source paper' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Recommended readings' }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, `other-podcast-episode-${size}`);
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('shows the mention on the paper’s page beside the "AI Papers" episodes recommending it', async () => {
    const page = await open(size, paperHref(DPO));
    await page.getByTestId('paper-detail').waitFor();
    const citing = page.getByTestId('citing-episode');
    const kinds = await citing.evaluateAll((items) =>
      items.map((item) => (item as HTMLElement).dataset['kind']),
    );
    expect(kinds).toContain('RECOMMENDED');
    expect(kinds).toContain('MENTIONS');
    const mention = page.locator(`[data-testid="citing-episode"][data-episode-id="${episodeId}"]`);
    expect(await mention.textContent()).toContain('Mentioned');
    expect(await mention.textContent()).toContain(DPO_SENTENCE);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
    await shot(page, `other-podcast-paper-${size}`);
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
