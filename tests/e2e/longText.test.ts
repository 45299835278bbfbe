// Long unbroken text never widens a page: a feed whose episode title, summary, takeaways, chapter,
// reading titles, URLs and DOI run for hundreds of characters without a space is imported, and every
// page that shows them stays as wide as the screen (no sideways scroll) on a phone and a desktop.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { shot } from './browser.ts';
import { apiQuery, importFeedThroughApi, type Stack, startStack } from './stack.ts';
import { openViewports, type Viewports } from './viewports.ts';

const ADMIN_TOKEN = 'e2e-long-text-admin';
const WORD = 'Supercalifragilisticexpialidocious'.repeat(6);
const TITLE = `Episode ${WORD}`;
const LONG_URL = `https://example.org/${'deeply/nested/'.repeat(12)}${'a'.repeat(120)}.pdf`;
const LONG_DOI = `https://doi.org/10.5555/${'x'.repeat(180)}`;
const READING = `Reading${'Unbroken'.repeat(20)}`;

const FEED = `AI Papers: A Deep Dive

  1. 1 day ago

    ${TITLE}

    ${TITLE} Source: https://arxiv.org/abs/2606.04321 Paper was published on 2026-01-02 This episode was AI-generated on June 21, 2026. A summary that names ${WORD} and links ${LONG_URL} without a break. Key Takeaways: - ${WORD} matters 00:00 - Introduction: ${WORD} 04:10 - The ${WORD} part Recommended Reading: - ${READING}: a note with ${WORD}. (${LONG_URL}) - Another ${WORD}: a DOI. (${LONG_DOI}) - Attention Is All You Need: the transformer paper. (https://arxiv.org/abs/1706.03762)
    21 min
`;

let stack: Stack;
let viewports: Viewports;
let episodeId = '';
let readingIds: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  viewports = await openViewports();
  stack = await startStack({ ADMIN_TOKEN });
  const imported = await importFeedThroughApi(stack.apiUrl, ADMIN_TOKEN, FEED);
  const added = imported.added ?? [];
  if (added.length !== 1)
    throw new Error(`the long-text feed did not import: ${JSON.stringify(imported)}`);
  episodeId = added[0]!;
  const { episode } = await apiQuery<{
    episode: { recommendations: { paper: { id: string } }[] };
  }>(stack.apiUrl, 'query ($id: ID!) { episode(id: $id) { recommendations { paper { id } } } }', {
    id: episodeId,
  });
  readingIds = episode.recommendations.map((r) => r.paper.id);
}, 180_000);

afterAll(async () => {
  await viewports?.close();
  await stack?.close();
});

const WIDTH = { phone: 390, desktop: 1440 } as const;

async function pageWidth(page: Page, path: string): Promise<number> {
  await page.goto(stack.baseUrl + path);
  await page.waitForSelector('html[data-hydrated]');
  return page.evaluate(() => document.scrollingElement!.scrollWidth);
}

describe('pages with long unbroken text', () => {
  for (const size of ['phone', 'desktop'] as const) {
    it(`${size}: the episode, its papers, the explorer, /papers, /episodes and /search never scroll sideways`, async () => {
      expect(readingIds.length, 'the readings with links became papers').toBeGreaterThanOrEqual(2);
      const page = await viewports[size].newPage();
      page.on('pageerror', (error) => pageErrors.push(`${size} ${page.url()}: ${error.message}`));
      const paths = [
        `/episode/${episodeId}`,
        ...readingIds.map((id) => `/paper/${encodeURIComponent(id)}`),
        `/?sel=${episodeId}`,
        `/?focus=${episodeId}&sel=${encodeURIComponent(readingIds[0]!)}`,
        '/papers',
        '/episodes',
        `/search?q=${encodeURIComponent(WORD)}`,
      ];
      const wide: string[] = [];
      for (const path of paths) {
        const width = await pageWidth(page, path);
        if (width > WIDTH[size]) {
          wide.push(`${path}: ${width}px`);
          await shot(page, `${size}-too-wide-${wide.length}`);
        }
      }
      expect(wide).toEqual([]);
      await page.goto(stack.baseUrl + `/episode/${episodeId}`);
      await shot(page, `${size}-long-text-episode`);
      await page.close();
    });
  }

  it('threw no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
