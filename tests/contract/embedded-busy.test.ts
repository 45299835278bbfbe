// Embedded store only: a second writer holding the SQLite file makes a write fail as StoreBusyError
// (the API answers it as STORE_BUSY), and the store writes again once the file is free.
import { rm } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';

import { afterEach, describe, expect, it } from 'vitest';

import { databasePath } from '../../server/src/store/embedded/database.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import { StoreBusyError } from '../../server/src/store/errors.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { makeTempDir } from '../helpers/stores.ts';
import { podcastBatch } from './fixtures.ts';

describe('embedded store under another writer', () => {
  let dir: string | undefined;
  let store: GraphStore | undefined;
  let other: DatabaseSync | undefined;
  afterEach(async () => {
    if (other?.isOpen) other.close();
    await store?.close();
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  });

  it('fails an import with StoreBusyError while the file is locked, then imports', async () => {
    dir = await makeTempDir('busy');
    store = await createEmbeddedStore({ dataDir: dir });
    other = new DatabaseSync(databasePath(dir), { timeout: 0 });
    other.exec('BEGIN IMMEDIATE');

    const failure = await store.importBatch(podcastBatch).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StoreBusyError);
    expect((failure as StoreBusyError).cause).toMatchObject({ code: 'ERR_SQLITE_ERROR' });
    expect(await store.stats()).toEqual({ episodes: 0, papers: 0, citations: 0 });

    other.exec('ROLLBACK');
    const result = await store.importBatch(podcastBatch);
    expect(result.added.length).toBe(podcastBatch.episodes.length);
  });
});
