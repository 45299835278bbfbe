// GraphiQL without internet: every request that leaves the machine is refused, and both the API's own
// /graphql and the web app's proxied /graphql still draw the editor and run a query, under their CSP.
// It opens with papergraph's examples, a tab each, and runs them on a desktop and a phone.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { EXAMPLES } from '../../server/src/graphql/graphiql/examples.ts';
import { shot } from './browser.ts';
import { apiQuery, type Stack, startStack } from './stack.ts';
import { openViewports, type Viewports } from './viewports.ts';

let stack: Stack;
let viewports: Viewports;
let browser: Browser;
let context: BrowserContext;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

interface Visit {
  page: Page;
  blocked: string[];
  cspViolations: string[];
  errors: string[];
}

async function openOffline(url: string): Promise<Visit> {
  const page = await context.newPage();
  const visit: Visit = { page, blocked: [], cspViolations: [], errors: [] };
  await page.route('**/*', (route) => {
    const requested = new URL(route.request().url());
    const local =
      ['blob:', 'data:'].includes(requested.protocol) || LOOPBACK.has(requested.hostname);
    if (local) return route.continue();
    visit.blocked.push(requested.href);
    return route.abort('internetdisconnected');
  });
  page.on('pageerror', (error) => visit.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      visit.cspViolations.push(message.text());
  });
  await page.goto(url);
  return visit;
}

beforeAll(async () => {
  viewports = await openViewports();
  browser = viewports.browser;
  stack = await startStack();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(
        `Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber} ${event.sample}`,
      );
    });
  });
}, 180_000);

afterAll(async () => {
  await context?.close();
  await viewports?.close();
  await stack?.close();
});

async function runsAQuery(visit: Visit, name: string): Promise<void> {
  const { page } = visit;
  const { stats } = await apiQuery<{ stats: { episodes: number } }>(
    stack.apiUrl,
    '{ stats { episodes } }',
  );
  // The query editor is Monaco, drawn once the bundle and its workers loaded from this server.
  const editor = page.locator('.graphiql-query-editor .monaco-editor').first();
  await editor.waitFor({ state: 'visible', timeout: 30_000 });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type('{ stats { episodes }');
  await page.keyboard.press('ControlOrMeta+Enter');
  const response = page.locator('.graphiql-response');
  // Monaco draws spaces as no-break spaces; \s matches both.
  const shown = async () => (await response.innerText()).replace(/\s+/g, ' ');
  await expect.poll(shown, { timeout: 20_000 }).toContain(`"episodes": ${stats.episodes} }`);
  await shot(page, `graphiql-${name}`);
  expect(visit.blocked).toEqual([]);
  expect(visit.cspViolations).toEqual([]);
  expect(visit.errors).toEqual([]);
}

describe('GraphiQL offline', () => {
  it("the API's own /graphql draws the editor and runs a query with no request leaving the machine", async () => {
    const visit = await openOffline(stack.apiUrl);
    await runsAQuery(visit, 'api');
    const response = await fetch(stack.apiUrl, { headers: { accept: 'text/html' } });
    const directives = new Map(
      (response.headers.get('content-security-policy') ?? '').split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')] as const;
      }),
    );
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('worker-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('style-src-elem')).toMatch(/^'self' 'nonce-[A-Za-z0-9+/=]{24}'$/);
    // The one allowance, for Monaco's style attributes; no host anywhere, so no CDN.
    expect([...directives].filter(([, values]) => /unsafe|https?:|\*/.test(values))).toEqual([
      ['style-src-attr', "'unsafe-inline'"],
    ]);
    await visit.page.close();
  }, 90_000);

  it("the web app's /graphql page does the same through its proxy, under the API's CSP", async () => {
    const visit = await openOffline(`${stack.baseUrl}/graphql`);
    await runsAQuery(visit, 'web');
    const response = await fetch(`${stack.baseUrl}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    await visit.page.close();
  }, 90_000);

  it('fits a phone screen: the page does not scroll sideways at 390 px', async () => {
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      const page = await phone.newPage();
      await page.goto(`${stack.baseUrl}/graphql`);
      await page.locator('.graphiql-query-editor .monaco-editor').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
    } finally {
      await phone.close();
    }
  }, 90_000);
});

describe('GraphiQL examples', () => {
  // Monaco draws spaces as no-break spaces; \s matches both.
  const text = async (page: Page, selector: string) =>
    (await page.locator(selector).first().innerText()).replace(/\s+/g, ' ');

  async function runsTab(
    page: Page,
    touch: boolean,
    tab: string,
    shows: string,
    expected: string,
  ): Promise<void> {
    const button = page.locator('.graphiql-tab', { hasText: tab }).locator('.graphiql-tab-button');
    // A phone taps: GraphiQL's tabs are draggable, and there a touch is no mouse click. The tab row
    // may still be settling from the last run, so the tap is repeated until the tab shows.
    await expect
      .poll(async () => {
        await (touch ? button.tap() : button.click());
        return text(page, '.graphiql-query-editor');
      })
      .toContain(shows);
    const run = page.locator('.graphiql-execute-button');
    await (touch ? run.tap() : run.click());
    await expect
      .poll(() => text(page, '.graphiql-response'), { timeout: 20_000 })
      .toContain(expected);
  }

  it.each(['desktop', 'phone'] as const)(
    'opens with a tab per example on the %s; the first and the last run on the seed',
    async (viewport) => {
      const page = await viewports[viewport].newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      try {
        await page.goto(`${stack.baseUrl}/graphql`);
        await page.locator('.graphiql-query-editor .monaco-editor').first().waitFor();
        const tabs = page.locator('.graphiql-tab');
        await expect.poll(() => tabs.count()).toBe(EXAMPLES.length);
        // GraphiQL titles a tab by its operation; the first example is anonymous.
        expect((await tabs.allInnerTexts()).map((tab) => tab.trim())).toEqual([
          '<untitled>',
          ...EXAMPLES.slice(1).map((example) => example.name),
        ]);
        const { stats } = await apiQuery<{ stats: { episodes: number } }>(
          stack.apiUrl,
          '{ stats { episodes } }',
        );
        await runsTab(
          page,
          viewport === 'phone',
          '<untitled>',
          'stats {',
          `"episodes": ${stats.episodes},`,
        );
        // The answer's first lines: a phone draws only the lines in view.
        await runsTab(
          page,
          viewport === 'phone',
          'HowTwoPapersConnect',
          'query HowTwoPapersConnect',
          '"truncated": false',
        );
        const note = page.locator('.narrow-screen-note');
        if (viewport === 'phone') {
          await note.waitFor({ state: 'visible' });
          expect(await note.innerText()).toContain('GraphiQL is made for a wider screen');
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
        } else {
          expect(await note.isVisible()).toBe(false);
        }
        await shot(page, `graphiql-examples-${viewport}`);
        expect(errors).toEqual([]);
      } finally {
        await page.close();
      }
    },
    120_000,
  );
});
