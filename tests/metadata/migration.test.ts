// An embedded DATA_DIR written before paper metadata existed gains its tables on open and keeps its
// data; one holding metadata but no search table gets the table filled from what is stored.
import { rm } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { seedIfEmpty } from '../../server/src/seed.ts';
import { databasePath } from '../../server/src/store/embedded/database.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import { makeTempDir } from '../helpers/stores.ts';

let dataDir: string;
beforeEach(async () => {
  dataDir = await makeTempDir('metadata-migration');
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

function dropTables(...tables: string[]): void {
  const db = new DatabaseSync(databasePath(dataDir));
  for (const table of tables) db.exec(`DROP TABLE ${table}`);
  db.close();
}

const ENTRY = {
  paperId: 'arxiv:2606.26071',
  fetchedAt: '2026-07-01T00:00:00.000Z',
  metadata: {
    title: 'Scheming or Confusion?',
    authors: [{ name: 'Mira Okafor' }],
    year: 2026,
    venue: null,
    abstract: 'Most apparent schemes are laziness.',
    topics: ['cs.AI'],
    arxivId: '2606.26071',
    doi: null,
    publishedAt: null,
  },
  references: [],
};

describe('embedded store: metadata tables on an existing DATA_DIR', () => {
  it('a store from before metadata opens with its episodes and gains the metadata tables', async () => {
    let store = await createEmbeddedStore({ dataDir });
    await seedIfEmpty(store);
    await store.close();
    dropTables('paper_metadata_fts', 'paper_references', 'paper_metadata');

    store = await createEmbeddedStore({ dataDir });
    expect((await store.stats()).episodes).toBe(8);
    expect(await store.enrichmentCounts('2026-01-01T00:00:00.000Z')).toEqual({
      pending: 32,
      done: 0,
    });
    await store.saveMetadata([ENTRY]);
    expect(
      (await store.searchPaperMetadata({ author: 'okafor' }, 5)).map((h) => h.paperId),
    ).toEqual([ENTRY.paperId]);
    await store.close();
  });

  it('metadata stored before the search table existed is searchable after the next open', async () => {
    let store = await createEmbeddedStore({ dataDir });
    await seedIfEmpty(store);
    await store.saveMetadata([ENTRY]);
    await store.close();
    dropTables('paper_metadata_fts');

    store = await createEmbeddedStore({ dataDir });
    expect(
      (await store.searchPaperMetadata({ text: 'laziness Okafor' }, 5)).map((h) => h.paperId),
    ).toEqual([ENTRY.paperId]);
    await store.close();
  });
});
