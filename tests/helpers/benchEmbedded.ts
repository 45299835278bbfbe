// Manual benchmark for the embedded store's scale goals (not part of the test run):
//   node tests/helpers/benchEmbedded.ts <dataDir> [episodes=100000]
// Fills <dataDir> with a generated corpus (10 recommendations per episode, imported in chunks of 10k)
// unless it already holds one, then measures a cold open, its memory and a few queries in a fresh process.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import { generateCorpus } from './batchBuilder.ts';

const [dataDir, episodesArg, mode] = process.argv.slice(2);
if (!dataDir) throw new Error('usage: benchEmbedded.ts <dataDir> [episodes]');
const target = Number(episodesArg ?? 100_000);
const ms = (since: number) => `${Math.round(performance.now() - since)} ms`;

if (mode === '--measure-open') {
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const store = await createEmbeddedStore({ dataDir });
  const openTime = ms(started);
  globalThis.gc?.();
  const { rss, heapUsed } = process.memoryUsage();
  console.log(`cold open ${openTime}`, await store.stats());
  console.log(`rss ${(rss / 1e6).toFixed(0)} MB (process start ${(rssBefore / 1e6).toFixed(0)} MB), heap used ${(heapUsed / 1e6).toFixed(0)} MB`);
  const newest = (await store.listEpisodes({ offset: 0, limit: 1 })).items[0];
  const timed = async (label: string, run: () => Promise<unknown>) => {
    const t = performance.now();
    await run();
    console.log(`${label}: ${ms(t)}`);
  };
  if (newest) {
    await timed('related(10)', () => store.related(newest.id, 10));
    await timed('graph focus depth 2', () => store.graph({ focus: newest.id, depth: 2, limit: 5000, minCitations: 1 }));
  }
  await timed('graph overview limit 5000', () => store.graph({ depth: 1, limit: 5000, minCitations: 2 }));
  await timed('search', () => store.search('reasoning topic 7', 20));
  await timed('listPapers', () => store.listPapers({ offset: 1000, limit: 20, minCitations: 2 }));
  await store.close();
} else {
  const store = await createEmbeddedStore({ dataDir });
  for (let chunk = 0; (await store.stats()).episodes < target; chunk += 1) {
    const batch = generateCorpus({
      episodes: Math.min(10_000, target - (await store.stats()).episodes),
      papers: 400_000,
      recommendationsPerEpisode: 10,
      seed: 100 + chunk,
      sourcePrefix: String(2500 + chunk),
    });
    const t = performance.now();
    const result = await store.importBatch(batch);
    console.log(`import chunk ${chunk}: ${result.added.length} added in ${ms(t)}`, await store.stats());
  }
  await store.close();
  const self = fileURLToPath(import.meta.url);
  spawnSync(process.execPath, ['--expose-gc', self, dataDir, String(target), '--measure-open'], { stdio: 'inherit' });
}
