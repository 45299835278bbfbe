// The texts relations are computed from, in a multi-file import: each file's texts are counted on the
// parse worker as soon as the file is parsed, and the store keeps only their counted terms; a paper a later
// file titles changes the texts of the episodes an earlier file gave that cite it. The relations must
// be those of the same feed imported at once.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, expect, it, vi } from 'vitest';

import type { ImportBatch } from '../../server/src/domain/model.ts';
import { importFiles } from '../../server/src/import/importFiles.ts';
import { importFeedContent } from '../../server/src/import/pipeline.ts';
import { toJsonExport } from '../../server/src/import/readers/json.ts';
import { onCountedBatch } from '../../server/src/relations/countedTexts.ts';
import { Vocabulary } from '../../server/src/relations/terms.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import type { BatchSource, GraphStore } from '../../server/src/store/store.ts';
import { SEED_RSS } from './seedFiles.ts';

const seed = importFeedContent(SEED_RSS);

let dir: string;
const stores: GraphStore[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'papergraph-import-texts-'));
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()));
  await rm(dir, { recursive: true, force: true });
});

async function imported(name: string, batches: readonly ImportBatch[]): Promise<GraphStore> {
  const files = await Promise.all(
    batches.map(async (batch, i) => {
      const path = join(dir, `${name}-${i}.json`);
      await writeFile(path, toJsonExport(batch));
      return path;
    }),
  );
  const store = await createEmbeddedStore({ dataDir: join(dir, name) });
  stores.push(store);
  await importFiles(store, files);
  return store;
}

const related = async (store: GraphStore) =>
  store.relatedByEpisodeIds(
    seed.episodes.map((episode) => episode.id),
    50,
  );

it('gives the relations of the whole feed at once when a later file titles the papers an earlier one cites', async () => {
  const untitled = seed.papers.map((paper) => ({ ...paper, title: null }));
  const whole = await imported('whole', [seed]);
  // Tokenizing on this thread: the import's texts, the retitled ones included, are counted on its
  // parse workers, whose tokenizers are another module instance.
  const countedHere = vi.spyOn(Vocabulary.prototype, 'countText');
  const parts = await imported('parts', [
    { episodes: seed.episodes.slice(0, 5), papers: untitled },
    { episodes: seed.episodes.slice(5), papers: seed.papers },
  ]);
  expect(countedHere).not.toHaveBeenCalled();
  countedHere.mockRestore();
  const expected = await related(whole);
  expect(expected.flat().length).toBeGreaterThan(0);
  expect(await related(parts)).toEqual(expected);
});

it('gives the relations of the whole feed at once when its files are counted on the worker', async () => {
  const whole = await imported('whole', [seed]);
  const parts = await imported('parts', [
    { episodes: seed.episodes.slice(0, 3), papers: seed.papers },
    { episodes: seed.episodes.slice(3, 6), papers: seed.papers },
    { episodes: seed.episodes.slice(6), papers: seed.papers },
  ]);
  expect(await related(parts)).toEqual(await related(whole));
});

it('counts a file as soon as it is parsed, while the store still writes the files before it', async () => {
  const files = await Promise.all(
    [seed.episodes.slice(0, 4), seed.episodes.slice(4)].map(async (episodes, i) => {
      const path = join(dir, `early-${i}.json`);
      await writeFile(path, toJsonExport({ episodes, papers: seed.papers }));
      return path;
    }),
  );
  const store = await createEmbeddedStore({ dataDir: join(dir, 'early') });
  stores.push(store);
  let counted = 0;
  const stopListening = onCountedBatch(() => (counted += 1));
  const writeAll = store.importBatches.bind(store);
  // The store holds on to the first file until both files' texts are counted: counting the second
  // only when the store asks for it would never get there.
  async function* secondAfterBothCounted(batches: BatchSource): AsyncGenerator<ImportBatch> {
    let taken = 0;
    for await (const batch of batches) {
      yield batch;
      taken += 1;
      if (taken === 1) await vi.waitFor(() => expect(counted).toBe(2), { timeout: 20_000 });
    }
  }
  store.importBatches = (batches) => writeAll(secondAfterBothCounted(batches));
  try {
    await importFiles(store, files);
  } finally {
    stopListening();
  }
  expect(counted).toBe(2);
});
