// Paging the metadata filters in the stores (pagePaperMetadata, listEpisodes' sourcePaper) on every
// store: pages of any size join into the whole list, with no repeat and no skip, in the list's order,
// and the total is the number of matches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { MetadataEntry } from '../../server/src/domain/metadata.ts';
import type { EpisodeRecord } from '../../server/src/domain/model.ts';
import { newestFirst } from '../../server/src/domain/newestFirst.ts';
import type { MetadataFilter } from '../../server/src/store/metadataStore.ts';
import type { GraphStore, Page } from '../../server/src/store/store.ts';
import { generateCorpus } from '../helpers/batchBuilder.ts';
import { storeFactories } from '../helpers/stores.ts';

const corpus = generateCorpus({ seed: 21, episodes: 24, papers: 16, recommendationsPerEpisode: 3 });
const paperIds = corpus.papers.map((paper) => paper.id).sort();

/** Every third paper has Ada Lovelace among its authors, every other one is cs.LG; some mention rewards. */
const lovelace = (i: number) => i % 3 === 0;
const learning = (i: number) => i % 2 === 0;
const rewards = (i: number) => i % 5 < 2;
const entries: MetadataEntry[] = paperIds.map((paperId, i) => ({
  paperId,
  fetchedAt: '2026-07-01T00:00:00.000Z',
  metadata: {
    title: `Paper number ${i}`,
    authors: [{ name: lovelace(i) ? 'Ada Lovelace' : 'Charles Babbage' }, { name: `Author ${i}` }],
    year: 2026,
    venue: null,
    abstract: rewards(i) ? 'Shaping rewards for reasoning.' : 'Engines of difference.',
    topics: learning(i) ? ['cs.LG'] : ['math.CO'],
    arxivId: null,
    doi: null,
    publishedAt: null,
  },
  references: [],
}));

const matches = (filter: MetadataFilter) => (paperId: string) => {
  const i = paperIds.indexOf(paperId);
  return (
    (filter.author === undefined || lovelace(i)) &&
    (filter.topic === undefined || learning(i)) &&
    (filter.text === undefined || rewards(i))
  );
};

const FILTERS: MetadataFilter[] = [
  { author: 'lovelace' },
  { topic: 'CS.LG' },
  { author: 'LOVELACE', topic: 'cs.lg' },
  { topic: 'cs.LG', text: 'rewards' },
];
const PAGE_SIZES = [1, 2, 5, 100];

/** Every page of `size` from the start, joined, with the totals each page reported. */
async function allPages<T>(
  size: number,
  page: (offset: number, limit: number) => Promise<Page<T>>,
): Promise<{ items: T[]; totals: Set<number> }> {
  const items: T[] = [];
  const totals = new Set<number>();
  for (let offset = 0; ; offset += size) {
    const next = await page(offset, size);
    totals.add(next.totalCount);
    items.push(...next.items);
    if (next.items.length < size) return { items, totals };
  }
}

for (const factory of storeFactories()) {
  describe.skipIf(factory.skipReason !== undefined)(
    `${factory.name} store: metadata paging`,
    () => {
      let store: GraphStore;
      let episodes: EpisodeRecord[];

      beforeAll(async () => {
        store = await factory.create();
        await store.importBatch(corpus);
        await store.saveMetadata(entries);
        episodes = (await store.listEpisodes({ offset: 0, limit: 1_000 })).items;
      });
      afterAll(async () => {
        await store.close();
        await factory.cleanup();
      });

      it.each(FILTERS)(
        'papers matching %j: every page size joins into the whole list',
        async (filter) => {
          for (const minCitations of [0, 2]) {
            const papers = (await store.papersByIds(paperIds)).filter(
              (paper) => paper !== null && paper.citationCount >= minCitations,
            );
            const expected = papers
              .filter((paper) => matches(filter)(paper!.id))
              .sort((a, b) => b!.citationCount - a!.citationCount || (a!.id < b!.id ? -1 : 1))
              .map((paper) => paper!.id);
            expect(expected.length).toBeGreaterThan(1);
            for (const size of PAGE_SIZES) {
              const { items, totals } = await allPages(size, (offset, limit) =>
                store.pagePaperMetadata({ ...filter, minCitations, offset, limit }),
              );
              const ids = items.map((hit) => hit.paperId);
              expect(new Set(ids).size).toBe(ids.length);
              if (filter.text === undefined) expect(ids).toEqual(expected);
              else expect([...ids].sort()).toEqual([...expected].sort());
              expect(totals).toEqual(new Set([expected.length]));
            }
          }
        },
      );

      it.each(FILTERS)(
        'episodes whose source matches %j: newest first, page by page',
        async (filter) => {
          const expected = episodes
            .filter((episode) => matches(filter)(episode.sourcePaperId!))
            .sort(newestFirst)
            .map((episode) => episode.id);
          expect(expected.length).toBeGreaterThan(1);
          for (const size of PAGE_SIZES) {
            const { items, totals } = await allPages(size, (offset, limit) =>
              store.listEpisodes({ offset, limit, sourcePaper: filter }),
            );
            expect(items.map((episode) => episode.id)).toEqual(expected);
            expect(totals).toEqual(new Set([expected.length]));
          }
        },
      );

      it('a page past the end is empty and still counts the matches', async () => {
        const papers = await store.pagePaperMetadata({ author: 'lovelace', offset: 500, limit: 5 });
        expect(papers.items).toEqual([]);
        expect(papers.totalCount).toBeGreaterThan(0);
        const sourced = await store.listEpisodes({
          offset: 500,
          limit: 5,
          sourcePaper: { topic: 'cs.lg' },
        });
        expect(sourced.items).toEqual([]);
        expect(sourced.totalCount).toBeGreaterThan(0);
        expect(
          await store.pagePaperMetadata({ author: 'nobody at all', offset: 0, limit: 5 }),
        ).toEqual({ items: [], totalCount: 0 });
      });
    },
  );
}
