// GraphStore.graph's `truncated` on every store: true exactly when a larger limit draws more nodes,
// checked against a run with room for everything, around a focus and over the whole graph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { GraphQuery, GraphStore } from '../../server/src/store/store.ts';
import { generateCorpus } from '../helpers/batchBuilder.ts';
import { storeFactories } from '../helpers/stores.ts';
import { episodes as ep, lonelyBatch, papers as p, podcastBatch } from './fixtures.ts';

const ROOM_FOR_ALL = 100_000;

for (const factory of storeFactories()) {
  describe.skipIf(factory.skipReason !== undefined)(
    `${factory.name} store: graph truncated`,
    () => {
      let store: GraphStore;

      beforeAll(async () => {
        store = await factory.create();
        await store.importBatch(podcastBatch);
        await store.importBatch(lonelyBatch);
        await store.importBatch(
          generateCorpus({ seed: 7, episodes: 12, papers: 10, recommendationsPerEpisode: 3 }),
        );
      });
      afterAll(async () => {
        await store.close();
        await factory.cleanup();
      });

      /** The view at `limit` and whether a run with room for everything draws more. */
      async function cutByLimit(query: GraphQuery): Promise<{ truncated: boolean; cut: boolean }> {
        const view = await store.graph(query);
        const everything = await store.graph({ ...query, limit: ROOM_FOR_ALL });
        expect(everything.truncated).toBe(false);
        return { truncated: view.truncated, cut: everything.nodes.length > view.nodes.length };
      }

      it('over the whole graph, at every limit, with and without a minimum of citations', async () => {
        const seen = { cut: 0, whole: 0 };
        for (const minCitations of [1, 2, 3, 5]) {
          const all = await store.graph({ depth: 1, limit: ROOM_FOR_ALL, minCitations });
          for (let limit = 1; limit <= all.nodes.length + 1; limit += 1) {
            const { truncated, cut } = await cutByLimit({ depth: 1, limit, minCitations });
            expect({ minCitations, limit, truncated }).toEqual({
              minCitations,
              limit,
              truncated: cut,
            });
            seen[cut ? 'cut' : 'whole'] += 1;
          }
        }
        expect(seen.cut).toBeGreaterThan(0);
        expect(seen.whole).toBeGreaterThan(0);
      });

      it('around a focus: a cut layer, a full selection with more beyond, depth and minCitations', async () => {
        const seen = { cut: 0, whole: 0 };
        for (const focus of [ep.prm.id, p.instructGpt.id, p.rewardHacking.id, ep.fresh.id]) {
          for (const depth of [0, 1, 2, 3]) {
            for (const minCitations of [1, 3]) {
              for (const limit of [1, 2, 3, 4, 5, 8, 13, 21, 34, 55]) {
                const query = { focus, depth, limit, minCitations };
                const { truncated, cut } = await cutByLimit(query);
                expect({ ...query, truncated }).toEqual({ ...query, truncated: cut });
                seen[cut ? 'cut' : 'whole'] += 1;
              }
            }
          }
        }
        expect(seen.cut).toBeGreaterThan(0);
        expect(seen.whole).toBeGreaterThan(0);
      });

      it('an unknown focus draws nothing and cuts nothing', async () => {
        expect(
          await store.graph({ focus: 'arxiv:0000.00000', depth: 2, limit: 5, minCitations: 1 }),
        ).toEqual({ nodes: [], edges: [], truncated: false });
      });
    },
  );
}
