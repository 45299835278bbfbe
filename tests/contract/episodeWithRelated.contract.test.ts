// episodeWithRelated on every store: an episode's summary with its related list and the related
// episodes' summaries, the same answer as the reads it replaces (episodeSummariesByIds,
// relatedWithSummaries), and null for an id no episode has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { GraphStore } from '../../server/src/store/store.ts';
import { storeFactories } from '../helpers/stores.ts';
import { SEED } from '../relations/corpus.ts';

const ids = SEED.episodes.map((e) => e.id);

for (const factory of storeFactories()) {
  describe.skipIf(factory.skipReason !== undefined)(
    `${factory.name} store: episodeWithRelated`,
    () => {
      let store: GraphStore;

      beforeAll(async () => {
        store = await factory.create();
        await store.importBatch(SEED);
      });
      afterAll(async () => {
        await store.close();
        await factory.cleanup();
      });

      it('answers as the summary and relatedWithSummaries do, for every seed episode', async () => {
        for (const id of ids) {
          const found = await store.episodeWithRelated(id, 3);
          const [episode] = await store.episodeSummariesByIds([id]);
          const { related, episodes } = await store.relatedWithSummaries([id], 3);
          expect(found).toEqual({ episode, related: related[0], episodes });
          expect(found!.related.length).toBeGreaterThan(0);
          expect(found!.related.length).toBeLessThanOrEqual(3);
        }
      });

      it('is null for an unknown id, and the episode with an empty list for a limit of 0', async () => {
        expect(await store.episodeWithRelated('ep_000000000000', 5)).toBeNull();
        const [episode] = await store.episodeSummariesByIds([ids[0]!]);
        expect(await store.episodeWithRelated(ids[0]!, 0)).toEqual({
          episode,
          related: [],
          episodes: [],
        });
      });
    },
  );
}
