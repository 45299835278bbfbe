// The second a transcript first discusses a cited paper (`discussedAt`) on every store: kept on each
// reading and mention that has one, absent on those without, read back by episode, by paper and in
// the export; a re-import with the same times is unchanged, one with other times updates.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { episodeIdFor } from '../../server/src/domain/episodeId.ts';
import type { EpisodeRecord } from '../../server/src/domain/model.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { storeFactories } from '../helpers/stores.ts';

const dpo = arxivPaper('2305.18290', 'Direct Preference Optimization');
const ppo = arxivPaper('1707.06347', 'Proximal Policy Optimization Algorithms');
const kto = arxivPaper('2402.01306', null);

const aiPapers: EpisodeRecord = {
  ...episode({ title: 'DPO, the paper', source: dpo }),
  recommendations: [{ paperId: ppo.id, note: 'The baseline.', discussedAt: 754 }],
};
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
    { paperId: dpo.id, note: 'We read DPO.', discussedAt: 4 },
    { paperId: kto.id, note: 'KTO on Hugging Face.' },
  ],
  guid: 'gdf-41',
};
const batch = batchOf([aiPapers, showNotes], [dpo, ppo, kto]);

for (const factory of storeFactories()) {
  describe.skipIf(factory.skipReason !== undefined)(`${factory.name} store: discussedAt`, () => {
    let store: GraphStore;

    beforeAll(async () => {
      store = await factory.create();
      expect((await store.importBatch(batch)).added).toHaveLength(2);
    });
    afterAll(async () => {
      await store.close();
      await factory.cleanup();
    });

    it('reads each citation back with its second, and none where there is none', async () => {
      expect(await store.episodesByIds([aiPapers.id, showNotes.id])).toEqual([aiPapers, showNotes]);
      const [ofDpo, ofPpo, ofKto] = await store.citationsByPaperIds([dpo.id, ppo.id, kto.id], 10);
      expect(ofDpo?.map((c) => [c.episodeId, c.kind, c.discussedAt])).toEqual([
        [aiPapers.id, 'SOURCE', undefined],
        [showNotes.id, 'MENTIONS', 4],
      ]);
      expect(ofPpo?.map((c) => [c.kind, c.discussedAt])).toEqual([['RECOMMENDED', 754]]);
      expect(ofKto?.[0]).not.toHaveProperty('discussedAt');
      const exported = await store.exportBatch();
      expect(exported.episodes.find((e) => e.id === showNotes.id)?.mentions).toEqual(
        showNotes.mentions,
      );
    });

    it('is unchanged by the same times and updated by other ones', async () => {
      expect((await store.importBatch(batch)).unchanged).toHaveLength(2);
      const later: EpisodeRecord = {
        ...showNotes,
        mentions: [
          { paperId: dpo.id, note: 'We read DPO.', discussedAt: 5 },
          { paperId: kto.id, note: 'KTO on Hugging Face.', discussedAt: 62 },
        ],
      };
      const result = await store.importBatch(batchOf([aiPapers, later], [dpo, ppo, kto]));
      expect(result).toEqual({ added: [], updated: [showNotes.id], unchanged: [aiPapers.id] });
      const [ofKto] = await store.citationsByPaperIds([kto.id], 10);
      expect(ofKto?.map((c) => c.discussedAt)).toEqual([62]);
      expect(await store.episodesByIds([showNotes.id])).toEqual([later]);
    });
  });
}
