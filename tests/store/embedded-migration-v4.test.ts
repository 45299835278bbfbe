// An embedded DATA_DIR of schema version 3 (no shows) opens as version 4: its "AI Papers" episodes
// (those with a source paper) join the "AI Papers" show, another podcast's episodes get their show
// when their feed is imported again, and nothing else changes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ImportBatch } from '../../server/src/domain/model.ts';
import { aiPapersShow } from '../../server/src/domain/show.ts';
import { importFeedFile } from '../../server/src/import/pipeline.ts';
import { databasePath } from '../../server/src/store/embedded/database.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import { sortedBatch } from '../helpers/batchBuilder.ts';

const SEED_PAGE = new URL('../../seed/ai-papers-deep-dive.txt', import.meta.url).pathname;
const RESEARCH_FEED = new URL('../import/fixtures/research-podcast/feed.xml', import.meta.url)
  .pathname;

let dataDir = '';
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'papergraph-migrate-v4-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

/** Rebuilds the episodes table as version 3 declared it, rowids kept, drops shows, marks version 3. */
function downgradeToVersion3(path: string): void {
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE episodes_v3 (
  rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, published_at TEXT,
  paper_published_at TEXT, duration_minutes INTEGER, summary TEXT, takeaways TEXT NOT NULL,
  chapters TEXT NOT NULL, source_paper_id TEXT REFERENCES papers (id),
  content_hash TEXT NOT NULL, extras TEXT);
INSERT INTO episodes_v3 SELECT rid, id, title, published_at, paper_published_at, duration_minutes,
  summary, takeaways, chapters, source_paper_id, content_hash, extras FROM episodes;
DROP TABLE episodes;
ALTER TABLE episodes_v3 RENAME TO episodes;
DROP TABLE shows;
CREATE INDEX episodes_newest_first ON episodes (published_at IS NULL, published_at DESC, id);
CREATE INDEX episodes_by_source ON episodes (source_paper_id);
CREATE INDEX episodes_by_guid ON episodes (json_extract(extras, '$.guid')) WHERE extras IS NOT NULL;
PRAGMA user_version = 3;
COMMIT;`);
  db.close();
}

const withoutShows = (batch: ImportBatch) =>
  batch.episodes.map(({ showId: _showId, ...episode }) => episode);

describe('schema version 3 → 4', () => {
  it('gives the "AI Papers" episodes their show, the others theirs at the next import', async () => {
    const seed = await importFeedFile(SEED_PAGE);
    const research = await importFeedFile(RESEARCH_FEED);
    let store = await createEmbeddedStore({ dataDir });
    await store.importBatches([seed, research]);
    const before = sortedBatch(await store.exportBatch());
    const searchBefore = await store.search('preference', 10);
    await store.close();
    downgradeToVersion3(databasePath(dataDir));

    store = await createEmbeddedStore({ dataDir });
    try {
      const after = sortedBatch(await store.exportBatch());
      expect(withoutShows(after)).toEqual(withoutShows(before));
      expect(after.papers).toEqual(before.papers);
      expect(await store.search('preference', 10)).toEqual(searchBefore);

      const seedIds = new Set(seed.episodes.map((e) => e.id));
      for (const episode of after.episodes)
        expect(episode.showId).toBe(seedIds.has(episode.id) ? aiPapersShow().id : undefined);
      expect(await store.listShows({ offset: 0, limit: 10 })).toEqual({
        items: [{ ...aiPapersShow(), episodeCount: seed.episodes.length }],
        totalCount: 1,
      });

      // The seed names the same show, so its re-import changes nothing; the research feed's episodes
      // are unchanged too, and join their own show.
      expect((await store.importBatch(seed)).unchanged).toHaveLength(seed.episodes.length);
      expect((await store.importBatch(research)).unchanged).toHaveLength(research.episodes.length);
      const researchShow = research.shows![0]!;
      const shows = await store.listShows({ offset: 0, limit: 10 });
      expect(shows.items.map((show) => [show.id, show.episodeCount])).toEqual(
        [
          [aiPapersShow().id, seed.episodes.length],
          [researchShow.id, research.episodes.length],
        ].sort((a, b) => {
          const titleOf = (id: unknown) =>
            id === researchShow.id ? researchShow.title : aiPapersShow().title;
          return titleOf(a[0]) < titleOf(b[0]) ? -1 : 1;
        }),
      );
      const [first] = await store.episodesByIds([research.episodes[0]!.id]);
      expect(first?.showId).toBe(researchShow.id);
    } finally {
      await store.close();
    }
    const db = new DatabaseSync(databasePath(dataDir));
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: 7 });
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    db.close();
  });
});
