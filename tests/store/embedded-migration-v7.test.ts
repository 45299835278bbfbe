// An embedded DATA_DIR of schema version 6 (no people) opens as version 7: everything kept, every
// episode hashing as version 6 hashed it (so a re-import of the same feeds is unchanged), and the
// feed's podcast:person tags, read again, then stored as people linked to their episodes.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ImportBatch } from '../../server/src/domain/model.ts';
import { importFeedFile } from '../../server/src/import/pipeline.ts';
import { databasePath } from '../../server/src/store/embedded/database.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import { episodeContentHash } from '../../server/src/store/shared/contentHash.ts';
import { sortedBatch } from '../helpers/batchBuilder.ts';

const SEED_PAGE = new URL('../../seed/ai-papers-deep-dive.txt', import.meta.url).pathname;
const RESEARCH_FEED = new URL('../import/fixtures/research-podcast/feed.xml', import.meta.url)
  .pathname;

/**
 * The episodes' hashes as version 6 computed them (its contentHash.ts run on these files, digested
 * one per line): an episode that names no one must keep it, or every stored episode would update.
 */
const VERSION_6_HASHES = {
  seed: 'eb74b84baf3b6c2ff56ba925ef48f593694fd662c3f2089b5252945f28041dc2',
  research: 'efb17f73865fdba5b17be65fc22f894ff1fb10945634a2643c3bcf6cdb01845b',
};

let dataDir = '';
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'papergraph-migrate-v7-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

/** Drops what version 7 added and marks version 6. */
function downgradeToVersion6(path: string): void {
  const db = new DatabaseSync(path);
  db.exec(`BEGIN;
DROP TABLE episode_people;
DROP TABLE people;
PRAGMA user_version = 6;
COMMIT;`);
  db.close();
}

/** The batch as version 6 read it: no episode names anyone. */
function withoutPeople(batch: ImportBatch): ImportBatch {
  return { ...batch, episodes: batch.episodes.map(({ people, ...episode }) => episode) };
}

function hashesDigest(batch: ImportBatch): string {
  return createHash('sha256')
    .update(batch.episodes.map(episodeContentHash).join('\n'))
    .digest('hex');
}

describe('schema version 6 → 7', () => {
  it('hashes an episode that names no one as version 6 did', async () => {
    const research = await importFeedFile(RESEARCH_FEED);
    expect(research.episodes.every((e) => (e.people ?? []).length > 0)).toBe(true);
    expect(hashesDigest(await importFeedFile(SEED_PAGE))).toBe(VERSION_6_HASHES.seed);
    expect(hashesDigest(withoutPeople(research))).toBe(VERSION_6_HASHES.research);
  });

  it('keeps everything, then stores the people a feed names', async () => {
    const seed = await importFeedFile(SEED_PAGE);
    const research = await importFeedFile(RESEARCH_FEED);
    let store = await createEmbeddedStore({ dataDir });
    await store.importBatches([seed, withoutPeople(research)]);
    const before = sortedBatch(await store.exportBatch());
    await store.close();
    downgradeToVersion6(databasePath(dataDir));
    const old = new DatabaseSync(databasePath(dataDir));
    expect(old.prepare('PRAGMA user_version').get()).toEqual({ user_version: 6 });
    old.close();

    store = await createEmbeddedStore({ dataDir });
    try {
      expect(sortedBatch(await store.exportBatch())).toEqual(before);
      expect((await store.importBatch(seed)).unchanged).toHaveLength(seed.episodes.length);
      expect((await store.importBatch(withoutPeople(research))).unchanged).toHaveLength(
        research.episodes.length,
      );

      // The feed read again names its people: each of its episodes updates, once.
      const researchIds = research.episodes.map((e) => e.id);
      expect((await store.importBatch(research)).updated.sort()).toEqual([...researchIds].sort());
      expect((await store.importBatch(research)).unchanged).toHaveLength(researchIds.length);
      const people = await store.peopleByEpisodeIds(researchIds);
      expect(people).toEqual(research.episodes.map((e) => e.people));
      // The host, tagged by name alone in an item, is the channel's host (by the channel's link).
      const adaIds = new Set(
        people
          .flat()
          .flatMap((person) => (person.name === 'Ada Reviewer' ? [person.personId] : [])),
      );
      expect(adaIds.size).toBe(1);
      const [ada] = await store.peopleByIds([...adaIds]);
      expect(ada).toMatchObject({
        href: 'https://gradient-descent.example.org/ada',
        episodeCount: researchIds.length,
      });
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
