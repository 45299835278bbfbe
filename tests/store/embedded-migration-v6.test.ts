// An embedded DATA_DIR of schema version 5 (no transcripts) opens as version 6: everything kept, a
// re-import of the same feed unchanged, and a fetched feed's transcript then stored and searched.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ImportBatch } from '../../server/src/domain/model.ts';
import { importFeedFile } from '../../server/src/import/pipeline.ts';
import { databasePath } from '../../server/src/store/embedded/database.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import { sortedBatch } from '../helpers/batchBuilder.ts';

const SEED_PAGE = new URL('../../seed/ai-papers-deep-dive.txt', import.meta.url).pathname;
const RESEARCH_FEED = new URL('../import/fixtures/research-podcast/feed.xml', import.meta.url)
  .pathname;

let dataDir = '';
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'papergraph-migrate-v6-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

/** Drops what version 6 added and marks version 5. */
function downgradeToVersion5(path: string): void {
  const db = new DatabaseSync(path);
  db.exec(`BEGIN;
DROP TABLE transcripts_fts;
DROP TABLE transcripts;
PRAGMA user_version = 5;
COMMIT;`);
  db.close();
}

/** The research feed as a fetch with its transcript gives it: episode 41 transcribed. */
function transcribed(batch: ImportBatch): ImportBatch {
  const copy = structuredClone(batch);
  copy.episodes[0]!.transcript = [
    { start: 0, text: 'Welcome back to Gradient Descent & Friends.' },
    { start: 4, text: 'Today: direct preference optimization, the paper everyone calls DPO.' },
    { start: 95, text: 'And a word on the quokka ablation.' },
  ];
  return copy;
}

describe('schema version 5 → 6', () => {
  it('keeps everything, then stores and searches the transcript a fetch gives', async () => {
    const seed = await importFeedFile(SEED_PAGE);
    const research = await importFeedFile(RESEARCH_FEED);
    let store = await createEmbeddedStore({ dataDir });
    await store.importBatches([seed, research]);
    const before = sortedBatch(await store.exportBatch());
    await store.close();
    downgradeToVersion5(databasePath(dataDir));
    const old = new DatabaseSync(databasePath(dataDir));
    expect(old.prepare('PRAGMA user_version').get()).toEqual({ user_version: 5 });
    old.close();

    store = await createEmbeddedStore({ dataDir });
    try {
      expect(sortedBatch(await store.exportBatch())).toEqual(before);
      expect((await store.importBatch(research)).unchanged).toHaveLength(research.episodes.length);
      expect(await store.searchTranscripts('quokka', 10)).toEqual([]);

      const episodeId = research.episodes[0]!.id;
      expect((await store.importBatch(transcribed(research))).updated).toEqual([episodeId]);
      expect((await store.importBatch(transcribed(research))).unchanged).toHaveLength(
        research.episodes.length,
      );
      const [hit] = await store.searchTranscripts('quokka', 10);
      expect(hit).toMatchObject({
        episodeId,
        excerpt: 'And a word on the quokka ablation.',
        startSeconds: 95,
      });
    } finally {
      await store.close();
    }
    const db = new DatabaseSync(databasePath(dataDir));
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: 7 });
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    db.close();
  });
});
