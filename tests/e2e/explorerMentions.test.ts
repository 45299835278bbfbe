// The explorer's edge-kind filter and mentions, in a real headless Chromium at desktop and phone
// size: a research show's episode whose notes mention papers draws them as mentions (not as
// recommended readings), "papers mentioned in notes" keeps only those, and "recommended readings"
// drops them. The stack opens a DATA_DIR holding the seed and that show.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { importFeedFile } from '../../server/src/import/pipeline.ts';
import { seedIfEmpty } from '../../server/src/seed.ts';
import { graphReady, seriousAxeViolations } from './browser.ts';
import { type PreparedStack, startPreparedStack } from './preparedStack.ts';

const RESEARCH_FEED = new URL('../import/fixtures/research-podcast/feed.xml', import.meta.url)
  .pathname;
const DPO = 'arxiv:2305.18290';

let prepared: PreparedStack;
let episodeId = '';
const pageErrors: string[] = [];

beforeAll(async () => {
  prepared = await startPreparedStack('explorer-mentions', async (store) => {
    await seedIfEmpty(store);
    const batch = await importFeedFile(RESEARCH_FEED);
    await store.importBatch(batch);
    episodeId = batch.episodes.find((e) => e.title.startsWith('Ep. 41'))!.id;
  });
}, 180_000);

afterAll(async () => {
  await prepared?.close();
});

const SIZES = [['desktop'], ['phone']] as const;

/** The drawn edges leaving the episode: target and kind. */
function episodeEdges(page: Page, id: string): Promise<[string, string][]> {
  return page.evaluate((episode) => {
    const container = document.querySelector('[data-testid="graph-canvas"] [role="img"]') as
      (HTMLElement & { _cyreg?: { cy: any } }) | null;
    const cy = container!._cyreg!.cy;
    return cy
      .edges()
      .filter((e: any) => e.data('source') === episode)
      .map((e: any) => [e.data('target'), e.data('kind')]);
  }, id);
}

async function open(size: 'desktop' | 'phone', query: string): Promise<Page> {
  const page = await prepared.viewports[size].newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  const response = await page.goto(`${prepared.stack.baseUrl}/?${query}`);
  expect(response?.status()).toBe(200);
  await graphReady(page);
  return page;
}

describe.each(SIZES)('mentions in the explorer (%s)', (size) => {
  it('draws an episode’s mentioned papers as mentions, and the filter keeps or drops them', async () => {
    const focus = `view=graph&focus=${encodeURIComponent(episodeId)}&depth=1`;
    let page = await open(size, focus);
    const all = await episodeEdges(page, episodeId);
    expect(all).toContainEqual([DPO, 'mentioned']);
    expect(all.some(([, kind]) => kind === 'recommended')).toBe(false);
    const options = await page
      .getByLabel('Edges')
      .evaluate((select: HTMLSelectElement) =>
        [...select.options].map((o) => [o.value, o.textContent?.trim()]),
      );
    expect(options).toContainEqual(['mentioned', 'papers mentioned in notes']);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();

    page = await open(size, `${focus}&edges=mentioned`);
    expect(await page.getByLabel('Edges').inputValue()).toBe('mentioned');
    const mentions = await episodeEdges(page, episodeId);
    expect(mentions.length).toBe(all.filter(([, kind]) => kind === 'mentioned').length);
    expect(new Set(mentions.map(([, kind]) => kind))).toEqual(new Set(['mentioned']));
    await page.close();

    page = await open(size, `${focus}&edges=recommended`);
    expect(await episodeEdges(page, episodeId)).toEqual([]);
    await page.close();
    expect(pageErrors).toEqual([]);
  });
});
