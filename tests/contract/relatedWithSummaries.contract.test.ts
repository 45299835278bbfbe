// relatedWithSummaries on every store: the related lists of relatedByEpisodeIds with the related
// episodes' summaries, the same answer as the two batched reads it replaces (relatedByEpisodeIds,
// episodeSummariesByIds), each summary once, in the order the lists first name them; and
// episodeWithRelated: one episode's summary with relatedWithSummaries of it, null for an unknown id.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { GraphStore } from '../../server/src/store/store.ts';
import { storeFactories } from '../helpers/stores.ts';
import { SEED } from '../relations/corpus.ts';

const ids = SEED.episodes.map((e) => e.id);

for (const factory of storeFactories()) {
  describe.skipIf(factory.skipReason !== undefined)(
    `${factory.name} store: relatedWithSummaries`,
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

      /** The same question through the batched reads. */
      async function answeredInParts(episodeIds: string[], limit: number) {
        const related = await store.relatedByEpisodeIds(episodeIds, limit);
        const named = [...new Set(related.flat().map((relation) => relation.episodeId))];
        return { related, episodes: await store.episodeSummariesByIds(named) };
      }

      it('answers as the batched reads do, for every seed episode at once', async () => {
        const found = await store.relatedWithSummaries(ids, 3);
        expect(found).toEqual(await answeredInParts(ids, 3));
        expect(found.related.every((list) => list.length > 0 && list.length <= 3)).toBe(true);
        const named = new Set(found.related.flat().map((relation) => relation.episodeId));
        expect(found.episodes.map((e) => e.id).sort()).toEqual([...named].sort());
        const titles = new Map(SEED.episodes.map((e) => [e.id, e.title]));
        for (const summary of found.episodes) expect(summary.title).toBe(titles.get(summary.id));
      });

      it('keeps the order and repeats of the ids asked, unknown ids answered with empty lists', async () => {
        const [first, second] = ids;
        const asked = [second!, 'ep_000000000000', first!, second!];
        const found = await store.relatedWithSummaries(asked, 2);
        expect(found).toEqual(await answeredInParts(asked, 2));
        expect(found.related[1]).toEqual([]);
        expect(found.related[3]).toEqual(found.related[0]);
      });

      it('is empty for no ids, a limit of 0 or an unknown episode', async () => {
        expect(await store.relatedWithSummaries([], 5)).toEqual({ related: [], episodes: [] });
        expect(await store.relatedWithSummaries([ids[0]!], 0)).toEqual({
          related: [[]],
          episodes: [],
        });
        expect(await store.relatedWithSummaries(['ep_000000000000'], 5)).toEqual({
          related: [[]],
          episodes: [],
        });
      });

      it('episodeWithRelated answers as the summary and relatedWithSummaries do, for every seed episode', async () => {
        for (const id of ids) {
          const found = await store.episodeWithRelated(id, 3);
          const [episode] = await store.episodeSummariesByIds([id]);
          const { related, episodes } = await store.relatedWithSummaries([id], 3);
          expect(found).toEqual({ episode, related: related[0], episodes });
          expect(found!.related.length).toBeGreaterThan(0);
          expect(found!.related.length).toBeLessThanOrEqual(3);
        }
      });

      it('episodeWithRelated is null for an unknown id, and the episode with an empty list for a limit of 0', async () => {
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
