// An embedded DATA_DIR of schema version 4 (citations without a time) opens as version 5: every
// citation kept, none timed, a re-import of the same feed unchanged, and a feed whose transcript
// times its mentions then stores those seconds.
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
  dataDir = await mkdtemp(join(tmpdir(), 'papergraph-migrate-v5-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

/** Rebuilds the citations table as version 4 declared it (no discussed_at) and marks version 4. */
function downgradeToVersion4(path: string): void {
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE citations_v4 (
  episode_id TEXT NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  paper_id TEXT NOT NULL REFERENCES papers (id),
  kind TEXT NOT NULL CHECK ((kind = 'SOURCE') = (position = 0) AND kind IN ('SOURCE', 'RECOMMENDED', 'MENTIONS')),
  note TEXT,
  PRIMARY KEY (episode_id, position)
) WITHOUT ROWID;
INSERT INTO citations_v4 SELECT episode_id, position, paper_id, kind, note FROM citations;
DROP TABLE citations;
ALTER TABLE citations_v4 RENAME TO citations;
CREATE INDEX citations_by_paper ON citations (paper_id, episode_id);
PRAGMA user_version = 4;
COMMIT;`);
  db.close();
}

/** The research feed as a fetch with its transcript gives it: episode 41's DPO and KTO timed. */
function timed(batch: ImportBatch): ImportBatch {
  const copy = structuredClone(batch);
  const times: Record<string, number> = { 'arxiv:2305.18290': 4, 'arxiv:2402.01306': 62 };
  const episode = copy.episodes[0]!;
  episode.mentions = episode.mentions?.map((mention) =>
    times[mention.paperId] === undefined
      ? mention
      : { ...mention, discussedAt: times[mention.paperId] },
  );
  return copy;
}

describe('schema version 4 → 5', () => {
  it('keeps every citation untimed, then stores the seconds a transcript gives', async () => {
    const seed = await importFeedFile(SEED_PAGE);
    const research = await importFeedFile(RESEARCH_FEED);
    let store = await createEmbeddedStore({ dataDir });
    await store.importBatches([seed, research]);
    const before = sortedBatch(await store.exportBatch());
    await store.close();
    downgradeToVersion4(databasePath(dataDir));

    store = await createEmbeddedStore({ dataDir });
    try {
      expect(sortedBatch(await store.exportBatch())).toEqual(before);
      expect((await store.importBatch(research)).unchanged).toHaveLength(research.episodes.length);

      const episodeId = research.episodes[0]!.id;
      const result = await store.importBatch(timed(research));
      expect(result.updated).toEqual([episodeId]);
      expect((await store.importBatch(timed(research))).unchanged).toHaveLength(
        research.episodes.length,
      );
      const [episode] = await store.episodesByIds([episodeId]);
      expect(
        episode?.mentions?.flatMap((m) =>
          m.discussedAt === undefined ? [] : [[m.paperId, m.discussedAt]],
        ),
      ).toEqual([
        ['arxiv:2305.18290', 4],
        ['arxiv:2402.01306', 62],
      ]);
      const [dpo, ppo] = await store.citationsByPaperIds(
        ['arxiv:2305.18290', 'arxiv:1707.06347'],
        10,
      );
      // The seed's episodes recommend DPO too, untimed.
      const others = dpo?.filter((c) => c.episodeId !== episodeId) ?? [];
      expect(others.length).toBeGreaterThan(0);
      expect(others.every((c) => c.kind === 'RECOMMENDED' && c.discussedAt === undefined)).toBe(
        true,
      );
      expect(dpo?.find((c) => c.episodeId === episodeId)?.discussedAt).toBe(4);
      expect(ppo?.find((c) => c.episodeId === episodeId)).not.toHaveProperty('discussedAt');
    } finally {
      await store.close();
    }
    const db = new DatabaseSync(databasePath(dataDir));
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: 7 });
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    db.close();
  });
});
