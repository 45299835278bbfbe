// Keyset paging of listEpisodes / listPapers (store.ts: Keyset) on every store: walking the list in
// pages forwards and backwards yields exactly the offset order, windows between two keys hold what
// lies between them, and a page read after an import continues right behind its key.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { EpisodeRecord, PaperView } from '../../server/src/domain/model.ts';
import type {
  EpisodeSortKey,
  GraphStore,
  Keyset,
  PaperSortKey,
} from '../../server/src/store/store.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { storeFactories } from '../helpers/stores.ts';

// Ties on the date, undated episodes, and papers with equal counts, so the id tie-breaks are exercised.
const shared = [
  arxivPaper('2401.00001', 'Shared by four'),
  arxivPaper('2401.00002', 'Shared by two'),
];
const dates = [
  '2025-03-01',
  '2025-03-01',
  '2025-02-01',
  null,
  '2025-04-01',
  null,
  '2025-03-01',
  '2025-01-15',
];
const sources = dates.map((_, i) =>
  arxivPaper(`2402.${String(i + 1).padStart(5, '0')}`, `Source ${i}`),
);
const episodes = dates.map((publishedAt, i) =>
  episode({
    title: `Episode ${i}`,
    source: sources[i]!,
    publishedAt,
    recommends: i % 2 === 0 ? [shared[0]!] : i < 4 ? [shared[1]!] : [],
  }),
);
const batch = batchOf(episodes, [...shared, ...sources]);

const episodeKey = (e: EpisodeRecord): EpisodeSortKey => ({ publishedAt: e.publishedAt, id: e.id });
const paperKey = (p: PaperView): PaperSortKey => ({ citationCount: p.citationCount, id: p.id });
const idsOf = (items: { id: string }[]) => items.map((item) => item.id);

for (const factory of storeFactories()) {
  const title = factory.skipReason
    ? `${factory.name} store (skipped: ${factory.skipReason})`
    : `${factory.name} store`;

  describe.skipIf(factory.skipReason !== undefined)(`keyset pages: ${title}`, () => {
    let store: GraphStore;
    beforeEach(async () => {
      store = await factory.create();
      await store.importBatch(batch);
    });
    afterEach(async () => {
      await store.close();
      await factory.cleanup();
    });

    const allEpisodes = async () => (await store.listEpisodes({ offset: 0, limit: 100 })).items;
    const allPapers = async (minCitations = 0) =>
      (await store.listPapers({ offset: 0, limit: 100, minCitations })).items;
    const episodePage = (keyset: Keyset<EpisodeSortKey>, limit: number) =>
      store.listEpisodes({ offset: 0, limit, keyset });
    const paperPage = (keyset: Keyset<PaperSortKey>, limit: number, minCitations = 0) =>
      store.listPapers({ offset: 0, limit, minCitations, keyset });

    it('walks the episodes forwards and backwards in pages of 3, in exactly the offset order', async () => {
      const expected = await allEpisodes();
      expect(expected).toHaveLength(8);
      const forwards: EpisodeRecord[] = [];
      for (let after: EpisodeSortKey | undefined; ;) {
        const page = await episodePage({ after }, 3);
        expect(page.totalCount).toBe(8);
        if (page.items.length === 0) break;
        forwards.push(...page.items);
        after = episodeKey(page.items.at(-1)!);
      }
      expect(forwards).toEqual(expected);

      const backwards: EpisodeRecord[] = [];
      for (let before: EpisodeSortKey | undefined; ;) {
        const page = await episodePage({ before, fromEnd: true }, 3);
        if (page.items.length === 0) break;
        backwards.unshift(...page.items);
        before = episodeKey(page.items[0]!);
      }
      expect(idsOf(backwards)).toEqual(idsOf(expected));
    });

    it('holds what lies between two episode keys: first or last of the window', async () => {
      const all = await allEpisodes();
      const window = { after: episodeKey(all[1]!), before: episodeKey(all[6]!) };
      expect(idsOf((await episodePage(window, 10)).items)).toEqual(idsOf(all.slice(2, 6)));
      expect(idsOf((await episodePage(window, 2)).items)).toEqual(idsOf(all.slice(2, 4)));
      expect(idsOf((await episodePage({ ...window, fromEnd: true }, 2)).items)).toEqual(
        idsOf(all.slice(4, 6)),
      );
      // An undated key (they sort last) bounds the window too.
      const undated = all.findIndex((e) => e.publishedAt === null);
      expect(
        idsOf((await episodePage({ before: episodeKey(all[undated]!), fromEnd: true }, 100)).items),
      ).toEqual(idsOf(all.slice(0, undated)));
      expect(idsOf((await episodePage({ after: episodeKey(all[undated]!) }, 100)).items)).toEqual(
        idsOf(all.slice(undated + 1)),
      );
    });

    it('walks the papers in pages, with minCitations, both ways', async () => {
      for (const minCitations of [0, 2]) {
        const expected = await allPapers(minCitations);
        const forwards: PaperView[] = [];
        for (let after: PaperSortKey | undefined; ;) {
          const page = await paperPage({ after }, 4, minCitations);
          expect(page.totalCount).toBe(expected.length);
          if (page.items.length === 0) break;
          forwards.push(...page.items);
          after = paperKey(page.items.at(-1)!);
        }
        expect(forwards).toEqual(expected);
        const last = await paperPage({ fromEnd: true }, 3, minCitations);
        expect(idsOf(last.items)).toEqual(idsOf(expected.slice(-3)));
      }
      const all = await allPapers();
      expect(all[0]!.citationCount).toBe(4);
      const between = await paperPage({ after: paperKey(all[0]!), before: paperKey(all[5]!) }, 10);
      expect(idsOf(between.items)).toEqual(idsOf(all.slice(1, 5)));
    });

    it('continues right behind the key after an import added items before it and removed none', async () => {
      const first = await episodePage({}, 3);
      const papersFirst = await paperPage({}, 3);
      const newest = arxivPaper('2403.00001', 'Newest');
      // Sorts first among episodes, and cites the most-cited paper once more.
      await store.importBatch(
        batchOf(
          [
            episode({
              title: 'Brand new',
              source: newest,
              publishedAt: '2026-01-01',
              recommends: [shared[0]!],
            }),
          ],
          [newest, shared[0]!],
        ),
      );
      const all = await allEpisodes();
      expect(all[0]!.title).toBe('Brand new');
      const second = await episodePage({ after: episodeKey(first.items.at(-1)!) }, 3);
      const at = all.findIndex((e) => e.id === first.items.at(-1)!.id);
      expect(idsOf(second.items)).toEqual(idsOf(all.slice(at + 1, at + 4)));
      expect(second.totalCount).toBe(9);

      // Paper counts moved (the shared paper gained a citation): the page still starts right behind its key.
      const papers = await allPapers();
      const key = paperKey(papersFirst.items.at(-1)!);
      const behind = papers.filter(
        (p) =>
          p.citationCount < key.citationCount ||
          (p.citationCount === key.citationCount && p.id > key.id),
      );
      const papersSecond = await paperPage({ after: key }, 3);
      expect(idsOf(papersSecond.items)).toEqual(idsOf(behind.slice(0, 3)));
      expect(
        idsOf(papersSecond.items).filter((id) => idsOf(papersFirst.items).includes(id)),
      ).toEqual([]);
    });
  });
}
