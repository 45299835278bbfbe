// Child process for the in-process query rows: opens the store fresh (as a restarted server holds it,
// without the garbage of the import the bench just ran), measures, and prints the rows as JSON.
//   node queryWorker.ts <dataDir> <quick: 0|1>
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import { queryRows, sampleQueries } from './queryRows.ts';

const [dataDir, quickFlag] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: queryWorker.ts <dataDir> <quick: 0|1>');
const quick = quickFlag === '1';
const store = await createEmbeddedStore({ dataDir });
try {
  const sample = await sampleQueries(store, quick ? 20 : 500);
  const sizes = quick
    ? { relatedSamples: 40, citedBySamples: 20, graphSamples: 10, mapSamples: 4 }
    : { relatedSamples: 2_000, citedBySamples: 500, graphSamples: 200, mapSamples: 40 };
  const { rows } = await queryRows(store, sample, sizes);
  process.stdout.write(`${JSON.stringify({ rows, sample })}\n`);
} finally {
  await store.close();
}
