// Small things a person trips on in the explorer, on a desktop (1440×900) and a phone (390×844): from a
// selected list row one Tab reaches its details (and Shift+Tab comes back), a focused row shows its
// node's full title in the drawing, and "Expand" on a node whose neighbours are all shown says so.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { graphReady, layoutSettled, seriousAxeViolations, shot } from './browser.ts';
import { apiQuery, type Stack, startStack } from './stack.ts';
import { openViewports, type Viewports } from './viewports.ts';

const DPO = 'arxiv:2305.18290';
const BAD_TOKEN = "One Bad Token Can Sink a Model's Math, And You Can Delete It";
const GRADER = 'The Free Step-Level Grader Hiding in Every RL Training Run';

let stack: Stack;
let viewports: Viewports;
let episodes: { id: string; title: string }[] = [];
const pageErrors: string[] = [];

const idOf = (title: string) => {
  const episode = episodes.find((e) => e.title === title);
  if (!episode) throw new Error(`seed has no episode "${title}"`);
  return episode.id;
};

beforeAll(async () => {
  viewports = await openViewports();
  stack = await startStack();
  const data = await apiQuery<{ episodes: { edges: { node: { id: string; title: string } }[] } }>(
    stack.apiUrl,
    '{ episodes(first: 100) { edges { node { id title } } } }',
  );
  episodes = data.episodes.edges.map((e) => e.node);
}, 180_000);

afterAll(async () => {
  await viewports?.close();
  await stack?.close();
});

const SIZES = ['desktop', 'phone'] as const;

async function open(size: (typeof SIZES)[number], path: string): Promise<Page> {
  const page = await viewports[size].newPage();
  page.on('pageerror', (error) => pageErrors.push(`${size} ${page.url()}: ${error.message}`));
  await page.goto(stack.baseUrl + path);
  await page.waitForSelector('html[data-hydrated]');
  return page;
}

const focusedText = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return {
      text: active?.textContent?.trim() ?? '',
      inPanel: active?.closest('[data-testid="selection-panel"]') != null,
      row: active?.closest<HTMLElement>('[data-node-id]')?.dataset['nodeId'] ?? null,
    };
  });

describe('from a selected list row to its details', () => {
  for (const size of SIZES) {
    for (const kind of ['episode', 'paper'] as const) {
      it(`${size}: one Tab from the selected ${kind}'s row reaches "Open page", one Shift+Tab comes back`, async () => {
        const id = kind === 'episode' ? idOf(GRADER) : DPO;
        const page = await open(size, `/?sel=${encodeURIComponent(id)}`);
        await graphReady(page);
        await page.getByRole('region', { name: 'Selected node' }).waitFor();
        const row = page.locator(`[data-testid="node-lists"] [data-node-id="${id}"] a`).first();
        await row.focus();
        expect((await focusedText(page)).row).toBe(id);

        let presses = 0;
        while (presses < 40) {
          await page.keyboard.press('Tab');
          presses++;
          const now = await focusedText(page);
          if (now.inPanel && now.text === 'Open page') break;
        }
        expect(presses, 'Tab presses from the row to "Open page"').toBe(1);

        await page.keyboard.press('Shift+Tab');
        expect((await focusedText(page)).row).toBe(id);
        expect(await seriousAxeViolations(page)).toEqual([]);
        await page.close();
      });
    }

    it(`${size}: a focused list row shows its node's full title over the drawing`, async () => {
      const page = await open(size, '/');
      await graphReady(page);
      await layoutSettled(page);
      const row = page.locator('[data-testid="episode-list"] li a').first();
      const title = (await row.textContent())!.trim();
      await row.focus();
      await expect(page.getByTestId('node-tooltip').textContent()).resolves.toContain(title);
      await page.close();
    });
  }
});

describe('expanding a node whose neighbours are all shown', () => {
  for (const size of SIZES) {
    it(`${size}: says so in a polite live region, and says nothing when the expansion adds nodes`, async () => {
      const focus = idOf(BAD_TOKEN);
      const page = await open(size, `/?focus=${focus}&depth=1&sel=${focus}`);
      await graphReady(page);
      const message = page.getByTestId('expand-message');
      expect(await message.getAttribute('role')).toBe('status');
      expect((await message.textContent())!.trim()).toBe('');
      const before = (await page.getByTestId('graph-canvas').getAttribute('data-rendered-nodes'))!;

      await page.getByRole('link', { name: 'Expand', exact: true }).click();
      await page.waitForURL((u) => u.searchParams.get('expand') === focus);
      await page.waitForFunction(
        () =>
          (document.querySelector('[data-testid="expand-message"]')?.textContent ?? '').trim() !==
          '',
      );
      expect(await message.textContent()).toContain(
        `All neighbours of “${BAD_TOKEN}” are already shown`,
      );
      expect(await page.getByTestId('graph-canvas').getAttribute('data-rendered-nodes')).toBe(
        before,
      );
      expect(await seriousAxeViolations(page)).toEqual([]);
      await shot(page, `${size}-expand-nothing-new`);

      // DPO's neighbours include an episode the focus view does not show.
      await page.goto(`${stack.baseUrl}/?focus=${focus}&depth=1&sel=${encodeURIComponent(DPO)}`);
      await graphReady(page);
      await page.getByRole('link', { name: 'Expand', exact: true }).click();
      await page.waitForURL((u) => u.searchParams.get('expand') === DPO);
      await page
        .locator(`[data-testid="episode-list"] li[data-node-id="${idOf(GRADER)}"]`)
        .waitFor();
      expect((await message.textContent())!.trim()).toBe('');
      await page.close();
    });
  }
});

describe('errors', () => {
  it('threw no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
