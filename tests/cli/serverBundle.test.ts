// `npm start` runs the server from a bundle (server/src/bundle/) built once per state of its sources:
// a second start reuses it, a source change rebuilds it, a failed build falls back to the sources,
// stack traces still name the .ts files, and with the compile cache given at launch (as `npm start`
// gives it) Node loads no type stripper. Run on a copy of the server's sources (dependencies
// linked), so the tests can edit and break them without touching the tree.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  appendFile,
  copyFile,
  cp,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { compileCacheDir, DEFAULT_CACHE_DIR } from '../../server/src/bundle/bundleCache.ts';
import { freePort, waitUntil } from '../helpers/processes.ts';
import { loadedModules, moduleLogEnv } from './moduleLog.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const API_LINE = /papergraph API \(embedded store\): (http:\/\/\S+)/;
const BUILDING = 'Building the server bundle';
const FALLBACK = 'The server bundle could not be built';
/** Node's own module that strips types from a `.ts` file (Node 24). */
const TYPE_STRIPPER = 'NativeModule internal/deps/amaro/dist/index';

/**
 * Preloaded into the server (NODE_OPTIONS=--import): on SIGUSR2 writes the Node-internal modules the
 * process has loaded (`process.moduleLoadList`) to INTERNAL_MODULE_LOG_FILE.
 */
const INTERNAL_MODULE_LOG_HOOK = `data:text/javascript;base64,${Buffer.from(
  `
  import { writeFileSync } from 'node:fs';
  process.on('SIGUSR2', () =>
    writeFileSync(process.env.INTERNAL_MODULE_LOG_FILE, JSON.stringify(process.moduleLoadList)),
  );
`,
).toString('base64')}`;

let scratch: string;
let copy: string;
let cacheDir: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'papergraph-server-bundle-'));
  copy = join(scratch, 'repo');
  cacheDir = join(scratch, 'bundles');
  await cp(join(ROOT, 'server/src'), join(copy, 'server/src'), { recursive: true });
  for (const file of ['package.json', 'package-lock.json', 'server/package.json'])
    await copyFile(join(ROOT, file), join(copy, file));
  for (const dir of ['node_modules', 'server/node_modules'])
    if (existsSync(join(ROOT, dir))) await symlink(join(ROOT, dir), join(copy, dir), 'dir');
});

afterAll(() => rm(scratch, { recursive: true, force: true }));

interface Started {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** `node server/src/main.ts` of the copy, as `npm start` runs it, on a fresh data folder. */
async function start(env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, [join(copy, 'server/src/main.ts')], {
    cwd: copy,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      DATA_DIR: await mkdtemp(join(scratch, 'data-')),
      API_HOST: '127.0.0.1',
      API_PORT: String(await freePort()),
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      SEED_ON_START: 'false',
      ENRICH: 'false',
      SERVER_BUNDLE_DIR: cacheDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

/** Waits for the API's line, then for its answer to a stats query. */
async function serving(server: Started): Promise<void> {
  await waitUntil(async () => API_LINE.test(server.output()), server.child, 120_000, 'API line');
  const url = API_LINE.exec(server.output())![1]!;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ stats { episodes } }' }),
  });
  expect(await response.json()).toEqual({ data: { stats: { episodes: 0 } } });
}

async function stop(server: Started): Promise<void> {
  server.child.kill('SIGTERM');
  await server.exited;
}

/** The Node-internal modules `server` (started with INTERNAL_MODULE_LOG_HOOK) has loaded so far. */
async function internalModules(server: Started, logFile: string): Promise<string[]> {
  server.child.kill('SIGUSR2');
  await waitUntil(
    async () => (await stat(logFile).catch(() => null)) !== null,
    server.child,
    10_000,
    'internal module log',
  );
  await new Promise((done) => setTimeout(done, 50)); // written in one call; let it finish
  return JSON.parse(await readFile(logFile, 'utf8')) as string[];
}

function internalModuleLogEnv(logFile: string): Record<string, string> {
  return {
    NODE_OPTIONS: `--import ${INTERNAL_MODULE_LOG_HOOK}`,
    INTERNAL_MODULE_LOG_FILE: logFile,
  };
}

/** Files in the compile cache (V8's code, by source file, under a folder per Node version). */
async function compileCacheFiles(): Promise<string[]> {
  const entries = await readdir(compileCacheDir(cacheDir), {
    recursive: true,
    withFileTypes: true,
  }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

async function cacheEntries(): Promise<string[]> {
  return (await readdir(cacheDir)).sort();
}

const bundleFolders = async () => (await cacheEntries()).filter((name) => /^[0-9a-f]+$/.test(name));

/** The bundle folder whose serve.js the server loaded; null when it ran from the sources. */
async function runningBundle(server: Started, logFile: string): Promise<string | null> {
  const { resolved } = await loadedModules(server.child, logFile);
  const entry = resolved.find(
    (url) => url.startsWith(`file://${cacheDir}/`) && url.endsWith('/serve.js'),
  );
  return entry === undefined ? null : entry.slice(`file://${cacheDir}/`.length).split('/')[0]!;
}

describe('the server bundle', { timeout: 240_000 }, () => {
  it('is built once by two starts at the same time, and both serve from it', async () => {
    const [first, second] = [await start(), await start()];
    try {
      await Promise.all([serving(first), serving(second)]);
      const lines = `${first.output()}${second.output()}`.split('\n');
      expect(lines.filter((line) => line.includes(BUILDING))).toEqual([
        'Building the server bundle (the first time; later starts reuse it)…',
      ]);
      expect(`${first.output()}${second.output()}`).not.toContain(FALLBACK);
    } finally {
      await Promise.all([stop(first), stop(second)]);
    }
    const entries = await cacheEntries();
    expect(await bundleFolders()).toHaveLength(1);
    // No build folder or lock left behind: one bundle and the stamp that names it.
    expect(entries.filter((name) => name.includes('.tmp-') || name.endsWith('.lock'))).toEqual([]);
  });

  it('is not rebuilt by a second start, which runs from it and prints no build line', async () => {
    const [bundle] = await bundleFolders();
    const builtAt = (await stat(join(cacheDir, bundle!, 'serve.js'))).mtimeMs;
    const logFile = join(scratch, 'modules-second.json');
    const server = await start(moduleLogEnv(logFile));
    try {
      await serving(server);
      expect(server.output()).not.toContain(BUILDING);
      expect(server.output()).not.toContain(FALLBACK);
      expect(await runningBundle(server, logFile)).toBe(bundle);
      const { sources, resolved } = await loadedModules(server.child, logFile);
      expect(sources).toContain(`file://${copy}/server/src/graphql/yoga.ts`);
      // The build path loads only when a start has no bundle to run.
      expect(resolved).toContain(`file://${copy}/server/src/bundle/serverBundle.ts`);
      expect(resolved).not.toContain(`file://${copy}/server/src/bundle/rebuild.ts`);
    } finally {
      await stop(server);
    }
    expect(await bundleFolders()).toEqual([bundle]);
    expect((await stat(join(cacheDir, bundle!, 'serve.js'))).mtimeMs).toBe(builtAt);
    // V8's code cache of the chunks, kept for the next start.
    expect((await compileCacheFiles()).length).toBeGreaterThan(0);
  });

  it('is started without Node’s type stripper when the compile cache is given at launch, as npm start gives it', async () => {
    const atLaunch = { NODE_COMPILE_CACHE: compileCacheDir(cacheDir) };
    // The first start with the cache at launch adds the launcher's type-stripped modules to it.
    const first = await start(atLaunch);
    try {
      await serving(first);
    } finally {
      await stop(first);
    }
    const launched = await start({
      ...atLaunch,
      ...internalModuleLogEnv(join(scratch, 'internal-launched.json')),
    });
    const enabledLater = await start(internalModuleLogEnv(join(scratch, 'internal-later.json')));
    try {
      await Promise.all([serving(launched), serving(enabledLater)]);
      expect(
        await internalModules(launched, join(scratch, 'internal-launched.json')),
      ).not.toContain(TYPE_STRIPPER);
      // Enabled by the launcher, the cache comes too late for the `.ts` entry.
      expect(await internalModules(enabledLater, join(scratch, 'internal-later.json'))).toContain(
        TYPE_STRIPPER,
      );
      expect(`${launched.output()}${enabledLater.output()}`).not.toContain(BUILDING);
    } finally {
      await Promise.all([stop(launched), stop(enabledLater)]);
    }
  });

  it('keeps its compile cache in the folder npm start gives Node at launch', async () => {
    const { scripts } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const atLaunch = /\bNODE_COMPILE_CACHE=(\S+) node server\/src\/main\.ts\b/.exec(scripts.start!);
    expect(atLaunch, scripts.start).not.toBeNull();
    expect(resolve(ROOT, atLaunch![1]!)).toBe(compileCacheDir(DEFAULT_CACHE_DIR));
  });

  it('is all ASCII, so Node reads each chunk into a one-byte string without decoding UTF-8', async () => {
    const [bundle] = await bundleFolders();
    const folder = join(cacheDir, bundle!);
    const chunks = (await readdir(folder)).filter((name) => name.endsWith('.js'));
    expect(chunks.length).toBeGreaterThan(10);
    for (const name of chunks)
      expect(
        (await readFile(join(folder, name))).every((byte) => byte < 0x80),
        name,
      ).toBe(true);
  });

  it('finds the files its modules read beside them where the sources are, the parse worker among them', async () => {
    const [bundle] = await bundleFolders();
    const folder = join(cacheDir, bundle!);
    const code = (
      await Promise.all(
        (await readdir(folder))
          .filter((name) => name.endsWith('.js'))
          .map((name) => readFile(join(folder, name), 'utf8')),
      )
    ).join('\n');
    const beside = [...code.matchAll(/new URL\("([^"]+)", "(file:\/\/[^"]+)"\)/g)].map(
      ([, relative, base]) => fileURLToPath(new URL(relative!, base)),
    );
    expect(beside).toEqual(
      expect.arrayContaining([
        join(copy, 'server/src/import/parseFeedWorker.ts'),
        join(copy, 'server/src/graphql/graphiql/boot.js'),
      ]),
    );
    for (const path of beside.filter((p) => p.startsWith(join(copy, 'server/src'))))
      expect(existsSync(path), path).toBe(true);
  });

  it('names the .ts files and their lines in a stack trace', async () => {
    // A data folder under a file: the store's mkdir throws an error the server prints with its stack.
    const notAFolder = join(scratch, 'a-file');
    await writeFile(notAFolder, '');
    const server = await start({ DATA_DIR: join(notAFolder, 'data') });
    expect(await server.exited).toBe(1);
    const output = server.output();
    expect(output).toContain('ENOTDIR');
    // From the bundle built above (no build, no fallback), yet no frame names it.
    expect(output).not.toContain(BUILDING);
    expect(output).not.toContain(FALLBACK);
    expect(output).not.toContain(cacheDir);
    const frame =
      /at createEmbeddedStore \((?:file:\/\/)?(\S+\/server\/src\/store\/embedded\/index\.ts):(\d+):\d+\)/.exec(
        output,
      );
    expect(frame, output).not.toBeNull();
    const [, file, line] = frame!;
    expect(file).toBe(`${copy}/server/src/store/embedded/index.ts`);
    const sourceLine = (await readFile(file!, 'utf8')).split('\n')[Number(line) - 1];
    expect(sourceLine).toMatch(/mkdir/);
    expect(output).toMatch(/at async main \((?:file:\/\/)?\S+\/server\/src\/serve\.ts:\d+:\d+\)/);
  });

  it('is rebuilt after a source change, and the server runs the changed code', async () => {
    const [before] = await bundleFolders();
    // Code of the chunks before, which the build throws away with them.
    const earlierCode = await compileCacheFiles();
    expect(earlierCode.length).toBeGreaterThan(0);
    await appendFile(join(copy, 'server/src/serve.ts'), "\nconsole.log('serve.ts, edited');\n");
    const logFile = join(scratch, 'modules-edited.json');
    // With the compile cache given at launch, as npm start gives it.
    const server = await start({
      ...moduleLogEnv(logFile),
      NODE_COMPILE_CACHE: compileCacheDir(cacheDir),
    });
    try {
      await serving(server);
      expect(server.output()).toContain(
        'Building the server bundle (its sources changed since the last build)…',
      );
      expect(server.output()).toContain('serve.ts, edited');
      const after = await runningBundle(server, logFile);
      expect(after).not.toBeNull();
      expect(after).not.toBe(before);
    } finally {
      await stop(server);
    }
    const laterCode = await compileCacheFiles();
    expect(laterCode.filter((file) => earlierCode.includes(file))).toEqual([]);
    // The building process's own code of the new chunks, for the next start.
    expect(laterCode.length).toBeGreaterThan(0);
  });

  it('falls back to the sources when the build fails, says so in one line, and still serves', async () => {
    const bundlesBefore = await bundleFolders();
    // A syntax error in a module the start does not load: the bundler refuses it, the sources run.
    await appendFile(join(copy, 'server/src/atom/atomDocuments.ts'), '\nexport const broken = ;\n');
    const logFile = join(scratch, 'modules-broken.json');
    const server = await start(moduleLogEnv(logFile));
    try {
      await serving(server);
      const fallbackLines = server
        .output()
        .split('\n')
        .filter((line) => line.includes(FALLBACK));
      expect(fallbackLines).toEqual([
        expect.stringMatching(
          /^The server bundle could not be built, so the server starts from its sources \(slower\): /,
        ),
      ]);
      expect(await runningBundle(server, logFile)).toBeNull();
      const { resolved } = await loadedModules(server.child, logFile);
      expect(resolved).toContain(`file://${copy}/server/src/serve.ts`);
    } finally {
      await stop(server);
    }
    expect(await bundleFolders()).toEqual(bundlesBefore);
    const leftovers = (await cacheEntries()).filter(
      (n) => n.includes('.tmp-') || n.endsWith('.lock'),
    );
    expect(leftovers).toEqual([]);
  });
});
