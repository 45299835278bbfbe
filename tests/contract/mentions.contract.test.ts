// Episodes of any podcast on every store: an episode without a source paper, citing the papers its
// notes mention (kind MENTIONS, the sentence as the note), beside an "AI Papers" episode sharing one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { episodeIdFor } from '../../server/src/domain/episodeId.ts';
import type { EpisodeRecord } from '../../server/src/domain/model.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { storeFactories } from '../helpers/stores.ts';

const dpo = arxivPaper('2305.18290', 'Direct Preference Optimization');
const ppo = arxivPaper('1707.06347', 'Proximal Policy Optimization Algorithms');
const kto = arxivPaper('2402.01306', null);

const aiPapers = episode({ title: 'DPO, the paper', source: dpo, recommends: [ppo] });
const DPO_SENTENCE = 'We read DPO (arXiv:2305.18290v2) and ask what RLHF was for.';
const KTO_SENTENCE = 'Hugging Face’s daily papers thread: KTO';
const showNotes: EpisodeRecord = {
  id: episodeIdFor('episode:guid:gdf-41'),
  title: 'Ep. 41 — Preference optimisation without a reward model',
  publishedAt: '2026-06-02',
  paperPublishedAt: null,
  durationMinutes: 52,
  summary: 'This week: Direct Preference Optimization.',
  takeaways: [],
  chapters: [],
  sourcePaperId: null,
  recommendations: [],
  mentions: [
    { paperId: dpo.id, note: DPO_SENTENCE },
    { paperId: kto.id, note: KTO_SENTENCE },
  ],
  guid: 'gdf-41',
};
const noPapers: EpisodeRecord = {
  ...showNotes,
  id: episodeIdFor('episode:guid:gdf-39'),
  title: 'Ep. 39 — Listener mailbag',
  summary: null,
  mentions: [],
  guid: 'gdf-39',
};
const batch = batchOf([aiPapers, showNotes, noPapers], [dpo, ppo, kto]);

for (const factory of storeFactories()) {
  describe.skipIf(factory.skipReason !== undefined)(`${factory.name} store: mentions`, () => {
    let store: GraphStore;

    beforeAll(async () => {
      store = await factory.create();
      expect((await store.importBatch(batch)).added).toHaveLength(3);
    });
    afterAll(async () => {
      await store.close();
      await factory.cleanup();
    });

    it('keeps an episode without a source, its mentions and notes, and one without papers', async () => {
      const [notes, none] = await store.episodesByIds([showNotes.id, noPapers.id]);
      expect(notes).toEqual(showNotes);
      // No mentions reads back as none listed, as the importer writes such an episode.
      const { mentions: _, ...noneWithout } = noPapers;
      expect(none).toEqual(noneWithout);
      expect(await store.episodeSummariesByIds([showNotes.id])).toEqual([
        {
          id: showNotes.id,
          title: showNotes.title,
          publishedAt: '2026-06-02',
          sourcePaperId: null,
        },
      ]);
      expect(await store.stats()).toMatchObject({ episodes: 3, papers: 3, citations: 4 });
    });

    it('lists a mention among the paper’s citations, after its source citation', async () => {
      const [citations] = await store.citationsByPaperIds([dpo.id], 10);
      expect(citations).toEqual([
        { episodeId: aiPapers.id, paperId: dpo.id, kind: 'SOURCE', note: null, position: 0 },
        {
          episodeId: showNotes.id,
          paperId: dpo.id,
          kind: 'MENTIONS',
          note: DPO_SENTENCE,
          position: 1,
        },
      ]);
      const [paper] = await store.papersByIds([dpo.id]);
      expect(paper?.citationCount).toBe(2);
    });

    it('draws mentions as MENTIONS edges, and walks them in paths', async () => {
      const drawn = await store.graph({
        focus: showNotes.id,
        depth: 1,
        limit: 10,
        minCitations: 0,
      });
      expect(drawn.edges).toEqual(
        expect.arrayContaining([
          { source: showNotes.id, target: dpo.id, kind: 'MENTIONS' },
          { source: showNotes.id, target: kto.id, kind: 'MENTIONS' },
        ]),
      );
      const path = await store.path(kto.id, aiPapers.id);
      expect(path?.nodes.map((node) => node.id)).toEqual([
        kto.id,
        showNotes.id,
        dpo.id,
        aiPapers.id,
      ]);
      expect(path?.edges.map((edge) => edge.kind)).toEqual(['MENTIONS', 'MENTIONS', 'SOURCE']);
      const [shortest] = await store.shortestPaths(kto.id, aiPapers.id, 5);
      expect(shortest?.edges.map((edge) => edge.kind)).toEqual(['MENTIONS', 'MENTIONS', 'SOURCE']);
    });

    it('finds a mentioned paper, and the episode mentioning it, by the sentence around the link', async () => {
      const hits = await store.search('daily papers thread', 10);
      // The paper by the note about it, the episode by the notes it wrote.
      expect(hits.map((hit) => hit.id)).toEqual(expect.arrayContaining([kto.id, showNotes.id]));
    });

    it('re-imports unchanged, and an edited mention updates the episode', async () => {
      expect((await store.importBatch(batch)).unchanged).toHaveLength(3);
      const edited = { ...showNotes, mentions: [{ paperId: dpo.id, note: DPO_SENTENCE }] };
      const result = await store.importBatch(batchOf([edited], [dpo, ppo, kto]));
      expect(result.updated).toEqual([showNotes.id]);
      expect((await store.episodesByIds([showNotes.id]))[0]).toEqual(edited);
    });

    it('removes an episode with mentions and the papers only it cited', async () => {
      const removed = await store.removeEpisode(showNotes.id);
      expect(removed?.removedPaperIds).toEqual([]);
      const [paper] = await store.papersByIds([dpo.id]);
      expect(paper?.citationCount).toBe(1);
    });
  });
}
