// Starts papergraph the way a person does — `node server/src/main.ts`, what `npm start` runs after
// building the web app: one process serving the explorer and the API, seeding an empty store in a
// temporary DATA_DIR, on free ports — and a real headless Chromium from the system (never downloaded).
// E2E_BASE_URL + E2E_API_URL point the tests at an already running stack.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { type Browser, chromium } from 'playwright-core';

import { freePort, stopProcess } from '../helpers/processes.ts';

const ROOT = resolve(import.meta.dirname, '../..');
export const ARTIFACTS = join(ROOT, 'test-artifacts');
export const CHROMIUM = '/usr/bin/chromium';

export interface Stack {
  baseUrl: string;
  apiUrl: string;
  /** The web server alone, its API unreachable (to see how the app reports an outage). */
  startWebWithoutApi(): Promise<{ baseUrl: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

async function waitFor(
  url: string,
  what: string,
  child: ChildProcess,
  log: string[],
): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${what} exited with ${child.exitCode}:\n${log.join('')}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not answer ${url} within 60 s:\n${log.join('')}`);
}

function start(
  args: string[],
  env: Record<string, string>,
  cwd: string,
): { child: ChildProcess; log: string[] } {
  const log: string[] = [];
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => log.push(chunk.toString()));
  return { child, log };
}

/**
 * `npm test` builds the web app before any test runs (other tests start the server too, and must never
 * see a half-written build); run by hand, the browser tests build it when it is missing.
 */
function ensureWebBuilt(): void {
  if (existsSync(join(ROOT, 'web/build/handler.js'))) return;
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: join(ROOT, 'web'),
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`web build failed:\n${result.stdout}\n${result.stderr}`);
}

/** `env` adds to the app's environment, e.g. NEO4J_URI to run the stack on Neo4j. */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const external = process.env['E2E_BASE_URL'];
  const startWebWithoutApi = async () => {
    const [webPort, deadApiPort] = [await freePort(), await freePort()];
    const web = start(
      ['web/build'],
      {
        API_URL: `http://127.0.0.1:${deadApiPort}/graphql`,
        PORT: String(webPort),
        HOST: '127.0.0.1',
      },
      ROOT,
    );
    const baseUrl = `http://127.0.0.1:${webPort}`;
    await waitFor(baseUrl + '/favicon.svg', 'the web server', web.child, web.log);
    return { baseUrl, close: () => stopProcess(web.child) };
  };
  if (external) {
    const apiUrl = process.env['E2E_API_URL'] ?? 'http://127.0.0.1:4000/graphql';
    return {
      baseUrl: external.replace(/\/$/, ''),
      apiUrl,
      startWebWithoutApi,
      close: async () => {},
    };
  }

  ensureWebBuilt();
  const dataDir = await mkdtemp(join(tmpdir(), 'papergraph-e2e-'));
  const [apiPort, webPort] = [await freePort(), await freePort()];
  const app = start(
    ['server/src/main.ts'],
    {
      API_PORT: String(apiPort),
      API_HOST: '127.0.0.1',
      PORT: String(webPort),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ...env,
    },
    ROOT,
  );
  const baseUrl = `http://127.0.0.1:${webPort}`;
  await waitFor(`http://127.0.0.1:${apiPort}/health`, 'the API', app.child, app.log);
  await waitFor(baseUrl + '/episodes', 'the web app', app.child, app.log);

  return {
    baseUrl,
    apiUrl: `http://127.0.0.1:${apiPort}/graphql`,
    startWebWithoutApi,
    async close() {
      await stopProcess(app.child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM}; the browser tests use the system browser and never download one. ` +
        'Install it with: apt-get update && apt-get install -y chromium',
    );
  }
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** One GraphQL call straight to the API, for expected values. */
export async function apiQuery<T>(
  apiUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await fetch(apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (!body.data || body.errors?.length)
    throw new Error(`API query failed: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** What importFeed answered: its result type, and the episodes it added when it imported. */
export interface ImportResult {
  __typename: string;
  added?: string[];
}

/** importFeed through the API with the admin token, as an operator's script sends it. */
export async function importFeedThroughApi(
  apiUrl: string,
  adminToken: string,
  content: string,
): Promise<ImportResult> {
  const response = await fetch(apiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({
      query:
        'mutation ($c: String!) { importFeed(content: $c) { __typename ... on ImportSummary { added } ... on Error { message } } }',
      variables: { c: content },
    }),
  });
  const body = (await response.json()) as { data?: { importFeed: ImportResult } };
  if (!body.data) throw new Error(`importFeed failed: ${JSON.stringify(body)}`);
  return body.data.importFeed;
}
