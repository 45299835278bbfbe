// Restart and memory: a fresh API process on the imported store, timed from spawn to the first answered
// `stats`, and its resident memory once loaded, against the same process on an empty store.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { row, unmeasured, type Row } from './report.ts';
import { residentMemory, startApi, type Running } from './serverProcess.ts';

export const RESTART_GOAL = { kind: 'atMost', target: 3, unit: 's' } as const;
export const MEMORY_GOAL = { kind: 'atMost', target: 600, unit: 'MB' } as const;

const MB = 1e6;
const settle = () => new Promise((r) => setTimeout(r, 1_000));

/** RSS of an API process on an empty store: what the runtime, schema and SQLite cost before any data. */
export async function emptyStoreRss(log: (line: string) => void): Promise<number | null> {
  const dir = await mkdtemp(join(tmpdir(), 'papergraph-bench-empty-'));
  const api = await startApi(dir, log);
  try {
    await settle();
    return residentMemory(api.child.pid!)?.rss ?? null;
  } finally {
    await api.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

export async function restartAndMemoryRows(
  dataDir: string,
  log: (line: string) => void,
): Promise<{ rows: Row[]; api: Running; stats: { episodes: number; papers: number; citations: number } }> {
  const baseline = await emptyStoreRss(log);
  const api = await startApi(dataDir, log);
  const restart = row('restart', 'restart: process start → answering stats', RESTART_GOAL, api.readyMs / 1000, `${(api.readyMs / 1000).toFixed(2)} s`);
  await settle();
  const memory = residentMemory(api.child.pid!);
  const { episodes, papers, citations } = api.stats;
  let memoryRow: Row;
  if (memory === null) {
    memoryRow = unmeasured('memory', 'resident memory, large store loaded', MEMORY_GOAL, '/proc is not available on this OS');
  } else {
    const items = episodes + papers + citations;
    // Below some thousands of nodes the difference is lost in the process's own noise.
    const perItem = baseline === null || items < 10_000 || memory.rss <= baseline ? null : (memory.rss - baseline) / items;
    memoryRow = row(
      'memory',
      'resident memory with the store loaded',
      MEMORY_GOAL,
      memory.rss / MB,
      `${Math.round(memory.rss / MB)} MB` + (perItem === null ? '' : `, ${Math.round(perItem)} B per node/edge`),
      `RSS of the API process after loading ${episodes} episodes + ${papers} papers (nodes) and ${citations} citations (edges); ` +
        `peak during load ${Math.round(memory.peak / MB)} MB` +
        (baseline === null ? '' : `; the same process on an empty store ${Math.round(baseline / MB)} MB`) +
        (perItem === null ? '' : `, so (loaded − empty) ÷ (nodes + edges) = ${perItem.toFixed(0)} B`),
    );
  }
  return { rows: [restart, memoryRow], api, stats: api.stats };
}
