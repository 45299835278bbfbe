// kill -9 of the real server in the middle of a large importFeed: after a restart the store is
// exactly as before that import or exactly as after it, never in between; earlier imports are intact;
// an import the server acknowledged is always there. Black box: the server is a child process
// (node server/src/main.ts), the import goes over HTTP, the state is read back over GraphQL.
import { cpSync, existsSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

import { afterAll, describe, expect, it } from 'vitest';

import { databasePath } from '../../server/src/store/embedded/database.ts';
import { type ApiFingerprint, apiFingerprint, httpQuery } from './apiFingerprint.ts';
import { largeRssFeed } from './largeFeed.ts';
import { type RunningServer, startServer, TEST_ADMIN_TOKEN } from './serverProcess.ts';

const IMPORT =
  'mutation ($content: String!) { importFeed(content: $content) { __typename ... on ImportSummary { added updated } } }';
const EARLIER = largeRssFeed({ episodes: 200 });
/** Overlaps EARLIER: its 200 episodes are updated (new text), 1,800 more are added. */
const LARGE = largeRssFeed({ episodes: 2_000, revision: ' (rev 2)' });
const MIN_RUNS = 3;
const MAX_RUNS = 8;
const BUDGET_MS = 35_000;

function sendImport(
  server: RunningServer,
  content: string,
): Promise<{ status: number; body: any }> {
  return fetch(server.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    body: JSON.stringify({ query: IMPORT, variables: { content } }),
  }).then(async (response) => ({ status: response.status, body: await response.json() }));
}

const fingerprintOf = (server: RunningServer) => apiFingerprint(httpQuery(server.graphqlUrl));

function walBytes(dataDir: string): number {
  const wal = `${databasePath(dataDir)}-wal`;
  return existsSync(wal) ? statSync(wal).size : 0;
}

/** A WAL holding only its header has no pages of any transaction in it. */
const WAL_HEADER_BYTES = 32;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves with the time the store's WAL first holds a page (the write is under way), or null at the deadline. */
async function waitForWal(dataDir: string, deadline: number): Promise<number | null> {
  while (performance.now() < deadline) {
    if (walBytes(dataDir) > WAL_HEADER_BYTES) return performance.now();
    await sleep(1);
  }
  return null;
}

function integrity(dataDir: string): unknown {
  const db = new DatabaseSync(databasePath(dataDir), { readOnly: true });
  try {
    return db.prepare('PRAGMA integrity_check').get();
  } finally {
    db.close();
  }
}

describe('kill -9 of the server during a large importFeed', () => {
  const dirs: string[] = [];
  const servers: RunningServer[] = [];
  const tempDir = async (label: string) => {
    const dir = await mkdtemp(join(tmpdir(), `papergraph-crash-${label}-`));
    dirs.push(dir);
    return dir;
  };
  const start = async (dataDir: string) => {
    const server = await startServer({ dataDir, adminToken: TEST_ADMIN_TOKEN });
    servers.push(server);
    return server;
  };
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.kill()));
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it(
    'leaves the store exactly before or after the import, with earlier imports intact',
    { timeout: 240_000 },
    async () => {
      // The starting point: the seed (imported on first start) and one more acknowledged import.
      const template = await tempDir('template');
      const first = await start(template);
      const earlier = await sendImport(first, EARLIER);
      expect(earlier.body.data.importFeed.added).toHaveLength(200);
      const before: ApiFingerprint = await fingerprintOf(first);
      expect(before).toMatchObject({ episodes: 208 });
      await first.kill('SIGTERM');

      // The reference end state, from an import left to finish; its duration sets the kill window.
      const referenceDir = await tempDir('reference');
      cpSync(template, referenceDir, { recursive: true });
      const reference = await start(referenceDir);
      const startedAt = performance.now();
      const walSeen = waitForWal(referenceDir, startedAt + 30_000);
      const done = await sendImport(reference, LARGE);
      const importMs = performance.now() - startedAt;
      // The write transaction's share of the request: from its first WAL frame to the answer.
      const writeMs = Math.max(20, performance.now() - ((await walSeen) ?? startedAt));
      expect(done.body.data.importFeed).toMatchObject({ __typename: 'ImportSummary' });
      expect(done.body.data.importFeed.updated).toHaveLength(200);
      const after = await fingerprintOf(reference);
      expect(after).toMatchObject({ episodes: 2_008 });
      await reference.kill('SIGTERM');

      const runs: {
        killAfterMs: number;
        aimAtWrite: boolean;
        acknowledged: boolean;
        state: 'before' | 'after';
        walBytes: number;
      }[] = [];
      const midWrite = () =>
        runs.some((run) => run.state === 'before' && run.walBytes > WAL_HEADER_BYTES);
      const deadline = Date.now() + BUDGET_MS;
      while (
        runs.length < MIN_RUNS ||
        (!midWrite() && runs.length < MAX_RUNS && Date.now() < deadline)
      ) {
        const dataDir = await tempDir(`run${runs.length}`);
        cpSync(template, dataDir, { recursive: true });
        const server = await start(dataDir);
        // Every other run aims at the write transaction itself: the kill goes out as soon as its first
        // pages reach the WAL (the write is short, ~50 ms, so random timing alone rarely lands in it).
        // The others pick any moment of the request: upload, parsing, writing or answering.
        const aimAtWrite = runs.length % 2 === 1;
        const sentAt = performance.now();
        let acknowledged = false;
        const pending = sendImport(server, LARGE).then(
          () => (acknowledged = true),
          () => undefined, // the connection dies with the server
        );
        if (aimAtWrite) {
          await waitForWal(dataDir, sentAt + 30_000);
        } else {
          await sleep(Math.random() * importMs);
        }
        const killAfterMs = performance.now() - sentAt;
        const exit = await server.kill('SIGKILL');
        await pending;
        expect(exit.signal).toBe('SIGKILL');
        const wal = walBytes(dataDir);

        const restarted = await start(dataDir);
        const state = await fingerprintOf(restarted);
        await restarted.kill('SIGTERM');
        expect(integrity(dataDir)).toEqual({ integrity_check: 'ok' });
        const label = `kill after ${killAfterMs.toFixed(0)} of ~${importMs.toFixed(0)} ms`;
        expect([before, after], label).toContainEqual(state);
        if (acknowledged) expect(state, `${label}: the import was acknowledged`).toEqual(after);
        runs.push({
          killAfterMs: Math.round(killAfterMs),
          aimAtWrite,
          acknowledged,
          state: state.digest === before.digest ? 'before' : 'after',
          walBytes: wal,
        });
      }
      console.info(
        `server kill -9 runs (import takes ~${Math.round(importMs)} ms, its write ~${Math.round(writeMs)} ms):`,
        runs,
      );
      // A before-state with WAL frames on disk means the kill hit the open write transaction, and
      // recovery rolled it back.
      expect(midWrite()).toBe(true);
    },
  );
});
