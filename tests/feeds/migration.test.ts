// An embedded DATA_DIR written by the previous layout (schema version 1: no episode extras, no feed
// subscriptions) opens with its data intact and gains both.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { newFeedRecord } from '../../server/src/domain/feed.ts';
import { aiPapersShow } from '../../server/src/domain/show.ts';
import { importFeedContent } from '../../server/src/import/pipeline.ts';
import { databasePath } from '../../server/src/store/embedded/database.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import { sortedBatch } from '../helpers/batchBuilder.ts';
import { rssFeed, rssItem } from './feedText.ts';

let dataDir = '';
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'papergraph-migrate-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

/** Turns a current file into what version 1 wrote: the same tables without what version 2 added. */
function downgradeToVersion1(path: string): void {
  const db = new DatabaseSync(path);
  db.exec(
    `DROP INDEX episodes_by_guid; ALTER TABLE episodes DROP COLUMN extras; DROP TABLE feeds;
     DROP INDEX episodes_by_show; ALTER TABLE episodes DROP COLUMN show_id; DROP TABLE shows; PRAGMA user_version = 1`,
  );
  db.close();
}

describe('schema version 1 → 2', () => {
  it('keeps every episode and paper, then stores extras and subscriptions', async () => {
    const page = importFeedContent(rssFeed([rssItem({ n: 1 }), rssItem({ n: 2 })]));
    const withoutExtras = {
      ...page,
      episodes: page.episodes.map(({ guid, url, audio, imageUrl, ...rest }) => rest),
    };
    let store = await createEmbeddedStore({ dataDir });
    await store.importBatch(withoutExtras);
    const before = sortedBatch(await store.exportBatch());
    await store.close();
    downgradeToVersion1(databasePath(dataDir));

    store = await createEmbeddedStore({ dataDir });
    try {
      // Episodes with a source paper from before shows join the "AI Papers" show (schema version 4).
      const migrated = sortedBatch(await store.exportBatch());
      expect(new Set(migrated.episodes.map((e) => e.showId))).toEqual(new Set([aiPapersShow().id]));
      expect(migrated.episodes.map(({ showId, ...rest }) => rest)).toEqual(
        before.episodes.map(({ showId, ...rest }) => rest),
      );
      expect(migrated.papers).toEqual(before.papers);
      expect(await store.importBatch(withoutExtras)).toMatchObject({
        unchanged: expect.arrayContaining(page.episodes.map((e) => e.id)),
      });
      expect((await store.importBatch(page)).updated).toHaveLength(2);
      const [episode] = await store.episodesByIds([page.episodes[0]!.id]);
      expect(episode?.audio).toEqual({
        url: 'https://example.org/audio/1.wav',
        type: 'audio/wav',
        bytes: 1000,
      });
      await store.saveFeed(
        newFeedRecord('https://example.org/feed.xml', new Date('2026-01-01T00:00:00Z')),
      );
      expect(await store.listFeeds()).toHaveLength(1);
    } finally {
      await store.close();
    }
    const db = new DatabaseSync(databasePath(dataDir));
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: 7 });
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    db.close();
  });
});
