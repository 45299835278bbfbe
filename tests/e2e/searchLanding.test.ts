// An identifier typed in the search box or given to the search page lands on its paper's page, in
// Chromium at desktop and phone sizes: a paper no episode cites gets the page that says so (not
// "Nothing matches"), a cited one its page with the episodes citing it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { seriousAxeViolations, shot } from './browser.ts';
import { type Stack, startStack } from './stack.ts';
import { openViewports, type Viewports } from './viewports.ts';

const UNCITED_ARXIV = 'arxiv:2305.99999';
const UNCITED_DOI = 'doi:10.9999/not-a-paper';
const DPO = 'arxiv:2305.18290';
const DPO_CITED_BY = [
  "One Bad Token Can Sink a Model's Math, And You Can Delete It",
  'The Free Step-Level Grader Hiding in Every RL Training Run',
].sort();

let stack: Stack;
let viewports: Viewports;

beforeAll(async () => {
  viewports = await openViewports();
  stack = await startStack();
}, 180_000);

afterAll(async () => {
  await viewports?.close();
  await stack?.close();
});

/** Waits until the page shows the paper with this id at its canonical address. */
async function landedOn(page: Page, paperId: string): Promise<void> {
  await page.waitForURL((url) => decodeURIComponent(url.pathname) === `/paper/${paperId}`);
}

async function typeInSearchBox(page: Page, text: string): Promise<void> {
  await page.waitForSelector('html[data-hydrated]');
  await page.locator('#search-input').click();
  await page.keyboard.type(text, { delay: 20 });
}

/** The uncited paper's page: what it says, and that nothing on it fails axe. */
async function uncitedPage(page: Page): Promise<{ heading: string; text: string }> {
  const card = page.getByTestId('uncited-paper');
  await card.waitFor();
  expect(await seriousAxeViolations(page)).toEqual([]);
  return {
    heading: (await card.getByRole('heading', { level: 1 }).textContent()) ?? '',
    text: (await card.textContent()) ?? '',
  };
}

async function citingEpisodes(page: Page): Promise<string[]> {
  const citing = page.getByTestId('citing-episode');
  await citing.first().waitFor();
  const titles = await citing.evaluateAll((items) =>
    items.map((li) => li.querySelector('a')?.textContent?.trim() ?? ''),
  );
  return titles.sort();
}

describe('identifiers land on the paper page', () => {
  for (const name of ['desktop', 'phone'] as const) {
    it(`${name}: an uncited arXiv id typed in the search box lands on its page on Enter`, async () => {
      const page = await viewports[name].newPage();
      await page.goto(stack.baseUrl + '/episodes');
      await typeInSearchBox(page, '2305.99999');
      const note = page.getByTestId('search-dropdown').getByRole('status');
      await expect(note.textContent()).resolves.toContain('Enter opens the paper arXiv:2305.99999');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await shot(page, `${name}-search-box-identifier`);
      await page.keyboard.press('Enter');
      await landedOn(page, UNCITED_ARXIV);
      const uncited = await uncitedPage(page);
      expect(uncited.heading.toLowerCase()).toBe(UNCITED_ARXIV);
      expect(uncited.text).toMatch(/No episode .* cites this paper/);
      expect(uncited.text).toContain('https://arxiv.org/abs/2305.99999');
      await shot(page, `${name}-uncited-paper`);

      // A DOI no episode cites does the same.
      await typeInSearchBox(page, UNCITED_DOI.slice('doi:'.length));
      await page.keyboard.press('Enter');
      await landedOn(page, UNCITED_DOI);
      expect((await uncitedPage(page)).heading.toLowerCase()).toBe(UNCITED_DOI);
      await page.close();
    }, 90_000);

    it(`${name}: the search page sends an uncited identifier to its paper page`, async () => {
      const page = await viewports[name].newPage();
      for (const [query, paperId] of [
        ['arXiv:2305.99999', UNCITED_ARXIV],
        ['https://doi.org/10.9999/not-a-paper', UNCITED_DOI],
      ] as const) {
        await page.goto(`${stack.baseUrl}/search?q=${encodeURIComponent(query)}`);
        await landedOn(page, paperId);
        const uncited = await uncitedPage(page);
        expect(uncited.heading.toLowerCase(), query).toBe(paperId);
        expect(uncited.text, query).toMatch(/No episode .* cites this paper/);
      }
      // Words are still searched for.
      await page.goto(`${stack.baseUrl}/search?q=DPO`);
      await page.getByTestId('search-results').waitFor();
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.close();
    }, 90_000);

    it(`${name}: a cited paper's identifier lands on its page with the episodes citing it`, async () => {
      const page = await viewports[name].newPage();
      await page.goto(stack.baseUrl + '/episodes');
      await typeInSearchBox(page, 'https://arxiv.org/abs/2305.18290v2');
      await page.keyboard.press('Enter');
      await landedOn(page, DPO);
      expect(await citingEpisodes(page)).toEqual(DPO_CITED_BY);
      expect(await seriousAxeViolations(page)).toEqual([]);

      await page.goto(
        `${stack.baseUrl}/search?q=${encodeURIComponent('papers.cool/arxiv/2305.18290')}`,
      );
      await landedOn(page, DPO);
      expect(await citingEpisodes(page)).toEqual(DPO_CITED_BY);
      await page.close();
    }, 90_000);
  }
});

describe('the search page without JavaScript', () => {
  it('answers an identifier with a redirect to its paper page, cited or not', async () => {
    const cases: [query: string, paperId: string][] = [
      ['2305.99999v2', UNCITED_ARXIV],
      ['2305.18290', DPO],
    ];
    for (const [query, paperId] of cases) {
      const response = await fetch(`${stack.baseUrl}/search?q=${encodeURIComponent(query)}`, {
        redirect: 'manual',
      });
      expect(response.status, query).toBe(303);
      expect(response.headers.get('location'), query).toBe(`/paper/${encodeURIComponent(paperId)}`);
    }
  });
});
