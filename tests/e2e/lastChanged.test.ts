// The frame of every page says when the graph last changed, on the server-rendered page and after a
// client-side navigation that follows an import through the API's importFeed mutation.
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seriousAxeViolations, shot } from './browser.ts';
import { apiQuery, importFeedThroughApi, launchChromium, type Stack, startStack } from './stack.ts';

const ADMIN_TOKEN = 'e2e-last-changed-admin';
const FEED = fileURLToPath(new URL('../feeds/fixtures/unlinked-reading.txt', import.meta.url));

let stack: Stack;
let browser: Browser;
let phone: BrowserContext;
const pageErrors: string[] = [];

async function apiChangedAt(): Promise<string> {
  const { stats } = await apiQuery<{ stats: { lastChangedAt: string | null } }>(
    stack.apiUrl,
    '{ stats { lastChangedAt } }',
  );
  expect(stats.lastChangedAt, 'the seed import sets the time').not.toBeNull();
  return stats.lastChangedAt!;
}

const importFeed = (content: string) => importFeedThroughApi(stack.apiUrl, ADMIN_TOKEN, content);

async function shownTime(page: Page): Promise<{ datetime: string | null; text: string }> {
  const time = page.getByTestId('graph-changed').locator('time');
  return {
    datetime: await time.getAttribute('datetime'),
    text: (await page.getByTestId('graph-changed').innerText()).trim(),
  };
}

beforeAll(async () => {
  browser = await launchChromium();
  stack = await startStack({ ADMIN_TOKEN });
  phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
}, 180_000);

afterAll(async () => {
  await phone?.close();
  await browser?.close();
  await stack?.close();
});

describe('when the graph last changed, in a browser', () => {
  it('shows the seed import time at phone width, then the new time after an import and a navigation', async () => {
    const seeded = await apiChangedAt();
    const page = await phone.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));

    // Server-rendered: the line is in the HTML before any script runs.
    const html = await (await fetch(`${stack.baseUrl}/episodes`)).text();
    expect(html).toContain(`<time datetime="${seeded}"`);

    await page.goto(`${stack.baseUrl}/`);
    await page.waitForSelector('html[data-hydrated="true"]');
    expect(await shownTime(page)).toEqual({
      datetime: seeded,
      text: expect.stringMatching(/^Graph updated (just now|\d+ (seconds?|minutes?) ago)$/),
    });
    const width = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(width.scroll, 'no sideways scroll at 390 px').toBeLessThanOrEqual(width.client);
    await expect(page.getByTestId('graph-changed').isVisible()).resolves.toBe(true);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, 'last-changed-phone');

    while (new Date().toISOString() <= seeded) await sleep(5);
    const imported = await importFeed(await readFile(FEED, 'utf8'));
    expect(imported.__typename).toBe('ImportSummary');
    expect(imported.added).toHaveLength(1);
    const changed = await apiChangedAt();
    expect(changed > seeded).toBe(true);

    // A client-side navigation (no reload) asks again.
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Episodes' })
      .click();
    await page.waitForURL(`${stack.baseUrl}/episodes`);
    await page.waitForFunction(
      (at) =>
        document.querySelector('[data-testid="graph-changed"] time')?.getAttribute('datetime') ===
        at,
      changed,
    );
    expect((await shownTime(page)).datetime).toBe(changed);

    // A re-import that changes nothing leaves it, here as on the API.
    expect((await importFeed(await readFile(FEED, 'utf8'))).__typename).toBe('ImportSummary');
    expect(await apiChangedAt()).toBe(changed);
    await page
      .getByRole('navigation', { name: 'Sections' })
      .getByRole('link', { name: 'Papers' })
      .click();
    await page.waitForURL(`${stack.baseUrl}/papers`);
    expect((await shownTime(page)).datetime).toBe(changed);
    expect(pageErrors).toEqual([]);
    await page.close();
  }, 120_000);
});
