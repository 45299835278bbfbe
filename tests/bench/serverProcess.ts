// Child processes the bench talks to over loopback: the API server and the built web app.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { BUILDING_LINE, compileCacheDir } from '../../server/src/bundle/bundleCache.ts';
import { freePort, residentMemory, stopProcess, waitUntil } from '../helpers/processes.ts';

const API_ENTRY = fileURLToPath(new URL('./apiServer.ts', import.meta.url));

export interface Running {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn until the first successful answer of `probe`. */
  readyMs: number;
  stop(): Promise<void>;
  /** `error` with the process's state attached: whether it is still running, and its stderr's end. */
  explain(error: unknown): Error;
}

/** The last lines a child wrote to stderr, and how it ended if it has. */
export function explainer(child: ChildProcess, name: string, stderr: () => string) {
  return (error: unknown): Error => {
    const state =
      child.exitCode !== null || child.signalCode !== null
        ? `the ${name} process had exited (code ${child.exitCode}, signal ${child.signalCode})`
        : `the ${name} process was still running`;
    const tail = stderr().split('\n').slice(-20).join('\n');
    return new Error(`${(error as Error).message}\n${state}; its stderr ends:\n${tail}`, {
      cause: error,
    });
  };
}

export { residentMemory };

/**
 * CPU time (user + system, all threads) a process has used so far, in ms (Linux /proc); null once it
 * is gone. On a shared machine this, not the wall time, says what opening costs.
 */
export function cpuMilliseconds(pid: number): number | null {
  try {
    // Fields after the command name; utime and stime are the 12th and 13th, in USER_HZ (100 per second).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

const STATS_QUERY = '{ stats { episodes papers citations } }';

export async function postGraphql(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

export type StartedApi = Running & {
  readyCpuMs: number | null;
  stats: { episodes: number; papers: number; citations: number };
  /** The launcher built the server bundle before serving: the times include the build. */
  builtBundle: boolean;
};

/**
 * Starts the API on `dataDir` and times process start → first answered `stats` (and the CPU the
 * process spent to get there). `env` adds to the API's environment (e.g. NEO4J_URI to run it on
 * Neo4j; DATA_DIR is then unused).
 */
export async function startApi(
  dataDir: string,
  log: (line: string) => void,
  env: Record<string, string> = {},
): Promise<StartedApi> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const started = performance.now();
  const child = spawn(process.execPath, [API_ENTRY], {
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      API_HOST: '127.0.0.1',
      API_PORT: String(port),
      PORT: String(port + 1),
      NEO4J_URI: '',
      SEED_ON_START: 'false',
      ENRICH: 'false',
      // As `npm start` launches the server (package.json): the launcher's modules come compiled.
      NODE_COMPILE_CACHE: compileCacheDir(),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let stats: { episodes: number; papers: number; citations: number } | undefined;
  try {
    await waitUntil(
      async () => {
        const answer = await postGraphql(url, STATS_QUERY);
        stats = answer.data?.stats as typeof stats;
        return stats !== undefined;
      },
      child,
      120_000,
      'API server',
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`, { cause: error });
  }
  const readyMs = performance.now() - started;
  const readyCpuMs = cpuMilliseconds(child.pid!);
  log(`api: ${url} answered stats after ${readyMs.toFixed(0)} ms (CPU ${readyCpuMs ?? '?'} ms)`);
  return {
    child,
    url,
    readyMs,
    readyCpuMs,
    stats: stats!,
    builtBundle: stdout.includes(BUILDING_LINE),
    stop: () => stopProcess(child),
    explain: explainer(child, 'API', () => stderr),
  };
}

/** Builds the bundle if the sources changed and fills the compile cache: one start on an empty store. */
async function untimedStart(log: (line: string) => void): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'papergraph-bench-warm-'));
  try {
    await (await startApi(dir, log)).stop();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const TIMED_START_ATTEMPTS = 3;

/**
 * startApi for an open that is timed. The first start after a change to the server's sources builds
 * the bundle (seconds, in a child process) and then runs with an empty compile cache, so it says
 * nothing about opening: such a start is stopped, an untimed start fills the compile cache, and the
 * timed start runs again. `beforeEach` runs before every timed attempt (e.g. to remove the graph file).
 */
export async function startApiForTiming(
  dataDir: string,
  log: (line: string) => void,
  beforeEach: () => void = () => {},
): Promise<StartedApi> {
  // Another process's start may have built the bundle and emptied the compile cache.
  if (!existsSync(compileCacheDir())) await untimedStart(log);
  for (let attempt = 1; ; attempt++) {
    beforeEach();
    const api = await startApi(dataDir, log);
    if (!api.builtBundle || attempt === TIMED_START_ATTEMPTS) {
      if (api.builtBundle)
        log(`api: the server's sources kept changing: this open includes building the bundle`);
      return api;
    }
    log('api: that start built the server bundle (its sources changed): timing it again');
    await api.stop();
    await untimedStart(log);
  }
}

/** Starts the built SvelteKit app (adapter-node) against `apiUrl`; ready when `/` answers. */
export async function startWeb(buildDir: string, apiUrl: string): Promise<Running> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [buildDir], {
    env: { ...process.env, API_URL: apiUrl, HOST: '127.0.0.1', PORT: String(port), ORIGIN: url },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    await waitUntil(async () => (await fetch(url)).status < 500, child, 60_000, 'web server');
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`, { cause: error });
  }
  return {
    child,
    url,
    readyMs: performance.now() - started,
    stop: () => stopProcess(child),
    explain: explainer(child, 'web', () => stderr),
  };
}
