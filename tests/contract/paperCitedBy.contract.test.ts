// paperCitedBy on every store: the paper the first resolving key names, with its first citations and
// their episodes' summaries, the same answer as the batched reads it replaces (resolvePaperKeys,
// papersByIds, citationsByPaperIds, episodeSummariesByIds).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { GraphStore } from '../../server/src/store/store.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { storeFactories } from '../helpers/stores.ts';

const ppo = arxivPaper('1707.06347', 'Proximal Policy Optimization Algorithms');
const grader = arxivPaper('2606.26080', 'The free grader');
const rlhf = arxivPaper('2203.02155', 'Training language models to follow instructions');
const aboutPpo = episode({ title: 'PPO', source: ppo, publishedAt: '2026-01-05' });
const newer = episode({
  title: 'The free grader',
  source: grader,
  recommends: [ppo],
  publishedAt: '2026-07-01',
});
const undated = episode({ title: 'Instructions', source: rlhf, recommends: [ppo] });
const older = episode({
  title: 'Older grader',
  source: arxivPaper('2401.00001', 'An older grader'),
  recommends: [ppo, rlhf],
  publishedAt: '2025-03-01',
});
const papers = [ppo, grader, rlhf, arxivPaper('2401.00001', 'An older grader')];

for (const factory of storeFactories()) {
  describe.skipIf(factory.skipReason !== undefined)(`${factory.name} store: paperCitedBy`, () => {
    let store: GraphStore;

    beforeAll(async () => {
      store = await factory.create();
      await store.importBatch(batchOf([aboutPpo, newer, undated, older], papers));
    });
    afterAll(async () => {
      await store.close();
      await factory.cleanup();
    });

    /** The same question through the batched reads. */
    async function answeredInParts(keys: string[], limit: number) {
      const paperId = (await store.resolvePaperKeys(keys)).find((id) => id !== null) ?? null;
      if (paperId === null) return null;
      // paperCitedBy's paper is the paper itself; papersByIds adds its metadata's title.
      const [found] = await store.papersByIds([paperId]);
      const { metadataTitle: _, ...paper } = found!;
      const [citations = []] = await store.citationsByPaperIds([paperId], limit);
      const episodes = await store.episodeSummariesByIds([
        ...new Set(citations.map((c) => c.episodeId)),
      ]);
      return { paper, citations, episodes };
    }

    it('answers as the batched reads do, the first resolving key winning', async () => {
      const keys = ['arxiv:0000.00000', 'https://arxiv.org/abs/1707.06347', rlhf.id];
      const found = await store.paperCitedBy(keys, 50);
      expect(found?.paper.id).toBe(ppo.id);
      expect(found).toEqual(await answeredInParts(keys, 50));
      expect(found?.citations.map((c) => [c.episodeId, c.kind])).toEqual([
        [aboutPpo.id, 'SOURCE'],
        [newer.id, 'RECOMMENDED'],
        [older.id, 'RECOMMENDED'],
        [undated.id, 'RECOMMENDED'],
      ]);
      expect(found?.episodes.map((e) => e.title)).toEqual([
        'PPO',
        'The free grader',
        'Older grader',
        'Instructions',
      ]);
    });

    it('stops at the limit, and is null when no key resolves', async () => {
      const firstTwo = await store.paperCitedBy([ppo.id], 2);
      expect(firstTwo?.citations.map((c) => c.episodeId)).toEqual([aboutPpo.id, newer.id]);
      expect(firstTwo?.episodes).toEqual(
        await store.episodeSummariesByIds([aboutPpo.id, newer.id]),
      );
      expect(await store.paperCitedBy(['arxiv:0000.00000'], 10)).toBeNull();
      expect(await store.paperCitedBy([], 10)).toBeNull();
    });
  });
}
