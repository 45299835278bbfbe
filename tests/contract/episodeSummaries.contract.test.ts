// The light episode read (episodeSummariesByIds) on every store: the list fields of the heavy record,
// one per id in request order, null for an unknown id, current after an update and a removal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { GraphStore } from '../../server/src/store/store.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { storeFactories } from '../helpers/stores.ts';

const grader = arxivPaper('2606.26080', 'The free grader');
const ppo = arxivPaper('1707.06347', 'Proximal Policy Optimization Algorithms');
const dated = episode({
  title: 'The free grader',
  source: grader,
  recommends: [ppo],
  publishedAt: '2026-07-01',
  summary: 'A long summary nobody listing titles needs.',
});
const undated = episode({ title: 'PPO, again', source: ppo });

for (const factory of storeFactories()) {
  describe.skipIf(factory.skipReason !== undefined)(
    `${factory.name} store: episode summaries`,
    () => {
      let store: GraphStore;

      beforeAll(async () => {
        store = await factory.create();
        await store.importBatch(batchOf([dated, undated], [grader, ppo]));
      });
      afterAll(async () => {
        await store.close();
        await factory.cleanup();
      });

      it('are the list fields of the stored records, in request order, null when unknown', async () => {
        expect(
          await store.episodeSummariesByIds([undated.id, 'ep_000000000000', dated.id, undated.id]),
        ).toEqual([
          { id: undated.id, title: 'PPO, again', publishedAt: null, sourcePaperId: ppo.id },
          null,
          {
            id: dated.id,
            title: 'The free grader',
            publishedAt: '2026-07-01',
            sourcePaperId: grader.id,
          },
          { id: undated.id, title: 'PPO, again', publishedAt: null, sourcePaperId: ppo.id },
        ]);
        expect(await store.episodeSummariesByIds([])).toEqual([]);
      });

      it('agree with the heavy record after an update and a removal', async () => {
        const renamed = {
          ...dated,
          title: 'The free grader, revisited',
          publishedAt: '2026-07-02',
        };
        await store.importBatch(batchOf([renamed], [grader, ppo]));
        await store.removeEpisode(undated.id);
        const [record] = await store.episodesByIds([renamed.id]);
        expect(await store.episodeSummariesByIds([renamed.id, undated.id])).toEqual([
          {
            id: record!.id,
            title: record!.title,
            publishedAt: record!.publishedAt,
            sourcePaperId: record!.sourcePaperId,
          },
          null,
        ]);
        expect(record!.title).toBe('The free grader, revisited');
      });
    },
  );
}
