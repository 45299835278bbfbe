// `npm run import` on the embedded store never loads the in-memory graph (it asks it nothing): the
// graph file is not read into memory, so it is not rewritten either; the next open sees it is stale
// and rebuilds the graph from SQLite with the imported episodes.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { afterEach, expect, it } from 'vitest';

import { graphFilePath } from '../../server/src/store/embedded/graphFile.ts';
import { createEmbeddedStore, type GraphLoad } from '../../server/src/store/embedded/index.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SEED_RSS = join(ROOT, 'seed/ai-papers-deep-dive.rss.xml');

let dataDir = '';
afterEach(() => rm(dataDir, { recursive: true, force: true }));

it('imports without loading the graph; the next open rebuilds it with the new episodes', async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'papergraph-cli-graph-'));
  // A store with a current graph file of an empty graph.
  await (await createEmbeddedStore({ dataDir })).close();
  const before = readFileSync(graphFilePath(dataDir));

  const result = spawnSync(process.execPath, [join(ROOT, 'server/src/cli/import.ts'), SEED_RSS], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, NEO4J_URI: '' },
    encoding: 'utf8',
  });
  expect(result.stderr).toBe('');
  expect(result.stdout).toMatch(/8 added, 0 updated, 0 unchanged/);
  // A loaded graph would have taken the 8 episodes and been written back at close.
  expect(readFileSync(graphFilePath(dataDir)).equals(before)).toBe(true);

  const loads: GraphLoad[] = [];
  const store = await createEmbeddedStore({ dataDir, onGraphLoad: (load) => loads.push(load) });
  try {
    expect(loads).toMatchObject([
      { from: 'sqlite', reason: 'written for another state of the database' },
    ]);
    expect((await store.stats()).episodes).toBe(8);
  } finally {
    await store.close();
  }
});
