// The metadata part of the GraphStore contract (store/metadataStore.ts), on every store.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { MetadataEntry } from '../../server/src/domain/metadata.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { storeFactories } from '../helpers/stores.ts';

const dpo = arxivPaper('2305.18290', 'Direct Preference Optimization');
const ppo = arxivPaper('1707.06347', 'Proximal Policy Optimization Algorithms');
const grader = arxivPaper('2606.26080', null);
const scheming = arxivPaper('2606.26071', null);
const batch = batchOf(
  [
    episode({ title: 'The free grader', source: grader, recommends: [dpo, ppo] }),
    episode({ title: 'Scheming or confusion', source: scheming }),
  ],
  [dpo, ppo, grader, scheming],
);

const FETCHED = '2026-06-30T10:00:00.000Z';
const sleeper = {
  id: 'arxiv:2401.05566',
  title: 'Sleeper Agents',
  url: 'https://arxiv.org/abs/2401.05566',
  arxivId: '2401.05566',
  doi: null,
};
const ppoTarget = {
  id: ppo.id,
  title: 'PPO (provider title)',
  url: ppo.url,
  arxivId: '1707.06347',
  doi: null,
};

const graderEntry: MetadataEntry = {
  paperId: grader.id,
  fetchedAt: FETCHED,
  metadata: {
    title: 'The Free Step-Level Grader Hiding in Every RL Training Run',
    authors: [{ name: 'Priya Raman' }, { name: 'Jonas Weber' }],
    year: 2026,
    venue: 'ICML',
    abstract: 'Value estimates already grade reasoning steps.',
    topics: ['cs.LG', 'Computer Science'],
    arxivId: '2606.26080',
    doi: null,
    publishedAt: '2026-06-23',
  },
  references: [sleeper, ppoTarget],
};
const schemingEntry: MetadataEntry = {
  paperId: scheming.id,
  fetchedAt: FETCHED,
  metadata: {
    ...graderEntry.metadata!,
    title: 'Scheming or Confusion?',
    authors: [{ name: 'Mira Okafor' }],
  },
  references: [sleeper],
};
const unknownEntry: MetadataEntry = {
  paperId: dpo.id,
  fetchedAt: FETCHED,
  metadata: null,
  references: [],
};

for (const factory of storeFactories()) {
  const title = factory.skipReason
    ? `${factory.name} store (skipped: ${factory.skipReason})`
    : `${factory.name} store`;

  describe.skipIf(factory.skipReason !== undefined)(`metadata: ${title}`, () => {
    let store: GraphStore;
    beforeEach(async () => {
      store = await factory.create();
      await store.importBatch(batch);
    });
    afterEach(async () => {
      await store.close();
      await factory.cleanup();
    });

    it('lists every paper of the graph as needing metadata, in id order, with a cursor', async () => {
      const all = await store.papersToEnrich({ staleBefore: FETCHED, afterId: null, limit: 10 });
      expect(all.map((p) => p.id)).toEqual([ppo.id, dpo.id, scheming.id, grader.id].sort());
      expect(all.find((p) => p.id === dpo.id)).toEqual({
        id: dpo.id,
        arxivId: '2305.18290',
        doi: null,
      });
      const afterFirstTwo = await store.papersToEnrich({
        staleBefore: FETCHED,
        afterId: all[1]!.id,
        limit: 10,
      });
      expect(afterFirstTwo.map((p) => p.id)).toEqual(all.slice(2).map((p) => p.id));
      expect(await store.enrichmentCounts(FETCHED)).toEqual({ pending: 4, done: 0 });
    });

    it('stores metadata with its fetch time, references in order, and reference-only papers', async () => {
      await store.saveMetadata([graderEntry, schemingEntry, unknownEntry]);
      const [stored, reference, unknown, never] = await store.metadataByPaperIds([
        grader.id,
        sleeper.id,
        dpo.id,
        ppo.id,
      ]);
      expect(stored).toEqual({
        ...graderEntry.metadata,
        paperId: grader.id,
        url: grader.url,
        fetchedAt: FETCHED,
        found: true,
      });
      expect(reference).toMatchObject({
        paperId: sleeper.id,
        title: 'Sleeper Agents',
        url: sleeper.url,
        fetchedAt: null,
        found: true,
        authors: [],
      });
      expect(unknown).toMatchObject({
        paperId: dpo.id,
        found: false,
        fetchedAt: FETCHED,
        title: null,
      });
      // A paper of the graph named as a reference gets a metadata row, but stays to be fetched.
      expect(never).toMatchObject({
        paperId: ppo.id,
        fetchedAt: null,
        title: 'PPO (provider title)',
      });
      expect(await store.referencesByPaperIds([grader.id, scheming.id, ppo.id], 10)).toEqual([
        [sleeper.id, ppo.id],
        [sleeper.id],
        [],
      ]);
      expect(await store.referencesByPaperIds([grader.id], 1)).toEqual([[sleeper.id]]);
      expect(await store.referencedByPaperIds([sleeper.id, ppo.id], 10)).toEqual([
        [scheming.id, grader.id].sort(),
        [grader.id],
      ]);
      // Reference-only papers are not papers of the graph: counts and lists do not change.
      expect((await store.stats()).papers).toBe(4);
      // They are papers though, cited by no episode (referenceOnly.contract.test.ts).
      expect(await store.papersByIds([sleeper.id])).toEqual([
        { ...sleeper, aliases: [sleeper.id], citationCount: 0, metadataTitle: sleeper.title },
      ]);
    });

    it('fresh metadata is not asked for again until it is older than the refresh age', async () => {
      await store.saveMetadata([graderEntry, schemingEntry, unknownEntry]);
      const pending = await store.papersToEnrich({
        staleBefore: FETCHED,
        afterId: null,
        limit: 10,
      });
      expect(pending.map((p) => p.id)).toEqual([ppo.id]);
      expect(await store.enrichmentCounts(FETCHED)).toEqual({ pending: 1, done: 3 });
      const later = '2026-08-01T00:00:00.000Z';
      expect(
        (await store.papersToEnrich({ staleBefore: later, afterId: null, limit: 10 })).map(
          (p) => p.id,
        ),
      ).toEqual([ppo.id, dpo.id, scheming.id, grader.id].sort());
    });

    it('a new fetch replaces metadata and references; a reference target keeps fetched metadata', async () => {
      await store.saveMetadata([graderEntry]);
      await store.saveMetadata([
        { ...graderEntry, fetchedAt: '2026-07-30T00:00:00.000Z', references: [ppoTarget] },
      ]);
      expect(await store.referencesByPaperIds([grader.id], 10)).toEqual([[ppo.id]]);
      expect((await store.metadataByPaperIds([grader.id]))[0]?.fetchedAt).toBe(
        '2026-07-30T00:00:00.000Z',
      );
      // Scheming cites the grader: the grader's fetched metadata stays as it was.
      await store.saveMetadata([
        {
          ...schemingEntry,
          references: [
            {
              id: grader.id,
              title: 'Other title',
              url: grader.url,
              arxivId: '2606.26080',
              doi: null,
            },
          ],
        },
      ]);
      expect((await store.metadataByPaperIds([grader.id]))[0]?.title).toBe(
        graderEntry.metadata!.title,
      );
      expect(await store.referencedByPaperIds([grader.id], 10)).toEqual([[scheming.id]]);
    });

    it('finds papers by words of their title, authors or abstract, by author and by topic', async () => {
      await store.saveMetadata([graderEntry, schemingEntry, unknownEntry]);
      const ids = async (filter: Parameters<GraphStore['searchPaperMetadata']>[0]) =>
        (await store.searchPaperMetadata(filter, 10)).map((hit) => hit.paperId);
      expect(await ids({ text: 'step-level grader' })).toEqual([grader.id]);
      expect(await ids({ text: 'Okafor' })).toEqual([scheming.id]);
      expect(await ids({ text: 'value estimates reasoning' })).toEqual(
        [scheming.id, grader.id].sort(),
      );
      expect(await ids({ author: 'RAMAN' })).toEqual([grader.id]);
      expect(await ids({ topic: 'CS.LG' })).toEqual([scheming.id, grader.id].sort());
      expect(await ids({ topic: 'cs' })).toEqual([]);
      expect(await ids({ author: 'okafor', topic: 'computer science' })).toEqual([scheming.id]);
      expect(await ids({ text: 'grader', author: 'okafor' })).toEqual([]);
      // Reference-only papers are no search results: no episode cites them.
      expect(await ids({ text: 'Sleeper Agents' })).toEqual([]);
      expect(await ids({ text: '"*' })).toEqual([]);
      const [best] = await store.searchPaperMetadata({ text: 'Free Step-Level Grader' }, 1);
      expect(best?.score).toBeGreaterThan(0);
    });

    it('metadata survives a re-import that drops and brings back a paper', async () => {
      await store.saveMetadata([graderEntry]);
      await store.importBatch(batch);
      expect((await store.metadataByPaperIds([grader.id]))[0]?.title).toBe(
        graderEntry.metadata!.title,
      );
    });
  });
}
