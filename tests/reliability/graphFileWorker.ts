// Child process for the graph-file crash test: opens the embedded store in argv[2] with the graph-file
// write held back for ten minutes, imports the batch JSON in argv[3], says "committed" and waits to be
// killed. So a SIGKILL lands after COMMIT and before the graph file is written, every time.
import { readFileSync } from 'node:fs';

import type { ImportBatch } from '../../server/src/domain/model.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';

const [dataDir, batchFile] = process.argv.slice(2);
if (!dataDir || !batchFile) throw new Error('usage: graphFileWorker.ts <dataDir> <batch.json>');
const batch = JSON.parse(readFileSync(batchFile, 'utf8')) as ImportBatch;
const store = await createEmbeddedStore({ dataDir, graphFileDelayMs: 600_000 });
const result = await store.importBatch(batch);
process.stdout.write(`committed ${result.added.length} added ${result.updated.length} updated\n`);
// The write is scheduled on an unref'd timer; this keeps the process alive until the kill.
setInterval(() => undefined, 60_000);
