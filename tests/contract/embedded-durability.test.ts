// Embedded store only: what survives a restart, a failed write and a kill -9.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, it } from 'vitest';

import { databasePath } from '../../server/src/store/embedded/database.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { arxivPaper, batchOf, episode, generateCorpus } from '../helpers/batchBuilder.ts';
import { relatedOf } from '../helpers/storeCalls.ts';
import { type Fingerprint, storeFingerprint } from '../helpers/storeFingerprint.ts';
import { makeTempDir } from '../helpers/stores.ts';
import { batchWith, episodes as ep, papers as p, podcastBatch } from './fixtures.ts';

const WORKER = fileURLToPath(new URL('../helpers/importWorker.ts', import.meta.url));

describe('embedded store durability', () => {
  const dirs: string[] = [];
  const stores: GraphStore[] = [];
  const tempDir = async () => {
    const dir = await makeTempDir('durability');
    dirs.push(dir);
    return dir;
  };
  const open = async (dataDir: string) => {
    const store = await createEmbeddedStore({ dataDir });
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('keeps an acknowledged import across close and reopen, with the same graph answers', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await first.importBatch(podcastBatch);
    const before = {
      fingerprint: await storeFingerprint(first),
      related: await relatedOf(first, ep.prm.id, 10),
      graph: await first.graph({ focus: ep.prm.id, depth: 2, limit: 100, minCitations: 1 }),
      path: await first.path(ep.grpo.id, p.untitled.id),
      search: await first.search('reward', 10),
    };
    await first.close();
    await expect(first.stats()).rejects.toThrow(/closed/);
    const reopened = await open(dir);
    expect({
      fingerprint: await storeFingerprint(reopened),
      related: await relatedOf(reopened, ep.prm.id, 10),
      graph: await reopened.graph({ focus: ep.prm.id, depth: 2, limit: 100, minCitations: 1 }),
      path: await reopened.path(ep.grpo.id, p.untitled.id),
      search: await reopened.search('reward', 10),
    }).toEqual(before);
    expect((await reopened.importBatch(podcastBatch)).unchanged).toHaveLength(5);
  });

  it('writes nothing at all when a re-import changes nothing', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await store.importBatch(podcastBatch);
    const files = [databasePath(dir), `${databasePath(dir)}-wal`];
    const snapshot = () =>
      files.map((f) => (existsSync(f) ? [statSync(f).size, statSync(f).mtimeMs] : null));
    const before = snapshot();
    await store.importBatch(podcastBatch);
    await store.importBatch(batchWith(ep.grpo, ep.r1));
    expect(snapshot()).toEqual(before);
  });

  it('a write failing mid-transaction leaves disk and memory exactly as before', async () => {
    const dir = await tempDir();
    const store = await open(dir);
    await store.importBatch(batchWith(ep.grpo, ep.r1, ep.dpo));
    const before = await storeFingerprint(store);

    // Fault injection from outside the store: a trigger makes SQLite abort when the batch's last
    // episode is written, after papers, an update and other inserts already happened in the transaction.
    const doomed = episode({
      title: 'Doomed',
      source: arxivPaper('2405.00001', null),
      recommends: [p.attention],
    });
    const batch = batchOf(
      [{ ...ep.r1, summary: 'Rewritten.', recommendations: [] }, ep.prm, ep.fresh, doomed],
      [...Object.values(p), arxivPaper('2405.00001', null)],
    );
    const side = new DatabaseSync(databasePath(dir));
    side.exec(`CREATE TRIGGER fail_doomed BEFORE INSERT ON citations WHEN NEW.episode_id = '${doomed.id}'
               BEGIN SELECT RAISE(ABORT, 'injected failure'); END`);
    side.close();

    await expect(store.importBatch(batch)).rejects.toThrow(/injected failure/);
    expect(await storeFingerprint(store)).toEqual(before);
    expect(await relatedOf(store, ep.grpo.id, 5)).toHaveLength(2);
    await store.close();
    expect(await storeFingerprint(await open(dir))).toEqual(before);

    // The store stays usable: without the fault the same batch goes through.
    const repaired = new DatabaseSync(databasePath(dir));
    repaired.exec('DROP TRIGGER fail_doomed');
    repaired.close();
    const store2 = await open(dir);
    expect(await store2.importBatch(batch)).toEqual({
      added: [ep.prm.id, ep.fresh.id, doomed.id],
      updated: [ep.r1.id],
      unchanged: [],
    });
    expect((await store2.stats()).episodes).toBe(6);
  });

  it('refuses a database file written by a newer schema version', async () => {
    const dir = await tempDir();
    await (await open(dir)).close();
    const db = new DatabaseSync(databasePath(dir));
    db.exec('PRAGMA user_version = 99');
    db.close();
    await expect(createEmbeddedStore({ dataDir: dir })).rejects.toThrow(/schema version 99/);
  });

  it(
    'kill -9 during a large import leaves the store exactly before or after, never in between',
    { timeout: 420_000 },
    async () => {
      const initial = generateCorpus({
        episodes: 300,
        papers: 2000,
        recommendationsPerEpisode: 8,
        seed: 1,
      });
      // Overlaps the initial corpus: 300 updates (some dropping papers), 3700 additions, merged papers.
      const big = generateCorpus({
        episodes: 4000,
        papers: 3000,
        recommendationsPerEpisode: 10,
        seed: 2,
        revision: ' (rev 2)',
      });

      const template = await tempDir();
      const seeded = await createEmbeddedStore({ dataDir: template });
      await seeded.importBatch(initial);
      const beforeState = await storeFingerprint(seeded);
      await seeded.close(); // last connection: WAL checkpointed into the main file

      const reference = await open(await tempDir());
      await reference.importBatch(initial);
      await reference.importBatch(big);
      const afterState = await storeFingerprint(reference);
      expect(afterState.digest).not.toBe(beforeState.digest);

      const batchFile = join(await tempDir(), 'big.json');
      writeFileSync(batchFile, JSON.stringify(big));
      const timing = await runWorker(await copyOf(template), batchFile, null);
      expect(timing.killed).toBe(false);
      const importMs = timing.importMs!;

      const outcomes: {
        aimAtWrite: boolean;
        delayMs: number;
        killed: boolean;
        state: 'before' | 'after';
        walBytes: number;
      }[] = [];
      const deadline = Date.now() + 60_000;
      // At least 4 kills; keep going (bounded) until one provably hit the open write transaction.
      while (
        outcomes.length < 4 ||
        (!outcomes.some(midWrite) && outcomes.length < 12 && Date.now() < deadline)
      ) {
        const dir = await copyOf(template);
        // Every other run aims at the write itself: the kill goes out as soon as the transaction's first
        // pages reach the WAL (with the import's page cache that is only at COMMIT, a short window that
        // random timing alone rarely hits). The others pick any moment of the import.
        const aimAtWrite = outcomes.length % 2 === 1;
        const delayMs = Math.random() * importMs;
        const run = await runWorker(dir, batchFile, aimAtWrite ? 'first WAL frame' : delayMs);
        const walBytes = walSize(dir);
        const reopened = await open(dir);
        const state = await storeFingerprint(reopened);
        await reopened.close();
        const integrity = new DatabaseSync(databasePath(dir), { readOnly: true });
        expect(integrity.prepare('PRAGMA integrity_check').get()).toEqual({
          integrity_check: 'ok',
        });
        integrity.close();
        const label = aimAtWrite
          ? 'kill at the first WAL frame'
          : `kill after ${delayMs.toFixed(0)} ms`;
        expect([beforeState, afterState], label).toContainEqual(state);
        outcomes.push({
          aimAtWrite,
          delayMs,
          killed: run.killed,
          state: equal(state, beforeState) ? 'before' : 'after',
          walBytes,
        });
      }
      console.info(`kill -9 runs (import takes ~${importMs} ms):`, outcomes);
      // Before-state with WAL frames on disk = the crash interrupted the transaction mid-write.
      expect(outcomes.some(midWrite)).toBe(true);
    },
  );

  const midWrite = (o: { state: string; walBytes: number }) =>
    o.state === 'before' && o.walBytes > WAL_HEADER_BYTES;

  async function copyOf(template: string): Promise<string> {
    const dir = await tempDir();
    cpSync(template, dir, { recursive: true });
    return dir;
  }
});

function equal(a: Fingerprint, b: Fingerprint): boolean {
  return a.digest === b.digest;
}

/** A WAL with frames is longer than its header. */
const WAL_HEADER_BYTES = 32;

function walSize(dataDir: string): number {
  const wal = `${databasePath(dataDir)}-wal`;
  return existsSync(wal) ? statSync(wal).size : 0;
}

/**
 * Runs the import in a child. `kill`: SIGKILL that many ms after it starts importing, or as soon as the
 * WAL holds a frame (polled every millisecond), or never (null).
 */
function runWorker(
  dataDir: string,
  batchFile: string,
  kill: number | 'first WAL frame' | null,
): Promise<{ killed: boolean; importMs: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, dataDir, batchFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (kill === null || timer !== undefined || !stdout.includes('importing\n')) return;
      if (kill === 'first WAL frame') {
        timer = setInterval(() => {
          if (walSize(dataDir) > WAL_HEADER_BYTES) child.kill('SIGKILL');
        }, 1);
      } else {
        timer = setTimeout(() => child.kill('SIGKILL'), kill);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      if (signal === 'SIGKILL') return resolve({ killed: true, importMs: null });
      if (code !== 0) return reject(new Error(`import worker exited with ${code}: ${stderr}`));
      const match = /imported (\d+) ms/.exec(stdout);
      resolve({ killed: false, importMs: match ? Number(match[1]) : null });
    });
  });
}
