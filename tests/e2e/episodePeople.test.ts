// The episode page names the episode's people (podcast:person) on a line under its show, in
// Debian's Chromium at desktop (1440×900) and phone (390×844) size: a guest whose name holds markup
// and CJK is shown as text, their page (one long unbroken URL) is the link and never widens the page,
// and an episode without its own tags names the channel's host.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { importFeedContent } from '../../server/src/import/pipeline.ts';
import { episodeHref } from '../../web/src/lib/links.ts';
import { rssItem } from '../feeds/feedText.ts';
import { seriousAxeViolations, shot } from './browser.ts';
import { type PreparedStack, startPreparedStack } from './preparedStack.ts';

const HOST_PAGE = 'https://people.example.org/ada';
const GUEST_PAGE = `https://example.edu/~zoe/${'x'.repeat(1_900)}`;
const GUEST_NAME = '<b>Zoë</b> & 张伟';

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0">
<channel><title>Gradient Pods</title><link>https://gradient-pods.example.org/</link><description>A show.</description>
<podcast:person role="host" href="${HOST_PAGE}">Ada Reviewer</podcast:person>
${rssItem({
  n: 1,
  title: 'Guest week',
  extra: `<podcast:person role="guest" href="${escapeXml(GUEST_PAGE)}">${escapeXml(GUEST_NAME)}</podcast:person>
<podcast:person role="host">Ada Reviewer</podcast:person>`,
})}
${rssItem({ n: 2, title: 'Host alone' })}
</channel></rss>
`;

let prepared: PreparedStack;
const episodeIds = new Map<string, string>();
const pageErrors: string[] = [];

beforeAll(async () => {
  prepared = await startPreparedStack('episode-people', async (store) => {
    const batch = importFeedContent(FEED);
    await store.importBatch(batch);
    for (const episode of batch.episodes) episodeIds.set(episode.title, episode.id);
  });
}, 180_000);

afterAll(async () => {
  await prepared?.close();
});

const SIZES = [
  ['desktop', 1440],
  ['phone', 390],
] as const;

/** Each person's line as read: name and role, spaces as one. */
const personTexts = async (page: Page) =>
  (await page.getByTestId('episode-person').allTextContents()).map((text) =>
    text.replace(/\s+/g, ' ').trim(),
  );

async function open(size: 'desktop' | 'phone', title: string): Promise<Page> {
  const page = await prepared.viewports[size].newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  const response = await page.goto(prepared.stack.baseUrl + episodeHref(episodeIds.get(title)!));
  expect(response?.status()).toBe(200);
  return page;
}

describe.each(SIZES)('the episode page’s people (%s)', (size, width) => {
  it('names them on a line under the show, as text, linked to their pages', async () => {
    const page = await open(size, 'Guest week');
    const people = page.getByTestId('episode-person');
    expect(await personTexts(page)).toEqual([`${GUEST_NAME} (guest)`, 'Ada Reviewer (host)']);
    // The markup is the name's text, not markup of the page.
    expect(await page.getByTestId('episode-people').locator('b').count()).toBe(0);
    expect(await people.nth(0).getByRole('link').getAttribute('href')).toBe(GUEST_PAGE);
    // Ada's item tag gives no page; the channel's does, but this episode shows its own tag.
    expect(await people.nth(1).getByRole('link').count()).toBe(0);
    const show = await page.getByTestId('episode-show').boundingBox();
    const line = await page.getByTestId('episode-people').boundingBox();
    expect(line!.y).toBeGreaterThanOrEqual(show!.y + show!.height);
    // The label stays on one line however long the names.
    const labelLines = await page
      .getByTestId('episode-people')
      .locator('dt')
      .evaluate((label) => {
        const text = document.createRange();
        text.selectNodeContents(label);
        return text.getClientRects().length;
      });
    expect(labelLines).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, `episode-people-${size}`);
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('names the channel’s host on an episode without tags of its own', async () => {
    const page = await open(size, 'Host alone');
    const people = page.getByTestId('episode-person');
    expect(await personTexts(page)).toEqual(['Ada Reviewer (host)']);
    expect(await people.getByRole('link').getAttribute('href')).toBe(HOST_PAGE);
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
