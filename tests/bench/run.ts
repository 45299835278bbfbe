// npm run bench -- [--size small|medium|large|xlarge|<episodes>] [--seed N] [--feed-dir DIR]
//                   [--quick] [--json FILE] [--keep] [--skip-web] [--store embedded|both]
//                   [--peer kuzu]
//       npm run bench -- --peer neo4j-graphql [--size medium] [--quick]
//       npm run bench -- --neo4j-import [--size medium] [--heap 2g]
//       npm run bench -- --growth [--sizes medium,large,xlarge] [--feed-dir ROOT] [--seed N]
//                   [--quick] [--json FILE]
//
// Generates (or reuses) a synthetic feed, imports it into a fresh embedded store under a temporary
// DATA_DIR, then measures every figure of issue 5 and prints it with its goal and verdict, plus the
// machine it ran on and the Neo4j store's round trips per query. `--store both` adds the same feed on a
// disposable live Neo4j, side by side with the embedded store; `--peer kuzu` loads the same feed into
// Kùzu and sets papergraph's figures beside it (kuzuPeer.ts); `--peer neo4j-graphql` instead runs only
// papergraph's API on Neo4j beside the official @neo4j/graphql on the same database (neo4jGraphqlPeer.ts,
// a 10k-episode feed unless --size says otherwise). `--growth` measures the main figures at
// several sizes with their growth factors (growth.ts) instead. Not a test: it never fails on a missed
// goal (tests/bench/smoke.test.ts runs it tiny to keep it working). Exit code 1 only when it breaks.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import { defaultFeedDir, ensureFeed } from './feed.ts';
import { type GrowthTable, growthTable, renderGrowth } from './growth.ts';
import { httpRows } from './httpRows.ts';
import { importRow, relationsKeptRow, timeImport } from './importRows.ts';
import { type PeerRow, peerRows, renderPeer, runKuzuPeer } from './kuzuPeer.ts';
import { describeMachine, machineLine } from './machine.ts';
import { renderNeo4jGraphqlPeer, runNeo4jGraphqlPeer } from './neo4jGraphqlPeer.ts';
import {
  compareStores,
  type Comparison,
  neo4jImportRows,
  neo4jRoundTrips,
  renderComparison,
  renderRoundTrips,
  type RoundTrips,
} from './neo4jRows.ts';
import { persistedRows } from './persistedRows.ts';
import { runQueryWorker } from './queryProcess.ts';
import { describeVerdict, renderNotes, renderTable, type Row } from './report.ts';
import { restartAndMemoryRows } from './restartRows.ts';
import { webRows } from './webRows.ts';

export interface BenchOptions {
  size: string;
  seed: number;
  feedDir: string;
  /** Short runs and few samples: for the smoke test, not for numbers. */
  quick: boolean;
  keep: boolean;
  skipWeb: boolean;
  /** `both`: also run the same feed on a live Neo4j and compare. */
  stores: 'embedded' | 'both';
  /** `kuzu`: also load the same feed into Kùzu and compare. */
  peer: 'kuzu' | undefined;
  log: (line: string) => void;
}

export interface BenchResult {
  size: string;
  machine: ReturnType<typeof describeMachine>;
  corpus: { episodes: number; papers: number; citations: number };
  rows: Row[];
  neo4jRoundTrips: RoundTrips[];
  /** Present with `stores: 'both'`; the round trips above are then the live server's. */
  comparison?: Comparison;
  /** Present with `peer: 'kuzu'`. */
  peer?: { version: string; rows: PeerRow[] };
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const { log } = options;
  const machine = describeMachine();
  const feed = ensureFeed(options.size, options.seed, options.feedDir, log);
  const dataDir = await mkdtemp(join(tmpdir(), 'papergraph-bench-data-'));
  const jsonDir = await mkdtemp(join(tmpdir(), 'papergraph-bench-json-'));
  const rows: Row[] = [];
  try {
    log(`import: RSS into ${dataDir}`);
    const store = await createEmbeddedStore({ dataDir });
    const rssImport = await timeImport(store, feed, 'rss');
    rows.push(importRow('rss', feed, rssImport), relationsKeptRow(feed, rssImport));
    await store.close();
    log(`import: JSON export into ${jsonDir}`);
    const jsonStore = await createEmbeddedStore({ dataDir: jsonDir });
    rows.push(importRow('json', feed, await timeImport(jsonStore, feed, 'json')));
    await jsonStore.close();
    await rm(jsonDir, { recursive: true, force: true });

    log('queries: in-process through yoga, in a fresh process');
    const { rows: queryRowList, sample } = runQueryWorker(dataDir, options.quick);
    rows.push(...queryRowList);

    log('restart and memory: a fresh API process');
    const { rows: processRows, api, stats } = await restartAndMemoryRows(dataDir, log);
    rows.push(...processRows);
    try {
      log('http: autocannon over loopback');
      rows.push(...(await httpRows(api.url, sample.episodeIds, options.quick ? 1 : 10)));
      log('trusted documents: by id and as text');
      rows.push(...(await persistedRows(api.url, sample.episodeIds, options.quick)));
      log('web');
      rows.push(
        ...(await webRows({
          apiUrl: api.url,
          sample,
          quick: options.quick,
          skip: options.skipWeb,
          log,
        })),
      );
    } catch (error) {
      throw api.explain(error);
    } finally {
      await api.stop();
    }

    let peer: BenchResult['peer'];
    if (options.peer === 'kuzu') {
      const figures = await runKuzuPeer(feed, sample, options.quick, log);
      peer = { version: figures.version, rows: peerRows(rows, figures) };
    }
    const withPeer = peer ? { peer } : {};
    if (options.stores === 'both') {
      const comparison = await compareStores(feed, { quick: options.quick, log });
      return {
        size: options.size,
        machine,
        corpus: stats,
        rows,
        neo4jRoundTrips: comparison.roundTrips,
        comparison,
        ...withPeer,
      };
    }
    log('neo4j: round trips per query over canned rows');
    const roundTrips = await neo4jRoundTrips();
    return {
      size: options.size,
      machine,
      corpus: stats,
      rows,
      neo4jRoundTrips: roundTrips,
      ...withPeer,
    };
  } finally {
    await rm(jsonDir, { recursive: true, force: true });
    if (options.keep) log(`kept the store in ${dataDir}`);
    else await rm(dataDir, { recursive: true, force: true });
  }
}

export function renderResult(result: BenchResult): string {
  const { corpus } = result;
  return [
    `papergraph bench — size ${result.size}: ${corpus.episodes} episodes, ${corpus.papers} papers, ${corpus.citations} citations; embedded store`,
    machineLine(result.machine),
    '',
    renderTable(result.rows),
    '',
    'How each figure was taken:',
    renderNotes(result.rows),
    '',
    `Neo4j store, database round trips per query (${result.comparison ? 'live server' : 'counted over canned rows; --store both runs a live Neo4j'}):`,
    renderRoundTrips(result.neo4jRoundTrips),
    ...(result.peer ? ['', renderPeer(result.peer.rows, result.peer.version)] : []),
    ...(result.comparison ? ['', renderComparison(result.comparison)] : []),
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      size: { type: 'string' },
      seed: { type: 'string', default: '1' },
      'feed-dir': { type: 'string' },
      quick: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'skip-web': { type: 'boolean', default: false },
      json: { type: 'string' },
      store: { type: 'string', default: 'embedded' },
      peer: { type: 'string' },
      growth: { type: 'boolean', default: false },
      sizes: { type: 'string', default: 'medium,large,xlarge' },
      'neo4j-import': { type: 'boolean', default: false },
      heap: { type: 'string' },
    },
  });
  if (values.store !== 'embedded' && values.store !== 'both')
    throw new Error(`--store must be embedded or both, not "${values.store}"`);
  if (values.peer !== undefined && values.peer !== 'kuzu' && values.peer !== 'neo4j-graphql')
    throw new Error(`--peer must be kuzu or neo4j-graphql, not "${values.peer}"`);
  const seed = Number(values.seed);
  const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  if (values.peer === 'neo4j-graphql') {
    const size = values.size ?? 'medium';
    const feedDir = values['feed-dir'] ?? defaultFeedDir(size, seed);
    const result = await runNeo4jGraphqlPeer(ensureFeed(size, seed, feedDir, log), {
      quick: values.quick,
      log,
    });
    console.log(renderNeo4jGraphqlPeer(result));
    if (values.json) await writeFile(values.json, `${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  if (values['neo4j-import']) {
    const size = values.size ?? 'medium';
    const feed = ensureFeed(size, seed, values['feed-dir'] ?? defaultFeedDir(size, seed), log);
    const rows = await neo4jImportRows(feed, { heap: values.heap, log });
    console.log([renderTable(rows), '', renderNotes(rows)].join('\n'));
    return;
  }
  const size = values.size ?? 'small';
  if (values.growth) {
    const table: GrowthTable = await growthTable({
      sizes: values.sizes.split(','),
      seed,
      ...(values['feed-dir'] ? { feedRoot: values['feed-dir'] } : {}),
      quick: values.quick,
      log,
    });
    console.log(renderGrowth(table));
    if (values.json) await writeFile(values.json, `${JSON.stringify(table, null, 2)}\n`);
    return;
  }
  const result = await runBench({
    size,
    seed,
    feedDir: values['feed-dir'] ?? defaultFeedDir(size, seed),
    quick: values.quick,
    keep: values.keep,
    skipWeb: values['skip-web'],
    stores: values.store,
    peer: values.peer,
    log,
  });
  console.log(renderResult(result));
  if (values.json) {
    const rows = result.rows.map((r) => ({ ...r, verdict: describeVerdict(r) }));
    await writeFile(values.json, `${JSON.stringify({ ...result, rows }, null, 2)}\n`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
