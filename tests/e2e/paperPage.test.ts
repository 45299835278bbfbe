// The paper page in a real headless Chromium, at desktop and phone size: what the metadata providers
// said (fixture answers, fetched into the DATA_DIR before the stack starts), why a paper has none, its
// references and referenced-by, and no sideways scrolling with long unbroken titles, links and text.
// The stack runs with ENRICH=false, so papers nothing was fetched for say fetching is off.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { episodeIdFor } from '../../server/src/domain/episodeId.ts';
import { normalisePaperRef } from '../../server/src/ids/paperId.ts';
import { seedIfEmpty } from '../../server/src/seed.ts';
import { paperHref } from '../../web/src/lib/links.ts';
import { freePort } from '../helpers/processes.ts';
import { seriousAxeViolations, shot } from './browser.ts';
import { fetchFixtureMetadata } from './fixtureMetadata.ts';
import { type PreparedStack, startPreparedStack } from './preparedStack.ts';
import { apiQuery, type Stack, startStack } from './stack.ts';
import type { Viewports } from './viewports.ts';

/** Described by both fixture providers; cites one paper of the graph and one known only as a reference. */
const SCHEMING = 'arxiv:2606.26071';
const IN_CONTEXT_SCHEMING = 'arxiv:2412.04984';
const SLEEPER_AGENTS = 'arxiv:2401.05566';
/** A link the providers cannot know. */
const AGENTIC = 'url:https://anthropic.com/research/agentic-misalignment';
/** Cited only by the episode added after the fetch: nothing was ever fetched for it. */
const UNFETCHED = 'arxiv:2607.04321';

const UNBROKEN = 'Unbrokenidentifierwithoutanyplacetowrap'.repeat(8);
const LONG_URL = `https://example.org/papers/${UNBROKEN}`;
const LONG = normalisePaperRef(LONG_URL)!;
const LONG_ABSTRACT = `Abstract${UNBROKEN}${UNBROKEN}`;

let prepared: PreparedStack;
let stack: Stack;
let viewports: Viewports;
const pageErrors: string[] = [];

beforeAll(async () => {
  prepared = await startPreparedStack('paper', async (store) => {
    await seedIfEmpty(store);
    await fetchFixtureMetadata(store);

    await store.importBatch({
      episodes: [
        {
          id: episodeIdFor(LONG.id),
          title: `An episode about ${UNBROKEN}`,
          publishedAt: '2026-07-02',
          paperPublishedAt: null,
          durationMinutes: 20,
          summary: null,
          takeaways: [],
          chapters: [],
          sourcePaperId: LONG.id,
          recommendations: [{ paperId: UNFETCHED, note: `Read next: ${UNBROKEN}` }],
        },
      ],
      papers: [
        {
          id: LONG.id,
          title: `Title${UNBROKEN}`,
          url: LONG.url,
          arxivId: null,
          doi: null,
          aliases: [LONG_URL, `${LONG_URL}?version=${UNBROKEN}`],
        },
        {
          id: UNFETCHED,
          title: 'A Paper Nobody Has Fetched',
          url: 'https://arxiv.org/abs/2607.04321',
          arxivId: '2607.04321',
          doi: null,
          aliases: ['https://arxiv.org/abs/2607.04321'],
        },
      ],
    });
    await store.saveMetadata([
      {
        paperId: LONG.id,
        fetchedAt: '2026-07-03T00:00:00.000Z',
        metadata: {
          title: null,
          authors: [{ name: `Author${UNBROKEN}` }],
          year: 2026,
          venue: `Venue${UNBROKEN}`,
          abstract: LONG_ABSTRACT,
          topics: [`topic${UNBROKEN}`],
          arxivId: null,
          doi: null,
          publishedAt: null,
        },
        references: [],
      },
    ]);
  });
  ({ stack, viewports } = prepared);
}, 180_000);

afterAll(async () => {
  await prepared?.close();
});

const SIZES = [
  ['desktop', 1440],
  ['phone', 390],
] as const;

/** Opens a paper's page at one size (on the fixture stack unless another is given). */
async function openPaper(size: 'desktop' | 'phone', id: string, on: Stack = stack): Promise<Page> {
  const page = await viewports[size].newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  const response = await page.goto(on.baseUrl + paperHref(id));
  expect(response?.status(), id).toBe(200);
  await page.getByTestId('paper-detail').waitFor();
  return page;
}

async function fitsAndPasses(page: Page, width: number): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
  expect(await seriousAxeViolations(page)).toEqual([]);
}

/** What a list of linked papers shows: id, whether marked as known only as a reference, its link. */
function linkedPapers(page: Page, testId: string) {
  return page.getByTestId(testId).evaluateAll((items) =>
    items.map((item) => ({
      id: (item as HTMLElement).dataset['paperId'],
      referenceOnly: (item as HTMLElement).dataset['referenceOnly'] === 'true',
      marked: item.textContent?.includes('Not in the graph') ?? false,
      href: item.querySelector('a')?.getAttribute('href') ?? null,
    })),
  );
}

describe.each(SIZES)('the paper page (%s)', (size, width) => {
  it('shows fetched metadata: authors, year, venue, abstract, topics, identifiers, references, citing episodes', async () => {
    const expected = await apiQuery<{
      paper: { citedBy: { note: string | null; episode: { id: string } }[] };
    }>(
      stack.apiUrl,
      `{ paper(ref: "${SCHEMING}") { citedBy(first: 100) { note episode { id } } } }`,
    );
    const page = await openPaper(size, SCHEMING);

    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Scheming or Confusion? Auditing Apparent Misbehaviour of Language-Model Agents');
    expect(await page.getByTestId('paper-byline').textContent()).toBe(
      'Mira Okafor, Tomás Lindqvist · 2026 · arXiv.org',
    );
    expect(await page.getByTestId('metadata-status').getAttribute('data-status')).toBe('FETCHED');
    expect(await page.getByTestId('paper-abstract').textContent()).toMatch(
      /Abstract\s*Reports of frontier models scheming/,
    );
    const topics = page.getByTestId('paper-topics').getByRole('link');
    expect(await topics.allTextContents()).toEqual(['Computer Science']);
    expect(await topics.first().getAttribute('href')).toMatch(/[?&]topic=Computer(\+|%20)Science/);
    expect(
      await page.locator('.ids dt').allTextContents(),
      'topics, papergraph id and arXiv id are listed',
    ).toEqual(expect.arrayContaining(['Topics', 'papergraph id', 'arXiv']));

    expect(await linkedPapers(page, 'reference')).toEqual([
      {
        id: SLEEPER_AGENTS,
        referenceOnly: true,
        marked: true,
        href: expect.not.stringMatching(/^\/paper\//),
      },
      {
        id: IN_CONTEXT_SCHEMING,
        referenceOnly: false,
        marked: false,
        href: paperHref(IN_CONTEXT_SCHEMING),
      },
    ]);
    expect(await page.getByTestId('referenced-by').textContent()).toContain(
      'No paper papergraph knows cites it.',
    );

    const citing = page.getByTestId('citing-episode');
    expect(
      await citing.evaluateAll((items) =>
        items.map((i) => (i as HTMLElement).dataset['episodeId']),
      ),
    ).toEqual(expected.paper.citedBy.map((c) => c.episode.id));
    for (const [i, citation] of expected.paper.citedBy.entries()) {
      if (citation.note) expect(await citing.nth(i).textContent()).toContain(citation.note);
    }
    await fitsAndPasses(page, width);
    await shot(page, `paper-fetched-${size}`);

    await page.getByTestId('reference').nth(1).getByRole('link').click();
    await page.waitForURL((url) => url.pathname === paperHref(IN_CONTEXT_SCHEMING));
    expect(await linkedPapers(page, 'referenced-by-paper')).toEqual([
      { id: SCHEMING, referenceOnly: false, marked: false, href: paperHref(SCHEMING) },
    ]);
    await page.close();
  });

  it('says the providers do not know a paper they were asked about', async () => {
    const page = await openPaper(size, AGENTIC);
    const status = page.getByTestId('metadata-status');
    expect(await status.getAttribute('data-status')).toBe('NOT_FOUND');
    expect(await status.textContent()).toContain(
      'Semantic Scholar and arXiv do not know this paper',
    );
    expect(await page.getByTestId('paper-byline').count()).toBe(0);
    expect(await page.getByTestId('references').count()).toBe(0);
    await fitsAndPasses(page, width);
    await page.close();
  });

  it('says metadata fetching is off for a paper nothing was fetched for', async () => {
    const page = await openPaper(size, UNFETCHED);
    const status = page.getByTestId('metadata-status');
    expect(await status.getAttribute('data-status')).toBe('DISABLED');
    expect(await status.textContent()).toContain('Metadata fetching is off');
    expect(await page.getByTestId('paper-abstract').count()).toBe(0);
    expect(await page.getByTestId('paper-topics').count()).toBe(0);
    expect(await page.getByTestId('references').count()).toBe(0);
    expect(await page.getByTestId('citing-episode').count()).toBe(1);
    await fitsAndPasses(page, width);
    await shot(page, `paper-unfetched-${size}`);
    await page.close();
  });

  it('wraps a long unbroken title, link, alias, byline, abstract and note without sideways scrolling', async () => {
    const page = await openPaper(size, LONG.id);
    expect(await page.getByTestId('paper-abstract').textContent()).toContain(LONG_ABSTRACT);
    expect(await page.getByTestId('paper-byline').textContent()).toContain(`Author${UNBROKEN}`);
    expect(await page.locator('.aliases li').allTextContents()).toContain(
      `${LONG_URL}?version=${UNBROKEN}`,
    );
    await fitsAndPasses(page, width);
    await shot(page, `paper-long-${size}`);
    await page.close();
  });
});

describe('the paper page while enrichment is on but the providers are unreachable', () => {
  let offline: Stack;
  beforeAll(async () => {
    const deadPort = await freePort();
    offline = await startStack({
      ENRICH: 'true',
      SEMANTIC_SCHOLAR_API_URL: `http://127.0.0.1:${deadPort}/graph/v1`,
      ARXIV_API_URL: `http://127.0.0.1:${deadPort}/api/query`,
    });
    // The first run fails once the provider client has used up its retries.
    const failed = async () =>
      (
        await apiQuery<{ enrichment: { failed: number } }>(
          offline.apiUrl,
          '{ enrichment { failed } }',
        )
      ).enrichment.failed;
    const deadline = Date.now() + 60_000;
    while ((await failed()) === 0) {
      if (Date.now() > deadline) throw new Error('enrichment did not fail within 60 s');
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }, 180_000);
  afterAll(() => offline?.close());

  it.each(SIZES)(
    '%s: says metadata is not fetched yet and why the last attempt failed',
    async (size, width) => {
      const page = await openPaper(size, SCHEMING, offline);
      const status = page.getByTestId('metadata-status');
      expect(await status.getAttribute('data-status')).toBe('PENDING');
      expect(await status.textContent()).toMatch(
        /not fetched yet[\s\S]*The last attempt failed and is retried later: Semantic Scholar/,
      );
      await fitsAndPasses(page, width);
      await shot(page, `paper-pending-${size}`);
      await page.close();
    },
  );
});

it('threw no page errors', () => {
  expect(pageErrors).toEqual([]);
});
