// The graph's last change time on every store (tests/helpers/stores.ts): stamped in the transaction of
// each import or removal that writes something, left alone by one that changes nothing.
import { rm } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { databasePath } from '../../server/src/store/embedded/database.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { makeTempDir, storeFactories } from '../helpers/stores.ts';
import { episodes, lonelyBatch, lonelyEpisode, papers, podcastBatch } from './fixtures.ts';

/** Waits until the clock reads later than `stamp`, so a new stamp can only be later. */
async function clockPast(stamp: string): Promise<void> {
  while (new Date().toISOString() <= stamp) await sleep(2);
}

async function changedAt(store: GraphStore): Promise<string> {
  const at = await store.graphChangedAt();
  expect(at).not.toBeNull();
  return at!;
}

for (const factory of storeFactories()) {
  const title = factory.skipReason
    ? `${factory.name} store (skipped: ${factory.skipReason})`
    : `${factory.name} store`;

  describe.skipIf(factory.skipReason !== undefined)(`graph last change time: ${title}`, () => {
    let store: GraphStore;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
      await factory.cleanup();
    });

    it('is null on an empty store, and set by an import that adds', async () => {
      expect(await store.graphChangedAt()).toBeNull();
      const before = new Date().toISOString();
      await store.importBatch(podcastBatch);
      const at = await changedAt(store);
      expect(new Date(at).toISOString()).toBe(at);
      expect(at >= before && at <= new Date().toISOString()).toBe(true);
    });

    it('stays when a re-import of the same feed changes nothing', async () => {
      await store.importBatch(podcastBatch);
      const first = await changedAt(store);
      await clockPast(first);
      const [again] = await store.importBatches([podcastBatch, podcastBatch]);
      expect(again?.unchanged).toHaveLength(podcastBatch.episodes.length);
      expect(await store.graphChangedAt()).toBe(first);
    });

    it('moves with an updated episode, and with a paper whose title alone a later import corrects', async () => {
      await store.importBatch(podcastBatch);
      const first = await changedAt(store);
      await clockPast(first);
      const edited = { ...episodes.grpo, summary: 'A corrected summary.' };
      const result = await store.importBatch({ ...podcastBatch, episodes: [edited] });
      expect(result.updated).toEqual([edited.id]);
      const second = await changedAt(store);
      expect(second > first).toBe(true);

      await clockPast(second);
      // The episodes stay as stored; only the paper's title changes.
      const retitled = { ...papers.ppo, title: 'Proximal Policy Optimization (corrected)' };
      const papersOnly = await store.importBatch({
        episodes: [edited],
        papers: podcastBatch.papers.map((paper) => (paper.id === retitled.id ? retitled : paper)),
      });
      expect(papersOnly.unchanged).toEqual([edited.id]);
      expect((await store.papersByIds([retitled.id]))[0]?.title).toBe(retitled.title);
      expect((await changedAt(store)) > second).toBe(true);
    });

    it('moves with removeEpisode, and stays when there is no such episode or a batch is refused', async () => {
      await store.importBatch(podcastBatch);
      await store.importBatch(lonelyBatch);
      const imported = await changedAt(store);
      await clockPast(imported);
      expect(await store.removeEpisode('ep_000000000000')).toBeNull();
      const broken = {
        episodes: [{ ...lonelyEpisode, sourcePaperId: 'arxiv:9999.99999' }],
        papers: [],
      };
      await expect(store.importBatch(broken)).rejects.toThrow();
      expect(await store.graphChangedAt()).toBe(imported);

      expect(await store.removeEpisode(lonelyEpisode.id)).not.toBeNull();
      expect((await changedAt(store)) > imported).toBe(true);
    });
  });
}

describe('graph last change time: embedded DATA_DIR', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await makeTempDir('last-changed');
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('survives reopening', async () => {
    const store = await createEmbeddedStore({ dataDir });
    await store.importBatch(podcastBatch);
    const at = await changedAt(store);
    await store.close();
    const reopened = await createEmbeddedStore({ dataDir });
    try {
      expect(await reopened.graphChangedAt()).toBe(at);
    } finally {
      await reopened.close();
    }
  });

  it('comes to a DATA_DIR from before it with its data kept: null until the next change', async () => {
    const store = await createEmbeddedStore({ dataDir });
    await store.importBatch(podcastBatch);
    await store.close();
    const db = new DatabaseSync(databasePath(dataDir));
    db.exec('DROP TABLE graph_changed_at');
    db.close();

    const upgraded = await createEmbeddedStore({ dataDir });
    try {
      expect(await upgraded.graphChangedAt()).toBeNull();
      expect((await upgraded.stats()).episodes).toBe(podcastBatch.episodes.length);
      await upgraded.importBatch(lonelyBatch);
      expect(await upgraded.graphChangedAt()).not.toBeNull();
    } finally {
      await upgraded.close();
    }
  });
});
