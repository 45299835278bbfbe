// An embedded DATA_DIR of schema version 2 (every episode with a source paper, citations SOURCE or
// RECOMMENDED only) opens as the current version with its data, search rows and relations intact,
// and then takes episodes without a source and MENTIONS citations.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { importFeedFile } from '../../server/src/import/pipeline.ts';
import { databasePath } from '../../server/src/store/embedded/database.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import { sortedBatch } from '../helpers/batchBuilder.ts';

const SEED_PAGE = new URL('../../seed/ai-papers-deep-dive.txt', import.meta.url).pathname;
const RESEARCH_FEED = new URL('../import/fixtures/research-podcast/feed.xml', import.meta.url)
  .pathname;

let dataDir = '';
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'papergraph-migrate-v3-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

/** Rebuilds the two tables as version 2 declared them, rowids kept, and marks the file version 2. */
function downgradeToVersion2(path: string): void {
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE episodes_v2 (
  rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, published_at TEXT,
  paper_published_at TEXT, duration_minutes INTEGER, summary TEXT, takeaways TEXT NOT NULL,
  chapters TEXT NOT NULL, source_paper_id TEXT NOT NULL REFERENCES papers (id),
  content_hash TEXT NOT NULL, extras TEXT);
DROP INDEX episodes_by_show;
INSERT INTO episodes_v2 SELECT rid, id, title, published_at, paper_published_at, duration_minutes,
  summary, takeaways, chapters, source_paper_id, content_hash, extras FROM episodes;
CREATE TABLE citations_v2 (
  episode_id TEXT NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0), paper_id TEXT NOT NULL REFERENCES papers (id),
  kind TEXT NOT NULL CHECK ((kind = 'SOURCE') = (position = 0) AND kind IN ('SOURCE', 'RECOMMENDED')),
  note TEXT, PRIMARY KEY (episode_id, position)) WITHOUT ROWID;
INSERT INTO citations_v2 SELECT episode_id, position, paper_id, kind, note FROM citations;
DROP TABLE citations;
DROP TABLE episodes;
ALTER TABLE episodes_v2 RENAME TO episodes;
ALTER TABLE citations_v2 RENAME TO citations;
DROP TABLE shows;
CREATE INDEX episodes_newest_first ON episodes (published_at IS NULL, published_at DESC, id);
CREATE INDEX episodes_by_source ON episodes (source_paper_id);
CREATE INDEX episodes_by_guid ON episodes (json_extract(extras, '$.guid')) WHERE extras IS NOT NULL;
CREATE INDEX citations_by_paper ON citations (paper_id, episode_id);
PRAGMA user_version = 2;
COMMIT;`);
  db.close();
}

describe('schema version 2 → current', () => {
  it('keeps every episode, citation, search row and relation, then stores mentions', async () => {
    const seed = await importFeedFile(SEED_PAGE);
    let store = await createEmbeddedStore({ dataDir });
    await store.importBatch(seed);
    const before = sortedBatch(await store.exportBatch());
    const episodeIds = seed.episodes.map((e) => e.id);
    const relatedBefore = await store.relatedByEpisodeIds(episodeIds, 5);
    const searchBefore = await store.search('preference', 10);
    await store.close();
    downgradeToVersion2(databasePath(dataDir));

    store = await createEmbeddedStore({ dataDir });
    try {
      expect(sortedBatch(await store.exportBatch())).toEqual(before);
      expect(await store.relatedByEpisodeIds(episodeIds, 5)).toEqual(relatedBefore);
      expect(await store.search('preference', 10)).toEqual(searchBefore);
      expect((await store.importBatch(seed)).unchanged).toHaveLength(seed.episodes.length);

      const research = await importFeedFile(RESEARCH_FEED);
      expect((await store.importBatch(research)).added).toHaveLength(research.episodes.length);
      const [episode] = await store.episodesByIds([research.episodes[0]!.id]);
      expect(episode?.sourcePaperId).toBeNull();
      expect(episode?.mentions?.length).toBeGreaterThan(0);
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
