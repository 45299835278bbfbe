// Topic colour and filter in a real headless Chromium. The suite runs with ENRICH=false, so the seed has
// no topics: the stack opens a DATA_DIR seeded here with paper metadata (topics as arXiv gives them).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { citedPaperIds } from '../../server/src/domain/model.ts';
import { seedIfEmpty } from '../../server/src/seed.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import { NO_TOPIC } from '../../web/src/lib/graph/topics.ts';
import { graphReady, seriousAxeViolations, shot } from './browser.ts';
import { type Stack, startStack } from './stack.ts';
import { openViewports, type Viewports } from './viewports.ts';

const DPO = 'arxiv:2305.18290';
const VERIFY = 'arxiv:2305.20050';

let stack: Stack;
let viewports: Viewports;
let dataDir: string;
/** Topics given to the seed's papers; every third paper gets none. */
const topicsOf = new Map<string, string[]>();
/** Episode → cited papers, as the seed has them. */
const citations = new Map<string, string[]>();
const pageErrors: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'papergraph-e2e-topics-'));
  const store = await createEmbeddedStore({ dataDir });
  await seedIfEmpty(store);
  const { episodes, papers } = await store.exportBatch();
  for (const e of episodes) citations.set(e.id, citedPaperIds(e));
  papers.forEach((paper, i) => {
    const topics =
      paper.id === DPO
        ? ['cs.LG', 'cs.AI']
        : paper.id === VERIFY
          ? ['cs.LG']
          : [[], ['cs.CL'], ['cs.LG', 'stat.ML']][i % 3]!;
    topicsOf.set(paper.id, topics);
  });
  await store.saveMetadata(
    papers.map((paper) => ({
      paperId: paper.id,
      fetchedAt: '2026-07-01T00:00:00.000Z',
      metadata: {
        title: paper.title,
        authors: [],
        year: 2026,
        venue: null,
        abstract: null,
        topics: topicsOf.get(paper.id)!,
        arxivId: paper.arxivId,
        doi: paper.doi,
        publishedAt: null,
      },
      references: [],
    })),
  );
  await store.close();
  viewports = await openViewports();
  stack = await startStack({ DATA_DIR: dataDir });
}, 180_000);

afterAll(async () => {
  await viewports?.close();
  await stack?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function newPage(on: BrowserContext): Promise<Page> {
  const page = await on.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

/** Nodes drawn, with each paper's topic colour index. */
function drawn(
  page: Page,
): Promise<{ id: string; kind: string; topicIndex: number | undefined }[]> {
  return page.evaluate(() => {
    const container = document.querySelector(
      '[data-testid="graph-canvas"] [role="img"]',
    ) as HTMLElement & { _cyreg?: { cy: any } };
    return container
      ._cyreg!.cy.nodes()
      .map((n: any) => ({ id: n.id(), kind: n.data('kind'), topicIndex: n.data('topicIndex') }));
  });
}

describe('topics in the explorer', () => {
  it('desktop: "Colour: by topic" colours papers by topic with a legend; a topic in the legend keeps its papers and their episodes', async () => {
    const page = await newPage(viewports.desktop);
    await page.goto(stack.baseUrl + '/');
    await graphReady(page);
    await page.getByLabel('Colour').selectOption('topic');
    await page.waitForURL((u) => u.searchParams.get('colour') === 'topic');
    await page.getByTestId('topic-legend').waitFor();
    await page.waitForFunction(
      () =>
        Number(
          document.querySelector<HTMLElement>('[data-testid="graph-canvas"]')?.dataset[
            'layoutsDone'
          ],
        ) > 0,
    );

    const legend = await page
      .locator('[data-testid="topic-legend"] li[data-topic]')
      .evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset['topic']));
    // Every seed paper is in the home view: the legend lists their topics, most papers first.
    const counts = new Map<string, number>();
    for (const topics of topicsOf.values())
      for (const t of topics) counts.set(t, (counts.get(t) ?? 0) + 1);
    expect(legend).toEqual(
      [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t]) => t),
    );
    await page.waitForFunction(() => {
      const container = document.querySelector(
        '[data-testid="graph-canvas"] [role="img"]',
      ) as HTMLElement & { _cyreg?: { cy: any } };
      return container?._cyreg?.cy.nodes('[topicIndex]').length > 0;
    });
    const papers = (await drawn(page)).filter((n) => n.kind === 'paper');
    for (const paper of papers) {
      const own = topicsOf.get(paper.id)!;
      // The colour is the legend's first topic the paper has; no topic at all is its own colour.
      const expected = own.length === 0 ? NO_TOPIC : Math.min(...own.map((t) => legend.indexOf(t)));
      expect(paper.topicIndex, paper.id).toBe(expected);
    }
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, 'topic-colours');

    await page.locator('[data-testid="topic-legend"] li[data-topic="cs.AI"] a').click();
    await page.waitForURL((u) => u.searchParams.get('topic') === 'cs.AI');
    const onTopic = [...topicsOf]
      .filter(([, topics]) => topics.includes('cs.AI'))
      .map(([id]) => id);
    const citing = [...citations]
      .filter(([, cited]) => cited.some((id) => onTopic.includes(id)))
      .map(([id]) => id);
    await page.waitForFunction(
      (n) =>
        Number(
          document.querySelector<HTMLElement>('[data-testid="graph-canvas"]')?.dataset[
            'renderedNodes'
          ],
        ) === n,
      onTopic.length + citing.length,
    );
    expect((await drawn(page)).map((n) => n.id).sort()).toEqual([...onTopic, ...citing].sort());
    expect(await page.locator('[data-testid="paper-table"] tr[data-node-id]').count()).toBe(
      onTopic.length,
    );
    await shot(page, 'topic-filter');

    await page.getByRole('link', { name: 'All topics' }).click();
    await page.waitForURL((u) => !u.searchParams.has('topic'));
    await page.close();
  });

  it('phone: a shared topic link shows the filtered view without sideways scrolling', async () => {
    const page = await newPage(viewports.phone);
    await page.goto(`${stack.baseUrl}/?colour=topic&topic=cs.LG`);
    await graphReady(page);
    await page.getByTestId('topic-legend').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
    const shown = (await drawn(page)).filter((n) => n.kind === 'paper').map((n) => n.id);
    expect(shown.length).toBeGreaterThan(0);
    for (const id of shown) expect(topicsOf.get(id), id).toContain('cs.LG');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, 'phone-topic-filter');
    await page.close();
  });

  it('threw no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
