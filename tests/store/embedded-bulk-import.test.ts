// A large first import into an empty embedded store builds the indexes no import statement reads after
// its rows, inside its transaction (store/embedded/importer.ts). The store must end up as the row-by-row
// path leaves it: the same rows, every index whole and defined as the schema defines it; a failed
// import leaves nothing, indexes included; a small or repeated import changes no schema.
import { rm } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';

import { afterEach, describe, expect, it } from 'vitest';

import type { EpisodeRecord, ImportBatch } from '../../server/src/domain/model.ts';
import { databasePath } from '../../server/src/store/embedded/database.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import { IMPORT_DEFERRABLE_INDEXES } from '../../server/src/store/embedded/schema.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { arxivPaper, batchOf, generateCorpus } from '../helpers/batchBuilder.ts';
import { storeFingerprint } from '../helpers/storeFingerprint.ts';
import { makeTempDir } from '../helpers/stores.ts';

/** The importer's threshold: a first batch of this many episodes into an empty store is a bulk import. */
const BULK = 1000;

const corpus = generateCorpus({
  episodes: BULK + 200,
  papers: 400,
  recommendationsPerEpisode: 4,
  seed: 24,
});

/** The corpus in batches of these sizes, each with the papers its episodes cite. */
function batches(...sizes: number[]): ImportBatch[] {
  let start = 0;
  return sizes.map((size) => {
    const episodes = corpus.episodes.slice(start, (start += size));
    return batchOf(episodes, corpus.papers);
  });
}

interface Opened {
  store: GraphStore;
  dataDir: string;
}

const opened: Opened[] = [];

async function openStore(label: string): Promise<Opened> {
  const dataDir = await makeTempDir(label);
  const store = await createEmbeddedStore({ dataDir });
  const entry = { store, dataDir };
  opened.push(entry);
  return entry;
}

afterEach(async () => {
  for (const { store, dataDir } of opened.splice(0)) {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});

interface FileState {
  schemaVersion: number;
  /** Index name → its CREATE statement, for every index with one. */
  indexes: Record<string, string>;
  integrity: string;
  episodes: number;
}

/** What the store's SQLite file holds, read on a connection of its own. */
function fileState(dataDir: string): FileState {
  const db = new DatabaseSync(databasePath(dataDir), { readOnly: true });
  try {
    const { schema_version } = db.prepare('PRAGMA schema_version').get() as {
      schema_version: number;
    };
    const rows = db
      .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL")
      .all() as { name: string; sql: string }[];
    const integrity = (db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[])
      .map((row) => row.integrity_check)
      .join('; ');
    const { n } = db.prepare('SELECT count(*) AS n FROM episodes').get() as { n: number };
    return {
      schemaVersion: schema_version,
      indexes: Object.fromEntries(rows.map((row) => [row.name, row.sql])),
      integrity,
      episodes: n,
    };
  } finally {
    db.close();
  }
}

function aliasesOf(dataDir: string, paperId: string): number {
  const db = new DatabaseSync(databasePath(dataDir), { readOnly: true });
  try {
    const sql = 'SELECT count(*) AS n FROM paper_aliases WHERE paper_id = ?';
    return (db.prepare(sql).get(paperId) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Answers that read through the deferred indexes and the search rows. */
async function readsThroughIndexes(store: GraphStore) {
  return {
    newest: (await store.listEpisodes({ offset: 0, limit: 30 })).items.map((e) => e.id),
    oldest: (await store.listEpisodes({ offset: BULK + 150, limit: 30 })).items.map((e) => e.id),
    mostCited: (await store.listPapers({ offset: 0, limit: 30 })).items.map((p) => [
      p.id,
      p.citationCount,
    ]),
    search: (await store.search('verification topic', 20)).map((hit) => JSON.stringify(hit)),
    source: await store.paperCitedBy([corpus.episodes[BULK + 10]!.sourcePaperId!], 5),
  };
}

describe('embedded store: the bulk import path', () => {
  it('leaves the same rows and whole indexes as the row-by-row path', async () => {
    const bulk = await openStore('bulk-import');
    const rowByRow = await openStore('row-by-row-import');
    const fresh = fileState(bulk.dataDir);

    // The second batch cites papers the first one stored: their notes are read back in the same run.
    await bulk.store.importBatches(batches(BULK, 200));
    await rowByRow.store.importBatches(batches(BULK - 1, 201));

    const afterBulk = fileState(bulk.dataDir);
    const afterRowByRow = fileState(rowByRow.dataDir);
    expect(afterRowByRow.schemaVersion).toBe(fresh.schemaVersion);
    expect(afterBulk.schemaVersion).toBeGreaterThan(fresh.schemaVersion);
    expect(afterBulk.indexes).toEqual(fresh.indexes);
    expect(Object.keys(afterBulk.indexes)).toEqual(
      expect.arrayContaining([...IMPORT_DEFERRABLE_INDEXES]),
    );
    expect(afterBulk.integrity).toBe('ok');
    expect(afterBulk.episodes).toBe(BULK + 200);

    expect(await storeFingerprint(bulk.store)).toEqual(await storeFingerprint(rowByRow.store));
    expect(await readsThroughIndexes(bulk.store)).toEqual(
      await readsThroughIndexes(rowByRow.store),
    );
  });

  it('changes nothing, schema included, when the same files come again', async () => {
    const { store, dataDir } = await openStore('bulk-import-again');
    await store.importBatches(batches(BULK, 200));
    const before = fileState(dataDir);
    const fingerprint = await storeFingerprint(store);

    const again = await store.importBatches(batches(BULK, 200));

    expect(again.map((r) => [r.added.length, r.updated.length])).toEqual([
      [0, 0],
      [0, 0],
    ]);
    expect(fileState(dataDir)).toEqual(before);
    expect(await storeFingerprint(store)).toEqual(fingerprint);
  });

  it('leaves an empty store with its indexes when the import fails, and defers them again next time', async () => {
    const { store, dataDir } = await openStore('bulk-import-failed');
    const fresh = fileState(dataDir);
    async function* failingAfterTheFirst() {
      yield* batches(BULK);
      throw new Error('the second file could not be read');
    }

    await expect(store.importBatches(failingAfterTheFirst())).rejects.toThrow('second file');

    expect(fileState(dataDir)).toEqual(fresh);
    expect((await store.stats()).episodes).toBe(0);
    await store.importBatches(batches(BULK));
    const after = fileState(dataDir);
    expect(after.indexes).toEqual(fresh.indexes);
    expect(after.integrity).toBe('ok');
    expect(after.schemaVersion).toBeGreaterThan(fresh.schemaVersion);
    expect((await store.stats()).episodes).toBe(BULK);
  });

  it('deletes a paper a later batch of the run stops citing, aliases and all', async () => {
    const { store, dataDir } = await openStore('bulk-import-delete');
    const [first] = batches(BULK);
    const onlyHere = arxivPaper('2599.00001', 'Cited once, then dropped', ['arXiv:2599.1']);
    const citing = first!.episodes[0]!;
    const withIt: EpisodeRecord = {
      ...citing,
      recommendations: [...citing.recommendations, { paperId: onlyHere.id, note: 'Dropped' }],
    };
    const firstBatch: ImportBatch = {
      episodes: [withIt, ...first!.episodes.slice(1)],
      papers: [...first!.papers, onlyHere],
    };
    const withoutIt = batchOf([{ ...citing, title: `${citing.title}, revised` }], corpus.papers);

    const [, second] = await store.importBatches([firstBatch, withoutIt]);

    expect(second!.updated).toEqual([citing.id]);
    expect(await store.papersByIds([onlyHere.id])).toEqual([null]);
    expect(aliasesOf(dataDir, onlyHere.id)).toBe(0);
    expect(aliasesOf(dataDir, citing.sourcePaperId!)).toBeGreaterThan(0);
    const after = fileState(dataDir);
    expect(after.integrity).toBe('ok');
    expect(after.indexes).toEqual(fileState((await openStore('fresh')).dataDir).indexes);
  });

  it('keeps the indexes through a small import into an empty store', async () => {
    const { store, dataDir } = await openStore('small-import');
    const fresh = fileState(dataDir);

    await store.importBatch(batchOf(corpus.episodes.slice(0, 1), corpus.papers));

    const after = fileState(dataDir);
    expect(after.schemaVersion).toBe(fresh.schemaVersion);
    expect(after.episodes).toBe(1);
  });
});
