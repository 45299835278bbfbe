// Transcripts on every store: kept in passages and searched (searchTranscripts) with the line that
// matched and its second; the same transcript again is unchanged, an import that does not know the
// transcript (a file, a fetch that failed) keeps it and the citations' times, one saying there is
// none drops it; a show narrows the search; removing the episode removes its transcript.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { EpisodeRecord, ImportBatch, ShowRecord } from '../../server/src/domain/model.ts';
import type { TranscriptLine } from '../../server/src/domain/transcript.ts';
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
const otherShow: ShowRecord = { ...show, id: 'show_ba9876543210', title: 'Other show' };

/** Two hundred lines of filler (several passages), then the line a search should land on. */
const transcript: TranscriptLine[] = [
  ...Array.from({ length: 200 }, (_, i) => ({
    start: i * 4,
    text: `Line ${i} of the conversation about preference data and reward models.`,
  })),
  { start: 812, text: 'The quokka ablation is where the baseline falls apart.' },
  { start: null, text: 'An untimed closing remark about wombats.' },
];

const timed: EpisodeRecord = {
  ...episode({ title: 'Preference tuning without a reward model', source: dpo }),
  recommendations: [{ paperId: ppo.id, note: 'The baseline.', discussedAt: 754 }],
  showId: show.id,
  transcript,
};
const untranscribed: EpisodeRecord = {
  ...episode({ title: 'Group relative policy optimization', source: grpo }),
  showId: otherShow.id,
};
const batch: ImportBatch = {
  ...batchOf([timed, untranscribed], [dpo, ppo, grpo]),
  shows: [show, otherShow],
};

/** The same batch with the transcripted episode changed by `change`. */
function withTimed(change: Partial<EpisodeRecord>): ImportBatch {
  return { ...batch, episodes: [{ ...timed, ...change }, untranscribed] };
}

function withoutTranscript({ transcript: _dropped, ...rest }: EpisodeRecord): EpisodeRecord {
  return rest;
}

for (const factory of storeFactories()) {
  describe.skipIf(factory.skipReason !== undefined)(`${factory.name} store: transcripts`, () => {
    let store: GraphStore;

    beforeAll(async () => {
      store = await factory.create();
      expect((await store.importBatch(batch)).added).toHaveLength(2);
    }, SETUP_TIMEOUT_MS);
    afterAll(async () => {
      await store.close();
      await factory.cleanup();
    });

    it('finds an episode by a word only its transcript says, with the line and its second', async () => {
      expect(await store.search('quokka', 10)).toEqual([]);
      const hits = await store.searchTranscripts('quokka ablation', 10);
      expect(hits.map(({ score: _score, ...hit }) => hit)).toEqual([
        {
          episodeId: timed.id,
          excerpt: 'The quokka ablation is where the baseline falls apart.',
          startSeconds: 812,
        },
      ]);
      expect(hits[0]!.score).toBeGreaterThan(0);
      const [untimed] = await store.searchTranscripts('wombats', 10);
      expect(untimed).toMatchObject({ episodeId: timed.id, startSeconds: null });
      expect(await store.searchTranscripts('!!', 10)).toEqual([]);
      expect(await store.searchTranscripts('quokka', 0)).toEqual([]);
    });

    it('narrows to a show', async () => {
      expect(
        (await store.searchTranscripts('quokka', 10, show.id)).map((h) => h.episodeId),
      ).toEqual([timed.id]);
      expect(await store.searchTranscripts('quokka', 10, otherShow.id)).toEqual([]);
    });

    it('is unchanged by the same transcript, and by an import that does not know it', async () => {
      expect((await store.importBatch(batch)).unchanged).toHaveLength(2);
      // A fetch that failed: no transcript and no times; the stored ones stay.
      const unknown = withoutTranscript({
        ...timed,
        recommendations: [{ paperId: ppo.id, note: 'The baseline.' }],
      });
      const result = await store.importBatch({ ...batch, episodes: [unknown, untranscribed] });
      expect(result.unchanged).toHaveLength(2);
      expect((await store.searchTranscripts('quokka', 10)).map((h) => h.episodeId)).toEqual([
        timed.id,
      ]);
      const [ofPpo] = await store.citationsByPaperIds([ppo.id], 10);
      expect(ofPpo?.map((c) => c.discussedAt)).toEqual([754]);
    });

    it('updates the episode when the transcript changes, and drops it when there is none', async () => {
      const changed = [
        ...transcript.slice(0, -2),
        { start: 900, text: 'Now the numbat ablation.' },
      ];
      expect((await store.importBatch(withTimed({ transcript: changed }))).updated).toEqual([
        timed.id,
      ]);
      expect(await store.searchTranscripts('quokka', 10)).toEqual([]);
      expect((await store.searchTranscripts('numbat', 10))[0]?.startSeconds).toBe(900);

      expect((await store.importBatch(withTimed({ transcript: null }))).updated).toEqual([
        timed.id,
      ]);
      expect(await store.searchTranscripts('numbat', 10)).toEqual([]);
      expect(await store.searchTranscripts('conversation', 10)).toEqual([]);
    });

    it('removes the transcript with its episode', async () => {
      expect((await store.importBatch(batch)).updated).toEqual([timed.id]);
      expect(await store.searchTranscripts('quokka', 10)).toHaveLength(1);
      expect(await store.removeEpisode(timed.id)).not.toBeNull();
      expect(await store.searchTranscripts('quokka', 10)).toEqual([]);
      expect(await store.searchTranscripts('conversation', 10)).toEqual([]);
    });
  });
}
