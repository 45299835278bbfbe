// Child process for the crash test: opens the embedded store in argv[2], imports the batch JSON in
// argv[3] and reports progress on stdout, so the parent can SIGKILL it mid-import.
import { readFileSync } from 'node:fs';

import type { ImportBatch } from '../../server/src/domain/model.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';

const [dataDir, batchFile] = process.argv.slice(2);
if (!dataDir || !batchFile) throw new Error('usage: importWorker.ts <dataDir> <batch.json>');
const batch = JSON.parse(readFileSync(batchFile, 'utf8')) as ImportBatch;
const store = await createEmbeddedStore({ dataDir });
process.stdout.write('importing\n');
const started = performance.now();
const result = await store.importBatch(batch);
process.stdout.write(
  `imported ${Math.round(performance.now() - started)} ms: ${result.added.length} added, ${result.updated.length} updated\n`,
);
await store.close();
