// A bulk import (store/embedded/importer.ts) drops secondary indexes and builds them again inside its
// transaction. Whenever it fails, before or after that build, the file must be byte for byte what it was:
// every table, every index and every search row (FTS5 shadow tables included), and the next import must
// write the same file as if the failed one had never run.
import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { DatabaseSync } from 'node:sqlite';

import { afterEach, describe, expect, it } from 'vitest';

import type { ImportBatch } from '../../server/src/domain/model.ts';
import { openDatabase } from '../../server/src/store/embedded/database.ts';
import { Importer, type ImportKeeping } from '../../server/src/store/embedded/importer.ts';
import { batchOf, generateCorpus } from '../helpers/batchBuilder.ts';
import { makeTempDir } from '../helpers/stores.ts';

/** The importer's threshold: a first batch of this many episodes into an empty store is a bulk import. */
const BULK = 1000;

const corpus = generateCorpus({
  episodes: BULK + 300,
  papers: 400,
  recommendationsPerEpisode: 4,
  seed: 37,
});

function slice(from: number, to: number): ImportBatch {
  return batchOf(corpus.episodes.slice(from, to), corpus.papers);
}

interface Opened {
  db: DatabaseSync;
  importer: Importer;
}

const cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

async function openFile(label: string): Promise<Opened> {
  const dataDir = await makeTempDir(label);
  const { reader, writer } = openDatabase(dataDir);
  cleanup.push(async () => {
    writer.close();
    reader.close();
    await rm(dataDir, { recursive: true, force: true });
  });
  return { db: writer, importer: new Importer(writer) };
}

/**
 * Every row of every table the file holds, shadow tables of the search indexes included (a contentless
 * FTS5 table cannot be read back, its shadow tables can), and every schema entry but its root page.
 */
function fileContents(db: DatabaseSync): { schema: unknown[]; tables: Record<string, string> } {
  const schema = db
    .prepare(
      "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name",
    )
    .all();
  const tables: Record<string, string> = {};
  const names = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND (sql IS NULL OR sql NOT LIKE 'CREATE VIRTUAL TABLE%') ORDER BY name",
    )
    .all() as { name: string }[];
  for (const { name } of names) {
    const rows = db
      .prepare(`SELECT * FROM "${name}"`)
      .all()
      .map((row) => JSON.stringify(row, (_, v: unknown) => (v instanceof Uint8Array ? [...v] : v)))
      .sort();
    const hash = createHash('sha256');
    for (const row of rows) hash.update(row);
    tables[name] = `${rows.length} rows ${hash.digest('hex')}`;
  }
  return { schema, tables };
}

function schemaVersion(db: DatabaseSync): number {
  return (db.prepare('PRAGMA schema_version').get() as { schema_version: number }).schema_version;
}

function searchRowCount(db: DatabaseSync, table: 'episodes_fts' | 'papers_fts'): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}_docsize`).get() as { n: number }).n;
}

const quietKeeping = (beforeCommit: () => Promise<void>): ImportKeeping => ({
  written: () => {},
  beforeCommit,
});

async function* batchesThenFailure(batches: ImportBatch[], failure: Error) {
  yield* batches;
  throw failure;
}

describe('embedded store: a failed bulk import leaves the file as it was', () => {
  it('when it fails after the dropped indexes were built again (in the step before COMMIT)', async () => {
    const failed = await openFile('bulk-fails-before-commit');
    const direct = await openFile('bulk-direct');
    const before = fileContents(failed.db);
    const versionBefore = schemaVersion(failed.db);
    let indexesBuiltWhenItFailed = 0;
    let versionWhenItFailed = versionBefore;

    const failing = failed.importer.run(
      toAsync([slice(0, BULK), slice(BULK, BULK + 300)]),
      quietKeeping(async () => {
        indexesBuiltWhenItFailed = (
          failed.db
            .prepare(
              "SELECT count(*) AS n FROM sqlite_schema WHERE type = 'index' AND name = 'episodes_newest_first'",
            )
            .get() as { n: number }
        ).n;
        versionWhenItFailed = schemaVersion(failed.db);
        expect(searchRowCount(failed.db, 'episodes_fts')).toBe(BULK + 300);
        throw new Error('keeping relations failed');
      }),
      () => {},
    );

    await expect(failing).rejects.toThrow('keeping relations failed');
    // The bulk path was taken (its indexes dropped and built again change the schema) and undone.
    expect(versionWhenItFailed).toBeGreaterThan(versionBefore);
    expect(indexesBuiltWhenItFailed).toBe(1);
    expect(fileContents(failed.db)).toEqual(before);
    expect(schemaVersion(failed.db)).toBe(versionBefore);
    expect(searchRowCount(failed.db, 'papers_fts')).toBe(0);

    // The next run writes what a run on a file that never saw the failed one writes.
    const next = [slice(0, BULK), slice(BULK, BULK + 300)];
    await failed.importer.run(toAsync(next), quietKeeping(noop), () => {});
    await direct.importer.run(toAsync(next), quietKeeping(noop), () => {});
    // Less the two stamps every committed import writes afresh: a random token and the time.
    const stamps = ['graph_version', 'graph_changed_at'];
    const stamped = (db: DatabaseSync) => {
      const { schema, tables } = fileContents(db);
      return { schema, tables: Object.entries(tables).filter(([name]) => !stamps.includes(name)) };
    };
    expect(stamped(failed.db)).toEqual(stamped(direct.db));
  });

  it('when a later file fails while the indexes are dropped', async () => {
    const { db, importer } = await openFile('bulk-fails-mid-run');
    const before = fileContents(db);

    await expect(
      importer.run(
        batchesThenFailure([slice(0, BULK)], new Error('the second file could not be read')),
        quietKeeping(noop),
        () => {},
      ),
    ).rejects.toThrow('second file');

    expect(fileContents(db)).toEqual(before);
    // The next run defers and builds the indexes afresh, not what the failed one had dropped.
    await importer.run(toAsync([slice(0, BULK)]), quietKeeping(noop), () => {});
    expect(fileContents(db).schema).toEqual(before.schema);
  });

  it('when a bulk-sized run into a store that holds episodes fails, search rows included', async () => {
    const { db, importer } = await openFile('large-run-fails-on-stored');
    await importer.run(toAsync([slice(0, 50)]), quietKeeping(noop), () => {});
    const before = fileContents(db);
    expect(searchRowCount(db, 'episodes_fts')).toBe(50);

    await expect(
      importer.run(
        batchesThenFailure([slice(0, BULK + 300)], new Error('the second file could not be read')),
        quietKeeping(noop),
        () => {},
      ),
    ).rejects.toThrow('second file');

    expect(fileContents(db)).toEqual(before);
  });
});

async function noop(): Promise<void> {}

async function* toAsync(batches: ImportBatch[]) {
  yield* batches;
}
