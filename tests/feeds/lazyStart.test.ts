// A restart answers without loading what only imports and Atom requests need (the import pipeline with
// its XML and HTML parsers, the seed's importer, the Atom builder); each loads on its first use. The
// server runs from its bundle: a lazy import is a chunk of its own, loaded with its first use too.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadedModules, moduleLogEnv } from '../cli/moduleLog.ts';
import { makeTempDir } from '../helpers/stores.ts';
import { graphql, type RunningServer, startServer } from '../reliability/serverProcess.ts';

/** Loaded only by an import, a seed or an Atom request. */
const ON_FIRST_USE = [
  '/server/src/import/pipeline.ts',
  '/server/src/seed.ts',
  '/server/src/atom/atomDocuments.ts',
  '/node_modules/fast-xml-parser/',
  '/node_modules/htmlparser2/',
];

let dataDir: string;
let server: RunningServer | undefined;
let logFile: string;

/** The source modules the server has loaded so far (those in the bundle's loaded chunks). */
async function loadedSources(running: RunningServer): Promise<string[]> {
  return (await loadedModules(running.child, logFile)).sources;
}

const loadedOf = (modules: string[], parts: string[]) =>
  parts.filter((part) => modules.some((url) => url.includes(part)));

beforeAll(async () => {
  dataDir = await makeTempDir('lazy-start');
  logFile = join(dataDir, 'modules.json');
  // The first start seeds the store; the one under test is the restart after it.
  const first = await startServer({ dataDir, seed: true });
  expect((await graphql(first, '{ stats { episodes } }')).body.data?.stats.episodes).toBe(8);
  await first.kill('SIGTERM');
  server = await startServer({
    dataDir,
    seed: true,
    env: moduleLogEnv(logFile),
  });
}, 120_000);

afterAll(async () => {
  await server?.kill('SIGTERM');
  await rm(dataDir, { recursive: true, force: true });
});

describe('a restart of npm start', () => {
  it('answers before loading the import pipeline, the seed importer or the Atom builder', async () => {
    const answer = await graphql(server!, '{ stats { episodes } }');
    expect(answer.body.data?.stats.episodes).toBe(8);
    const { resolved } = await loadedModules(server!.child, logFile);
    expect(resolved.filter((url) => url.endsWith('/serve.js'))).toEqual([
      expect.stringContaining('/node_modules/.cache/papergraph-server/'),
    ]);
    const modules = await loadedSources(server!);
    expect(modules.some((url) => url.endsWith('/server/src/graphql/yoga.ts'))).toBe(true);
    expect(loadedOf(modules, ON_FIRST_USE)).toEqual([]);
  });

  it('loads the Atom builder with the first Atom request', async () => {
    const response = await fetch(`${server!.baseUrl}/atom/episodes?site=http://localhost:3000`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<feed');
    const modules = await loadedSources(server!);
    expect(loadedOf(modules, ON_FIRST_USE)).toEqual([
      '/server/src/atom/atomDocuments.ts',
      '/node_modules/fast-xml-parser/',
    ]);
  });
});
