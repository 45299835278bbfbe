// Restart and memory: a fresh API process on the imported store, timed from spawn to the first answered
// `stats`, and its resident memory once loaded, against the same process on an empty store. Twice: once
// without the graph file (the graph rebuilt from SQLite, as after a crash or an upgrade; the process
// writes the file when it stops), then opening from that file, as a restart normally does. The API
// processes run from the server bundle as `npm start` does (server/src/bundle/); a timed start that
// had to build it first is timed again (startApiForTiming).
import { existsSync, rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { graphFilePath } from '../../server/src/store/embedded/graphFile.ts';
import { type Goal, type Row, row, unmeasured } from './report.ts';
import {
  residentMemory,
  type Running,
  startApi,
  startApiForTiming,
  type StartedApi,
} from './serverProcess.ts';

/** Issue 15: open within a blink and stay small, from the graph file. */
export const RESTART_GOAL = { kind: 'atMost', target: 0.25, unit: 's' } as const;
export const MEMORY_GOAL = { kind: 'atMost', target: 150, unit: 'MB' } as const;
/** Without a valid graph file the rebuild must stay within the issue-5 goals. */
const REBUILD_GOAL = { kind: 'atMost', target: 3, unit: 's' } as const;
const REBUILD_MEMORY_GOAL = { kind: 'atMost', target: 600, unit: 'MB' } as const;

const MB = 1e6;
const settle = () => new Promise((r) => setTimeout(r, 1_000));

export const RESTART_CPU_ID = 'restart-cpu';
const RESTART_CPU_LABEL = 'open from the graph file: CPU time to the first answer';

/** RSS of an API process on an empty store: what the runtime, schema and SQLite cost before any data. */
async function emptyStoreRss(log: (line: string) => void): Promise<number | null> {
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
): Promise<{
  rows: Row[];
  api: Running;
  stats: { episodes: number; papers: number; citations: number };
}> {
  const baseline = await emptyStoreRss(log);
  const rebuilding = await startApiForTiming(dataDir, log, () =>
    rmSync(graphFilePath(dataDir), { force: true }),
  );
  const rebuildRows = await openRows(rebuilding, baseline, {
    restart: ['restart-rebuild', 'open without a graph file (rebuilt from SQLite)', REBUILD_GOAL],
    memory: ['memory-rebuild', 'resident memory after a rebuild from SQLite', REBUILD_MEMORY_GOAL],
  });
  await rebuilding.stop(); // closing the store writes the graph file
  if (!existsSync(graphFilePath(dataDir)))
    throw new Error(`the API process stopped without writing ${graphFilePath(dataDir)}`);
  const api = await startApiForTiming(dataDir, log);
  const fileRows = await openRows(api, baseline, {
    restart: ['restart', 'open from the graph file: process start → answering stats', RESTART_GOAL],
    memory: ['memory', 'resident memory, opened from the graph file', MEMORY_GOAL],
  });
  const cpuRow =
    api.readyCpuMs === null
      ? unmeasured(
          RESTART_CPU_ID,
          RESTART_CPU_LABEL,
          RESTART_GOAL,
          '/proc is not available on this OS',
        )
      : row(
          RESTART_CPU_ID,
          RESTART_CPU_LABEL,
          RESTART_GOAL,
          api.readyCpuMs / 1000,
          `${(api.readyCpuMs / 1000).toFixed(2)} s`,
          'CPU time (user + system) of the restart row’s process until its first answer: what the open costs when a busy machine stretches the wall time',
        );
  const [restartRow, memoryRow] = fileRows;
  return { rows: [restartRow!, cpuRow, memoryRow!, ...rebuildRows], api, stats: api.stats };
}

/** The open time and resident memory of one started API process. */
export async function openRows(
  api: StartedApi,
  baseline: number | null,
  labels: Record<'restart' | 'memory', [id: string, label: string, goal: Goal]>,
): Promise<Row[]> {
  const [restartId, restartLabel, restartGoal] = labels.restart;
  const [memoryId, memoryLabel, memoryGoal] = labels.memory;
  const restart = row(
    restartId,
    restartLabel,
    restartGoal,
    api.readyMs / 1000,
    `${(api.readyMs / 1000).toFixed(2)} s`,
  );
  await settle();
  const memory = residentMemory(api.child.pid!);
  const { episodes, papers, citations } = api.stats;
  let memoryRow: Row;
  if (memory === null) {
    memoryRow = unmeasured(memoryId, memoryLabel, memoryGoal, '/proc is not available on this OS');
  } else {
    const items = episodes + papers + citations;
    // Below some thousands of nodes the difference is lost in the process's own noise.
    const perItem =
      baseline === null || items < 10_000 || memory.rss <= baseline
        ? null
        : (memory.rss - baseline) / items;
    memoryRow = row(
      memoryId,
      memoryLabel,
      memoryGoal,
      memory.rss / MB,
      `${Math.round(memory.rss / MB)} MB` +
        (perItem === null ? '' : `, ${Math.round(perItem)} B per node/edge`),
      `RSS of the API process after loading ${episodes} episodes + ${papers} papers (nodes) and ${citations} citations (edges); ` +
        `peak during load ${Math.round(memory.peak / MB)} MB` +
        (baseline === null
          ? ''
          : `; the same process on an empty store ${Math.round(baseline / MB)} MB`) +
        (perItem === null
          ? ''
          : `, so (loaded − empty) ÷ (nodes + edges) = ${perItem.toFixed(0)} B`),
    );
  }
  return [restart, memoryRow];
}
