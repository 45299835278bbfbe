// The JSON export carries transcripts on every store: an episode with one exports its lines (times
// and text, in order), one without exports none; the export read back as a feed file and imported
// into an empty store gives the same export again, with the transcript searchable there, and
// imported into the store it came from changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EpisodeRecord, ImportBatch, ShowRecord } from '../../server/src/domain/model.ts';
import type { TranscriptLine } from '../../server/src/domain/transcript.ts';
import { importFeedContent } from '../../server/src/import/pipeline.ts';
import { toJsonExport } from '../../server/src/import/readers/json.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { storeFactories } from '../helpers/stores.ts';

/** A store's first import also builds its schema: slow on a busy Neo4j. */
const SETUP_TIMEOUT_MS = 180_000;

const dpo = arxivPaper('2305.18290', 'Direct Preference Optimization');
const ppo = arxivPaper('1707.06347', 'Proximal Policy Optimization Algorithms');
const grpo = arxivPaper('2402.03300', 'DeepSeekMath');

const show: ShowRecord = {
  id: 'show_0123456789ab',
  title: 'Gradient Descent Fridays',
  link: 'https://gdf.example.org/',
  imageUrl: null,
  author: null,
  feedUrl: null,
};

/** Enough lines for several stored passages, an untimed line, and one a search lands on. */
const transcript: TranscriptLine[] = [
  ...Array.from({ length: 120 }, (_, i) => ({
    start: i * 5,
    text: `Line ${i}: how preference data turns into a policy without a reward model.`,
  })),
  { start: null, text: 'An untimed aside about the pangolin benchmark.' },
  { start: 640, text: 'The pangolin ablation is where PPO falls behind.' },
];

const transcribed: EpisodeRecord = {
  ...episode({ title: 'Preference tuning, transcribed', source: dpo }),
  recommendations: [{ paperId: ppo.id, note: 'The baseline.', discussedAt: 640 }],
  showId: show.id,
  transcript,
};
const untranscribed: EpisodeRecord = {
  ...episode({ title: 'Group relative policy optimization', source: grpo }),
  showId: show.id,
};
const batch: ImportBatch = {
  ...batchOf([transcribed, untranscribed], [dpo, ppo, grpo]),
  shows: [show],
};

const byId = (exported: ImportBatch) => new Map(exported.episodes.map((e) => [e.id, e]));

for (const factory of storeFactories()) {
  describe.skipIf(factory.skipReason !== undefined)(
    `${factory.name} store: transcripts in the export`,
    () => {
      let store: GraphStore;
      let exported: ImportBatch;

      beforeAll(async () => {
        store = await factory.create();
        expect((await store.importBatch(batch)).added).toHaveLength(2);
        exported = await store.exportBatch();
      }, SETUP_TIMEOUT_MS);
      afterAll(async () => {
        await store.close();
        await factory.cleanup();
      });

      it('exports the transcript of the episode that has one, and none for the other', () => {
        const episodes = byId(exported);
        expect(episodes.get(transcribed.id)?.transcript).toEqual(transcript);
        expect(episodes.get(untranscribed.id)).not.toHaveProperty('transcript');
        expect(episodes.get(transcribed.id)?.recommendations).toEqual(transcribed.recommendations);
      });

      it('changes nothing when its own export is imported again', async () => {
        const again = importFeedContent(toJsonExport(exported), { file: 'export.json' });
        const result = await store.importBatch(again);
        expect(result.unchanged.sort()).toEqual([transcribed.id, untranscribed.id].sort());
        expect(result.updated).toEqual([]);
      });

      it(
        'restores the transcript in an empty store from the JSON file',
        async () => {
          const json = toJsonExport(exported);
          await store.close();
          store = await factory.create();
          expect(await store.searchTranscripts('pangolin ablation', 10)).toEqual([]);

          const read = importFeedContent(json, { file: 'export.json' });
          expect((await store.importBatch(read)).added).toHaveLength(2);
          expect(await store.exportBatch()).toEqual(exported);
          const hits = await store.searchTranscripts('pangolin ablation', 10);
          expect(hits.map((hit) => [hit.episodeId, hit.startSeconds])).toEqual([
            [transcribed.id, 640],
          ]);
          expect(hits[0]?.excerpt).toContain('pangolin ablation');
        },
        SETUP_TIMEOUT_MS,
      );
    },
  );
}
