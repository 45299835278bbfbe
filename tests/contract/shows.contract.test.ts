// Shows on every store: an import's shows are stored and read back (by id, listed by title), each
// episode keeps the first show it was stored with, a show's fields follow the newest import, showId is
// no part of an episode's content (re-imports stay unchanged), and the show filter of listEpisodes,
// listPapers, search and graph keeps to one show's episodes and the papers they cite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { episodeIdFor } from '../../server/src/domain/episodeId.ts';
import type { EpisodeRecord, ShowRecord } from '../../server/src/domain/model.ts';
import { showIdFor } from '../../server/src/domain/show.ts';
import { InvalidImportBatchError } from '../../server/src/store/shared/validateBatch.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { storeFactories } from '../helpers/stores.ts';

const show = (title: string, link: string): ShowRecord => ({
  id: showIdFor({ fetchedFrom: null, link, title }),
  title,
  link,
  imageUrl: `${link}/cover.jpg`,
  author: `${title} hosts`,
  feedUrl: `${link}/feed.xml`,
});
const zeta = show('Zeta Papers', 'https://zeta.example.org');
const alpha = show('Alpha Talks', 'https://alpha.example.org');

const dpo = arxivPaper('2305.18290', 'Direct Preference Optimization');
const ppo = arxivPaper('1707.06347', 'Proximal Policy Optimization Algorithms');
const lora = arxivPaper('2106.09685', 'LoRA: Low-Rank Adaptation');
const kto = arxivPaper('2402.01306', 'KTO');

const inShow = (record: EpisodeRecord, showId: string): EpisodeRecord => ({ ...record, showId });
const zetaDpo = inShow(
  episode({ title: 'DPO explained', source: dpo, recommends: [ppo], publishedAt: '2026-03-01' }),
  zeta.id,
);
const zetaLora = inShow(
  episode({ title: 'Low-rank adapters', source: lora, publishedAt: '2026-02-01' }),
  zeta.id,
);
const alphaTalk = inShow(
  {
    id: episodeIdFor('episode:guid:alpha-1'),
    title: 'Alpha 1 — preference optimisation, again',
    publishedAt: '2026-02-15',
    paperPublishedAt: null,
    durationMinutes: 40,
    summary: 'We talk about DPO and KTO.',
    takeaways: [],
    chapters: [],
    sourcePaperId: null,
    recommendations: [],
    mentions: [
      { paperId: dpo.id, note: 'DPO, the paper.' },
      { paperId: kto.id, note: 'KTO, its follow-up.' },
    ],
    guid: 'alpha-1',
  },
  alpha.id,
);
const batch = {
  ...batchOf([zetaDpo, zetaLora, alphaTalk], [dpo, ppo, lora, kto]),
  shows: [zeta, alpha],
};

for (const factory of storeFactories()) {
  describe.skipIf(factory.skipReason !== undefined)(`${factory.name} store: shows`, () => {
    let store: GraphStore;

    beforeAll(async () => {
      store = await factory.create();
      expect((await store.importBatch(batch)).added).toHaveLength(3);
    }, 120_000);
    afterAll(async () => {
      await store.close();
      await factory.cleanup();
    });

    it('reads shows back by id and lists them by title, with their episode counts', async () => {
      expect(await store.showsByIds([zeta.id, 'show_000000000000', alpha.id])).toEqual([
        { ...zeta, episodeCount: 2 },
        null,
        { ...alpha, episodeCount: 1 },
      ]);
      expect(await store.listShows({ offset: 0, limit: 10 })).toEqual({
        items: [
          { ...alpha, episodeCount: 1 },
          { ...zeta, episodeCount: 2 },
        ],
        totalCount: 2,
      });
      expect(await store.listShows({ offset: 1, limit: 1 })).toEqual({
        items: [{ ...zeta, episodeCount: 2 }],
        totalCount: 2,
      });
    });

    it('reads each episode with its show, and exports the shows', async () => {
      const episodes = await store.episodesByIds([zetaDpo.id, alphaTalk.id]);
      expect(episodes.map((e) => e?.showId)).toEqual([zeta.id, alpha.id]);
      const exported = await store.exportBatch();
      expect([...(exported.shows ?? [])].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
        [zeta, alpha].sort((a, b) => a.id.localeCompare(b.id)),
      );
    });

    it('keeps an episode’s first show and the ids, and takes a show’s newest fields', async () => {
      const renamed = { ...zeta, title: 'Zeta Papers (renamed)' };
      const other = show('Other Show', 'https://other.example.org');
      const again = await store.importBatch({
        ...batch,
        episodes: batch.episodes.map((e) => (e.id === zetaLora.id ? inShow(e, other.id) : e)),
        shows: [renamed, alpha, other],
      });
      expect(again).toEqual({ added: [], updated: [], unchanged: expect.any(Array) });
      expect(again.unchanged).toHaveLength(3);
      const [lora] = await store.episodesByIds([zetaLora.id]);
      expect(lora?.showId).toBe(zeta.id);
      expect(await store.showsByIds([zeta.id, other.id])).toEqual([
        { ...renamed, episodeCount: 2 },
        { ...other, episodeCount: 0 },
      ]);
      await store.importBatch({ episodes: [], papers: [], shows: [zeta] });
      expect((await store.showsByIds([zeta.id]))[0]?.title).toBe(zeta.title);
    });

    it('refuses an episode whose show is not in the batch', async () => {
      await expect(
        store.importBatch({ ...batchOf([zetaDpo], [dpo, ppo]), shows: [alpha] }),
      ).rejects.toBeInstanceOf(InvalidImportBatchError);
    });

    it('lists one show’s episodes newest first, by offset, keyset and from the end', async () => {
      const page = await store.listEpisodes({ offset: 0, limit: 10, show: zeta.id });
      expect(page.totalCount).toBe(2);
      expect(page.items.map((e) => e.id)).toEqual([zetaDpo.id, zetaLora.id]);
      const second = await store.listEpisodes({ offset: 1, limit: 10, show: zeta.id });
      expect(second.items.map((e) => e.id)).toEqual([zetaLora.id]);
      const after = await store.listEpisodes({
        offset: 0,
        limit: 10,
        show: zeta.id,
        keyset: { after: { publishedAt: zetaDpo.publishedAt, id: zetaDpo.id } },
      });
      expect(after).toMatchObject({ totalCount: 2 });
      expect(after.items.map((e) => e.id)).toEqual([zetaLora.id]);
      const last = await store.listEpisodes({
        offset: 0,
        limit: 1,
        show: zeta.id,
        keyset: { fromEnd: true },
      });
      expect(last.items.map((e) => e.id)).toEqual([zetaLora.id]);
      const searched = await store.listEpisodes({
        offset: 0,
        limit: 10,
        show: alpha.id,
        search: 'preference',
      });
      expect(searched.items.map((e) => e.id)).toEqual([alphaTalk.id]);
      expect(
        (await store.listEpisodes({ offset: 0, limit: 10, show: zeta.id, search: 'preference' }))
          .items,
      ).toEqual([]);
    });

    it('lists the papers one show’s episodes cite, with their counts over every show', async () => {
      const page = await store.listPapers({ offset: 0, limit: 10, show: alpha.id });
      expect(page.totalCount).toBe(2);
      expect(page.items.map((p) => [p.id, p.citationCount])).toEqual([
        [dpo.id, 2],
        [kto.id, 1],
      ]);
      const after = await store.listPapers({
        offset: 0,
        limit: 10,
        show: alpha.id,
        keyset: { after: { citationCount: 2, id: dpo.id } },
      });
      expect(after.items.map((p) => p.id)).toEqual([kto.id]);
      const fromEnd = await store.listPapers({
        offset: 0,
        limit: 1,
        show: zeta.id,
        keyset: { fromEnd: true },
      });
      // Zeta cites DPO (2 citers), then PPO and LoRA (1 each, by id): the last is LoRA.
      expect(fromEnd.items.map((p) => p.id)).toEqual([lora.id]);
      const cited = await store.listPapers({
        offset: 0,
        limit: 10,
        show: zeta.id,
        minCitations: 2,
      });
      expect(cited.items.map((p) => p.id)).toEqual([dpo.id]);
      expect(cited.totalCount).toBe(1);
      const searched = await store.listPapers({
        offset: 0,
        limit: 10,
        show: zeta.id,
        search: 'optimization',
      });
      expect(searched.items.map((p) => p.id).sort()).toEqual([dpo.id, ppo.id].sort());
    });

    it('searches within one show', async () => {
      const hits = await store.search('optimization', 10, alpha.id);
      expect(hits.map((h) => h.id)).toContain(dpo.id);
      expect(hits.map((h) => h.id)).not.toContain(ppo.id);
      const episodes = await store.search('preference', 10, zeta.id);
      expect(episodes.filter((h) => h.kind === 'EPISODE').map((h) => h.id)).not.toContain(
        alphaTalk.id,
      );
    });

    it('draws one show: its episodes and the papers they cite', async () => {
      const drawn = await store.graph({ depth: 1, limit: 50, minCitations: 1, show: alpha.id });
      expect(drawn.nodes.map((n) => n.id).sort()).toEqual([alphaTalk.id, dpo.id, kto.id].sort());
      expect(drawn.truncated).toBe(false);
      const cut = await store.graph({ depth: 1, limit: 2, minCitations: 1, show: zeta.id });
      expect(cut.nodes.map((n) => n.id)).toEqual([zetaDpo.id, dpo.id]);
      expect(cut.truncated).toBe(true);
    });
  });
}
