// `--growth`: the main figures at several feed sizes, each with its growth factor against the size
// before it: (figure ÷ previous figure) ÷ (citations ÷ previous citations). 1 is linear in the graph's
// size, below 1 grows slower, above 1 faster than linearly. Import is taken by its time, so that the
// factor reads the same way as the others.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { graphFilePath } from '../../server/src/store/embedded/graphFile.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import { defaultFeedDir, ensureFeed } from './feed.ts';
import { timeImport } from './importRows.ts';
import { runQueryWorker } from './queryProcess.ts';
import { MAP_LIMIT } from './queryRows.ts';
import type { Row } from './report.ts';
import { MEMORY_GOAL, openRows, RESTART_GOAL } from './restartRows.ts';
import { startApiForTiming } from './serverProcess.ts';
import { ms } from './timing.ts';

interface Figure {
  id: string;
  label: string;
  /** How one measured value reads. */
  shown: (value: number, size: SizeFigures) => string;
}

interface SizeFigures {
  size: string;
  episodes: number;
  papers: number;
  citations: number;
  /** By figure id: import-seconds, restart (s), memory (MB), related-p50, cited-by-p50, graph-p50, map-p50 (ms). */
  values: Record<string, number>;
}

export interface GrowthTable {
  sizes: SizeFigures[];
}

const millis = (value: number) => `${ms(value)} ms`;

const FIGURES: Figure[] = [
  {
    id: 'import-seconds',
    label: 'import (JSON export, search indexes included)',
    shown: (seconds, size) =>
      `${Math.round(size.episodes / seconds).toLocaleString('en-US')} episodes/s (${seconds.toFixed(1)} s)`,
  },
  { id: 'restart', label: 'open: process start → first answer', shown: (s) => `${s.toFixed(2)} s` },
  { id: 'memory', label: 'resident memory once open', shown: (mb) => `${Math.round(mb)} MB` },
  { id: 'related-p50', label: 'related(first:10) p50', shown: millis },
  { id: 'cited-by-p50', label: 'citedBy(first:50) of the most-cited paper p50', shown: millis },
  { id: 'graph-p50', label: 'graph(focus, depth:2, limit:2000) p50', shown: millis },
  { id: 'map-p50', label: `episodeMap(limit:${MAP_LIMIT}) p50`, shown: millis },
];

async function measureSize(size: string, options: GrowthOptions): Promise<SizeFigures> {
  const { seed, quick, log } = options;
  const feedDir = options.feedRoot
    ? join(options.feedRoot, `feed-${size}-seed${seed}`)
    : defaultFeedDir(size, seed);
  const feed = ensureFeed(size, seed, feedDir, log);
  const dataDir = await mkdtemp(join(tmpdir(), 'papergraph-bench-growth-'));
  try {
    log(`growth ${size}: import into ${dataDir}`);
    const store = await createEmbeddedStore({ dataDir });
    const timing = await timeImport(store, feed, 'json');
    await store.close();
    log(`growth ${size}: queries`);
    const { rows: queryRows } = runQueryWorker(dataDir, quick);
    if (!existsSync(graphFilePath(dataDir)))
      throw new Error(`the import left no graph file in ${dataDir} to open from`);
    log(`growth ${size}: open from the graph file and memory`);
    const api = await startApiForTiming(dataDir, log);
    const { stats } = api;
    let processRows: Row[];
    try {
      processRows = await openRows(api, null, {
        restart: ['restart', 'open', RESTART_GOAL],
        memory: ['memory', 'memory', MEMORY_GOAL],
      });
    } finally {
      await api.stop();
    }
    const byId = (rows: Row[], id: string) => rows.find((r) => r.id === id)?.value ?? Number.NaN;
    const all = [...queryRows, ...processRows];
    return {
      size,
      ...stats,
      values: {
        'import-seconds': timing.seconds,
        ...Object.fromEntries(
          FIGURES.slice(1).map((figure) => [figure.id, byId(all, figure.id)] as const),
        ),
      },
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

interface GrowthOptions {
  sizes: string[];
  seed: number;
  /** Folder holding one feed folder per size; the bench's usual feed folders when absent. */
  feedRoot?: string;
  quick: boolean;
  log: (line: string) => void;
}

export async function growthTable(options: GrowthOptions): Promise<GrowthTable> {
  const sizes: SizeFigures[] = [];
  for (const size of options.sizes) {
    const figures = await measureSize(size, options);
    // Each size as it is done: a long run cut short keeps the sizes it measured.
    options.log(`growth ${size}: ${JSON.stringify(figures)}`);
    sizes.push(figures);
  }
  return { sizes };
}

/** (value ÷ previous) ÷ (citations ÷ previous citations). */
function growthFactor(
  value: number,
  previousValue: number,
  citations: number,
  previousCitations: number,
): number {
  return value / previousValue / (citations / previousCitations);
}

export function renderGrowth(table: GrowthTable): string {
  const { sizes } = table;
  const header = [
    'figure',
    ...sizes.map((s) => `${s.size} (${s.citations.toLocaleString('en-US')} citations)`),
  ];
  const cells = FIGURES.map((figure) => [
    figure.label,
    ...sizes.map((size, i) => {
      const value = size.values[figure.id]!;
      const previous = sizes[i - 1];
      const shown = figure.shown(value, size);
      if (!previous) return shown;
      const factor = growthFactor(
        value,
        previous.values[figure.id]!,
        size.citations,
        previous.citations,
      );
      return `${shown}, growth ${factor.toFixed(2)}`;
    }),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    'Growth: each figure with (figure ÷ previous size) ÷ (citations ÷ previous citations); ' +
      '1 = linear in the graph, < 1 slower, > 1 faster (import by its time)',
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.map(line),
  ].join('\n');
}
