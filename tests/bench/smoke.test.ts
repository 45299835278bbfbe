// Keeps `npm run bench` from rotting: runs it end to end at a tiny size with short runs and checks that
// every figure of issue 5 is printed with a measured value, and Kùzu's figures beside papergraph's
// (`--peer kuzu`); then `--growth` over two tiny sizes. The verdicts are not asserted: a tiny run on a
// busy CI machine says nothing about the goals.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, describe, expect, it } from 'vitest';

import { neo4jTestSettings } from '../helpers/neo4j.ts';
import type { GrowthTable } from './growth.ts';
import type { PeerRow } from './kuzuPeer.ts';

const RUN = fileURLToPath(new URL('./run.ts', import.meta.url));
const ROWS = [
  'import-rss',
  'import-relations',
  'import-json',
  'related-p50',
  'related-p99',
  'cited-by-p50',
  'graph-p50',
  'map-p50',
  'graphql-overhead',
  'restart',
  'restart-cpu',
  'memory',
  'restart-rebuild',
  'memory-rebuild',
  'http-throughput',
  'http-p99',
  'http-hostile-document',
  'persisted-bytes',
  'persisted-parse',
  'persisted-episode',
  'web-initial-js',
  'web-ttfb',
  'web-home-map',
  'web-home-isolated',
  'web-layout',
  'web-frame',
  'web-frame-p95',
  'web-layout-5000',
  'web-frame-5000',
  'web-frame-5000-p95',
];

// Where Neo4j can run, the smoke run compares both stores too (`--store both`), so that half cannot rot either.
const withNeo4j = neo4jTestSettings().skipReason === undefined;

const PEER_ROWS = [
  'peer-import',
  'peer-import-without-search',
  'peer-open',
  'peer-open-cpu',
  'peer-memory',
  'peer-related',
  'peer-cited-by',
];

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('npm run bench (smoke run at a tiny size)', () => {
  it(
    `prints every row with a figure and its goal, the machine and the Neo4j round trips${withNeo4j ? ', and both stores side by side' : ''}`,
    { timeout: 420_000 },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'papergraph-bench-smoke-'));
      dirs.push(dir);
      const json = join(dir, 'result.json');
      const stores = withNeo4j ? ['--store', 'both'] : [];
      const run = spawnSync(
        process.execPath,
        [
          RUN,
          '--size',
          '120',
          '--quick',
          '--feed-dir',
          join(dir, 'feed'),
          '--json',
          json,
          '--peer',
          'kuzu',
          ...stores,
        ],
        {
          encoding: 'utf8',
          timeout: 410_000,
        },
      );
      expect(run.status, run.stderr).toBe(0);
      expect(existsSync(json)).toBe(true);
      const result = JSON.parse(readFileSync(json, 'utf8')) as {
        machine: { cores: number; node: string };
        corpus: { episodes: number };
        rows: { id: string; label: string; value: number | null; shown: string; verdict: string }[];
        peer: { version: string; rows: PeerRow[] };
      };
      expect(result.corpus.episodes).toBe(120);
      expect(result.machine.cores).toBeGreaterThan(0);
      expect(result.rows.map((r) => r.id)).toEqual(ROWS);
      for (const row of result.rows) {
        expect(row.value, `${row.label}: ${row.shown}`).toEqual(expect.any(Number));
        expect(Number.isFinite(row.value), row.label).toBe(true);
        // Printed in the table with its figure and a verdict.
        const line = run.stdout.split('\n').find((l) => l.startsWith(`| ${row.label} `));
        expect(line, row.label).toBeDefined();
        expect(line).toContain(row.shown);
        expect(line).toMatch(/\| (pass|MISS \([^)]*\)) +\|$/);
      }
      expect(run.stdout).toMatch(/^machine: \d+ cores .*Node v\d+/m);
      expect(run.stdout).toMatch(/related\(first:10\).*: \d+ round trip/);
      expect(result.peer.version).toBe('0.11.3');
      expect(result.peer.rows.map((r) => r.id)).toEqual(PEER_ROWS);
      const peerTable = run.stdout
        .slice(run.stdout.indexOf('Beside Kùzu 0.11.3, same feed:'))
        .split('\n\n')[0]!;
      for (const row of result.peer.rows) {
        expect(Number.isFinite(row.value), `${row.label}: ${row.shown}`).toBe(true);
        const line = peerTable.split('\n').find((l) => l.startsWith(`| ${row.label} `));
        expect(line, row.label).toBeDefined();
        expect(line).toContain(`| ${row.papergraph} `);
        expect(line).toContain(`| ${row.peer} `);
        expect(line).toMatch(/\| \d+\.\d\d× +\| [≤≥] \d\.\d× +\| (pass|MISS \([^)]*\)) +\|$/);
      }
      if (withNeo4j) {
        expect(run.stdout).toContain('database round trips per query (live server)');
        const table = run.stdout.slice(run.stdout.indexOf('Both stores, same feed'));
        const figures = table.split('\n').filter((line) => /^\| (?!figure|-)/.test(line));
        expect(figures).toHaveLength(8);
        for (const line of figures) expect(line).toMatch(/\| [\d.,]+ \| [\d.,]+ \| \d+\.\d\d× \|$/);
      }
    },
  );

  it(
    '--growth prints each figure at every size with its growth factor',
    { timeout: 120_000 },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'papergraph-bench-growth-smoke-'));
      dirs.push(dir);
      const json = join(dir, 'growth.json');
      const run = spawnSync(
        process.execPath,
        [RUN, '--growth', '--sizes', '40,80', '--quick', '--feed-dir', dir, '--json', json],
        { encoding: 'utf8', timeout: 110_000 },
      );
      expect(run.status, run.stderr).toBe(0);
      const table = JSON.parse(readFileSync(json, 'utf8')) as GrowthTable;
      expect(table.sizes.map((s) => [s.size, s.episodes])).toEqual([
        ['40', 40],
        ['80', 80],
      ]);
      for (const size of table.sizes) {
        for (const value of Object.values(size.values)) expect(Number.isFinite(value)).toBe(true);
      }
      const figures = run.stdout.split('\n').filter((line) => /^\| (?!figure|-)/.test(line));
      expect(figures).toHaveLength(7);
      for (const line of figures) expect(line).toMatch(/, growth \d+\.\d\d +\|$/);
    },
  );
});
