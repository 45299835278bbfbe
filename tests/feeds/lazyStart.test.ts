// A restart answers without loading what only imports and Atom requests need (the import pipeline with
// its XML and HTML parsers, the seed's importer, the Atom builder); each loads on its first use.
import { readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../helpers/processes.ts';
import { makeTempDir } from '../helpers/stores.ts';
import { graphql, startServer, type RunningServer } from '../reliability/serverProcess.ts';

/**
 * Preloaded into the server (NODE_OPTIONS=--import): records every module it resolves and, on SIGUSR2,
 * writes their URLs to MODULE_LOG_FILE. A data: URL, as NODE_OPTIONS takes no quoted paths.
 */
const MODULE_LOG_HOOK = `data:text/javascript;base64,${Buffer.from(
  `
  import { writeFileSync } from 'node:fs';
  import { registerHooks } from 'node:module';
  const loaded = new Set();
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      loaded.add(resolved.url);
      return resolved;
    },
  });
  process.on('SIGUSR2', () => writeFileSync(process.env.MODULE_LOG_FILE, JSON.stringify([...loaded])));
`,
).toString('base64')}`;

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

/** The modules the server has loaded so far. */
async function loadedModules(running: RunningServer): Promise<string[]> {
  await rm(logFile, { force: true });
  running.child.kill('SIGUSR2');
  await waitUntil(
    async () => (await stat(logFile).catch(() => null)) !== null,
    running.child,
    10_000,
    'module log',
  );
  await new Promise((resolve) => setTimeout(resolve, 50)); // written in one call; let it finish
  return JSON.parse(await readFile(logFile, 'utf8')) as string[];
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
    env: { NODE_OPTIONS: `--import ${MODULE_LOG_HOOK}`, MODULE_LOG_FILE: logFile },
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
    const modules = await loadedModules(server!);
    expect(modules.some((url) => url.endsWith('/server/src/graphql/yoga.ts'))).toBe(true);
    expect(loadedOf(modules, ON_FIRST_USE)).toEqual([]);
  });

  it('loads the Atom builder with the first Atom request', async () => {
    const response = await fetch(`${server!.baseUrl}/atom/episodes?site=http://localhost:3000`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<feed');
    const modules = await loadedModules(server!);
    expect(loadedOf(modules, ON_FIRST_USE)).toEqual([
      '/server/src/atom/atomDocuments.ts',
      '/node_modules/fast-xml-parser/',
    ]);
  });
});
