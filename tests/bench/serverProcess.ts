// Child processes the bench talks to over loopback: the API server and the built web app.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const API_ENTRY = fileURLToPath(new URL('./apiServer.ts', import.meta.url));

export interface Running {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawn until the first successful answer of `probe`. */
  readyMs: number;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Resident and peak resident memory of a process, in bytes (Linux /proc). */
export function residentMemory(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return null;
  }
}

async function waitUntil(probe: () => Promise<boolean>, child: ChildProcess, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}`);
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`${what} did not answer within ${timeoutMs} ms`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

export const STATS_QUERY = '{ stats { episodes papers citations } }';

export async function postGraphql(url: string, query: string, variables?: Record<string, unknown>): Promise<{ data?: any; errors?: unknown[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: unknown[] };
}

/** Starts the API on `dataDir` and times process start → first answered `stats`. */
export async function startApi(dataDir: string, log: (line: string) => void): Promise<Running & { stats: { episodes: number; papers: number; citations: number } }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/graphql`;
  const started = performance.now();
  const child = spawn(process.execPath, [API_ENTRY], {
    env: { ...process.env, DATA_DIR: dataDir, API_HOST: '127.0.0.1', API_PORT: String(port), PORT: String(port + 1), NEO4J_URI: '', SEED_ON_START: 'false' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let stats: { episodes: number; papers: number; citations: number } | undefined;
  try {
    await waitUntil(
      async () => {
        const answer = await postGraphql(url, STATS_QUERY);
        stats = answer.data?.stats;
        return stats !== undefined;
      },
      child,
      120_000,
      'API server',
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  const readyMs = performance.now() - started;
  log(`api: ${url} answered stats after ${readyMs.toFixed(0)} ms`);
  return { child, url, readyMs, stats: stats!, stop: stopper(child) };
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
    throw new Error(`${(error as Error).message}\n${stderr}`);
  }
  return { child, url, readyMs: performance.now() - started, stop: stopper(child) };
}
