// An episode page tells why another episode is related in words, not scores, at desktop and phone
// size: two episodes whose source papers both cite the same work (and share nothing else) show the
// "both source papers cite …" reason with that work linked; axe clean.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { episodeIdFor } from '../../server/src/domain/episodeId.ts';
import type { PaperMetadata } from '../../server/src/domain/metadata.ts';
import { paperHref } from '../../web/src/lib/links.ts';
import { seriousAxeViolations, shot } from './browser.ts';
import { type PreparedStack, startPreparedStack } from './preparedStack.ts';
import type { Stack } from './stack.ts';

const FIRST_SOURCE = 'arxiv:2601.00011';
const SECOND_SOURCE = 'arxiv:2601.00022';
/** Cited by both source papers' reference lists; no episode cites it. */
const SHARED_WORK = 'arxiv:1706.03762';
const SHARED_TITLE = 'Attention Is All You Need';
const FIRST = episodeIdFor(FIRST_SOURCE);
const SECOND = episodeIdFor(SECOND_SOURCE);

const metadata = (title: string): PaperMetadata => ({
  title,
  authors: [{ name: 'A. Author' }],
  year: 2026,
  venue: null,
  abstract: null,
  topics: [],
  arxivId: null,
  doi: null,
  publishedAt: null,
});

const arxivPaper = (id: string, title: string) => {
  const number = id.slice('arxiv:'.length);
  const url = `https://arxiv.org/abs/${number}`;
  return { id, title, url, arxivId: number, doi: null, aliases: [url] };
};

const episode = (id: string, title: string, sourcePaperId: string) => ({
  id,
  title,
  publishedAt: '2026-01-15',
  paperPublishedAt: null,
  durationMinutes: 20,
  summary: null,
  takeaways: [],
  chapters: [],
  sourcePaperId,
  recommendations: [],
});

let prepared: PreparedStack;
let stack: Stack;

beforeAll(async () => {
  const shared = {
    id: SHARED_WORK,
    title: SHARED_TITLE,
    url: 'https://arxiv.org/abs/1706.03762',
    arxivId: '1706.03762',
    doi: null,
  };
  prepared = await startPreparedStack('reasons', async (store) => {
    await store.importBatch({
      episodes: [
        episode(FIRST, 'Sparse routers for long documents', FIRST_SOURCE),
        episode(SECOND, 'Calibrating reward models', SECOND_SOURCE),
      ],
      papers: [
        arxivPaper(FIRST_SOURCE, 'Sparse Routers'),
        arxivPaper(SECOND_SOURCE, 'Reward Calibration'),
      ],
    });
    await store.saveMetadata([
      {
        paperId: FIRST_SOURCE,
        fetchedAt: '2026-01-16T00:00:00.000Z',
        metadata: metadata('Sparse Routers'),
        references: [shared],
      },
      {
        paperId: SECOND_SOURCE,
        fetchedAt: '2026-01-16T00:00:00.000Z',
        metadata: metadata('Reward Calibration'),
        references: [shared],
      },
    ]);
  });
  stack = prepared.stack;
}, 180_000);

afterAll(async () => {
  await prepared?.close();
});

describe.each(['desktop', 'phone'] as const)('relation reasons on an episode page (%s)', (size) => {
  let page: Page;

  beforeAll(async () => {
    page = await prepared.viewports[size].newPage();
  });

  afterAll(async () => {
    await page?.close();
  });

  it('says both source papers cite the shared work, linked, and shows no score', async () => {
    const response = await page.goto(`${stack.baseUrl}/episode/${FIRST}`);
    expect(response?.status()).toBe(200);
    const related = page.getByTestId('related-episode');
    expect(await related.count()).toBe(1);
    expect(await related.getByRole('link', { name: 'Calibrating reward models' }).count()).toBe(1);
    const reasons = related.getByTestId('relation-reason');
    expect(await reasons.count()).toBe(1);
    expect(await reasons.getAttribute('data-kind')).toBe('SHARED_REFERENCE');
    expect((await reasons.textContent())!.replace(/\s+/g, ' ').trim()).toBe(
      `Both source papers cite ${SHARED_TITLE}`,
    );
    const link = reasons.getByTestId('linking-paper');
    expect(await link.getAttribute('href')).toBe(paperHref(SHARED_WORK));
    const text = (await related.textContent()) ?? '';
    expect(text).not.toMatch(/score/i);
    expect(text).not.toMatch(/\d\.\d/);
    await shot(page, `episode-reasons-${size}`);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});
