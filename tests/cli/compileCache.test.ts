// `npm start` keeps its compiled modules in Node's compile cache, written once the server answers, so
// the next start loads them instead of stripping types and compiling again, even after a kill.
import { glob, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { graphql, startServer, type RunningServer } from '../reliability/serverProcess.ts';
import { waitUntil } from '../helpers/processes.ts';

let scratch: string;
let server: RunningServer | undefined;
beforeEach(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'papergraph-compile-cache-'));
});
afterEach(async () => {
  await server?.kill();
  server = undefined;
  await rm(scratch, { recursive: true, force: true });
});

async function cachedModules(cacheDir: string): Promise<string[]> {
  const files: string[] = [];
  for await (const file of glob('**/*', { cwd: cacheDir, withFileTypes: true }))
    if (file.isFile()) files.push(file.name);
  return files;
}

it('a start writes the compile cache of the modules it loaded while it runs', async () => {
  const cacheDir = join(scratch, 'cache');
  server = await startServer({
    dataDir: join(scratch, 'data'),
    seed: false,
    env: { NODE_COMPILE_CACHE: cacheDir },
  });
  const answer = await graphql(server, '{ stats { episodes } }');
  expect(answer.body.data?.stats).toEqual({ episodes: 0 });
  // The server's own modules and its dependencies: far more than the entry point alone.
  await waitUntil(
    async () => (await cachedModules(cacheDir)).length > 200,
    server.child,
    20_000,
    'compile cache',
  );
  const { signal } = await server.kill('SIGKILL');
  expect(signal).toBe('SIGKILL');
  expect((await cachedModules(cacheDir)).length).toBeGreaterThan(200);
});
