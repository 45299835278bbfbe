// The Neo4j store beside the embedded one. Round trips per query come from the counting wrapper
// (server/src/store/neo4j/countingDriver.ts): over canned rows without a server, or on a live Neo4j. With
// `--store both` the bench starts a disposable Neo4j 5.26 (neo4j-launcher/), imports the same feed into both
// stores through the same pipeline and measures the same figures the same way on each, side by side.
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { startNeo4j } from '../../neo4j-launcher/launcher.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import {
  type CountingDriver,
  countingDriver,
} from '../../server/src/store/neo4j/countingDriver.ts';
import {
  createNeo4jStoreWithDriver,
  type Neo4jConnectionOptions,
  openNeo4jDriver,
} from '../../server/src/store/neo4j/index.ts';
import { Neo4jStore } from '../../server/src/store/neo4j/neo4jStore.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { fakeDriver } from '../neo4j/fakeDriver.ts';
import { episodeOne, paperC, sampleAnswers } from '../neo4j/sampleRows.ts';
import type { Feed } from './feed.ts';
import { load, relatedBodies } from './httpRows.ts';
import { timeImport } from './importRows.ts';
import {
  CITED_BY_QUERY,
  GRAPH_QUERY,
  inProcessExecutor,
  MAP_LIMIT,
  MAP_QUERY,
  RELATED_QUERY,
  sampleQueries,
} from './queryRows.ts';
import { type Row, row } from './report.ts';
import { cpuMilliseconds, startApi } from './serverProcess.ts';
import { measureLatency, ms } from './timing.ts';

export interface RoundTrips {
  query: string;
  roundTrips: number;
  statements: string[];
}

async function countPerQuery(
  store: GraphStore,
  counting: CountingDriver,
  episodeId: string,
  paperId: string,
): Promise<RoundTrips[]> {
  const execute = inProcessExecutor(store);
  const cases: [string, string, Record<string, unknown>][] = [
    ['related(first:10) with sharedPapers and episode titles', RELATED_QUERY, { id: episodeId }],
    ['paper(ref){ citedBy(first:50){ episode{title} } }', CITED_BY_QUERY, { ref: paperId }],
    ['graph(focus, depth:2, limit:2000)', GRAPH_QUERY, { focus: episodeId }],
  ];
  const out: RoundTrips[] = [];
  for (const [query, text, variables] of cases) {
    const { calls } = await counting.measure(() => execute(text, variables));
    out.push({ query, roundTrips: calls.length, statements: calls.map((c) => c.statement) });
  }
  return out;
}

/** Round trips per query, without a database: the canned sample graph answers. */
export async function neo4jRoundTrips(): Promise<RoundTrips[]> {
  const counting = countingDriver(fakeDriver(sampleAnswers()));
  return countPerQuery(new Neo4jStore(counting), counting, episodeOne.id, paperC.id);
}

export function renderRoundTrips(list: readonly RoundTrips[]): string {
  return list
    .map((r) => `- ${r.query}: ${r.roundTrips} round trip(s) (${r.statements.join(', ')})`)
    .join('\n');
}

interface StoreFigures {
  store: 'embedded' | 'neo4j';
  importPerSecond: number;
  restartSeconds: number;
  relatedP50: number;
  relatedP99: number;
  citedByP50: number;
  graphP50: number;
  mapP50: number;
  httpRelatedPerSecond: number;
}

export interface Comparison {
  figures: [StoreFigures, StoreFigures];
  neo4jVersion: string;
  roundTrips: RoundTrips[];
}

interface Measured {
  store: GraphStore;
  counting?: CountingDriver;
  /** What the API process needs to open this store again. */
  apiEnv: Record<string, string>;
  dataDir: string;
}

async function measure(
  kind: StoreFigures['store'],
  opened: Measured,
  feed: Feed,
  samples: number,
  httpSeconds: number,
  log: (line: string) => void,
) {
  const { store } = opened;
  log(`${kind}: importing ${feed.manifest.episodes} episodes (RSS, one importFiles call)`);
  const imported = await timeImport(store, feed, 'rss');
  const sample = await sampleQueries(store, Math.min(100, samples));
  const execute = inProcessExecutor(store);
  const pick = (i: number) => sample.episodeIds[i % sample.episodeIds.length]!;
  log(`${kind}: in-process queries`);
  const related = await measureLatency(
    (i) => execute(RELATED_QUERY, { id: pick(i) }),
    samples,
    Math.ceil(samples / 4),
  );
  const citedBy = await measureLatency(
    () => execute(CITED_BY_QUERY, { ref: sample.mostCitedPaper.id }),
    samples,
    Math.ceil(samples / 4),
  );
  const graphSamples = Math.max(5, Math.round(samples / 5));
  const graph = await measureLatency(
    (i) => execute(GRAPH_QUERY, { focus: pick(i) }),
    graphSamples,
    3,
  );
  const map = await measureLatency(() => execute(MAP_QUERY, {}), graphSamples, 3);
  const roundTrips = opened.counting
    ? await countPerQuery(store, opened.counting, pick(0), sample.mostCitedPaper.id)
    : [];
  await store.close();

  log(`${kind}: a fresh API process, then related over HTTP`);
  const api = await startApi(opened.dataDir, log, opened.apiEnv);
  try {
    const bodies = relatedBodies(sample.episodeIds);
    await load(api.url, Math.max(1, httpSeconds / 4), bodies);
    const http = await load(api.url, httpSeconds, bodies);
    const figures: StoreFigures = {
      store: kind,
      importPerSecond: imported.episodesPerSecond,
      restartSeconds: api.readyMs / 1000,
      relatedP50: related.p50,
      relatedP99: related.p99,
      citedByP50: citedBy.p50,
      graphP50: graph.p50,
      mapP50: map.p50,
      httpRelatedPerSecond: http.requests.average,
    };
    return { figures, roundTrips };
  } finally {
    await api.stop();
  }
}

/** Both stores, the same feed and the same measurements; Neo4j is a fresh, disposable server. */
export async function compareStores(
  feed: Feed,
  options: { quick: boolean; log: (line: string) => void },
): Promise<Comparison> {
  const { log } = options;
  const samples = options.quick ? 20 : 200;
  const httpSeconds = options.quick ? 1 : 10;
  const root = await mkdtemp(join(tmpdir(), 'papergraph-bench-stores-'));
  try {
    const embeddedDir = join(root, 'embedded');
    const embedded = await measure(
      'embedded',
      {
        store: await createEmbeddedStore({ dataDir: embeddedDir }),
        apiEnv: {},
        dataDir: embeddedDir,
      },
      feed,
      samples,
      httpSeconds,
      log,
    );

    log('neo4j: starting a disposable Neo4j 5.26 (neo4j-launcher/)');
    const neo4j = await startNeo4j({
      port: 0,
      dataDir: join(root, 'neo4j'),
      password: 'papergraph-bench',
      heap: '2g',
      log,
    });
    try {
      const connection: Neo4jConnectionOptions = {
        uri: neo4j.uri,
        user: 'neo4j',
        password: neo4j.password,
      };
      const counting = countingDriver(openNeo4jDriver(connection));
      const store = await createNeo4jStoreWithDriver(counting, { indexWaitSeconds: 300 });
      const neo4jVersion = (await store.health()).detail;
      const apiEnv = { NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: neo4j.password };
      const onNeo4j = await measure(
        'neo4j',
        { store, counting, apiEnv, dataDir: join(root, 'api-unused') },
        feed,
        samples,
        httpSeconds,
        log,
      );
      return {
        figures: [embedded.figures, onNeo4j.figures],
        neo4jVersion,
        roundTrips: onNeo4j.roundTrips,
      };
    } finally {
      await neo4j.stop();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

export function renderComparison(comparison: Comparison): string {
  const [embedded, neo4j] = comparison.figures;
  const lines: [string, (f: StoreFigures) => number, (value: number) => string][] = [
    [
      'import RSS through the whole pipeline (episodes/s)',
      (f) => f.importPerSecond,
      (v) => Math.round(v).toLocaleString('en-US'),
    ],
    ['restart: process start → answering stats (s)', (f) => f.restartSeconds, (v) => v.toFixed(2)],
    ['related(first:10) in-process p50 (ms)', (f) => f.relatedP50, ms],
    ['related(first:10) in-process p99 (ms)', (f) => f.relatedP99, ms],
    ['citedBy(first:50) of the most-cited paper p50 (ms)', (f) => f.citedByP50, ms],
    ['graph(focus, depth:2, limit:2000) p50 (ms)', (f) => f.graphP50, ms],
    [`episodeMap(limit:${MAP_LIMIT}) p50 (ms)`, (f) => f.mapP50, ms],
    [
      'related over HTTP, 10 connections (req/s)',
      (f) => f.httpRelatedPerSecond,
      (v) => Math.round(v).toLocaleString('en-US'),
    ],
  ];
  const header = '| figure | embedded | Neo4j | Neo4j ÷ embedded |\n|---|---:|---:|---:|';
  const body = lines.map(
    ([label, value, show]) =>
      `| ${label} | ${show(value(embedded))} | ${show(value(neo4j))} | ${(value(neo4j) / value(embedded)).toFixed(2)}× |`,
  );
  return [`Both stores, same feed (${comparison.neo4jVersion}):`, header, ...body].join('\n');
}

const NEO4J_IMPORT_GOAL = { kind: 'atLeast', target: 1_000, unit: 'episodes/s' } as const;

/**
 * `--neo4j-import`: the feed's JSON export through the whole pipeline into a disposable Neo4j with
 * the given heap (the launcher's default, 1 GiB, when none is given), then the same files again:
 * a re-import that must change nothing. Two rows, episodes/s each.
 */
export async function neo4jImportRows(
  feed: Feed,
  options: { heap: string | undefined; log: (line: string) => void },
): Promise<Row[]> {
  const { log } = options;
  const heap = options.heap ?? 'the launcher default (1g)';
  const root = await mkdtemp(join(tmpdir(), 'papergraph-bench-neo4j-import-'));
  try {
    log(`neo4j: starting a disposable Neo4j 5.26, heap ${heap}`);
    const neo4j = await startNeo4j({
      port: 0,
      dataDir: join(root, 'neo4j'),
      password: 'papergraph-bench',
      ...(options.heap === undefined ? {} : { heap: options.heap }),
      log,
    });
    try {
      const counting = countingDriver(
        openNeo4jDriver({ uri: neo4j.uri, user: 'neo4j', password: neo4j.password }),
      );
      const store = await createNeo4jStoreWithDriver(counting, { indexWaitSeconds: 300 });
      try {
        const rows: Row[] = [];
        for (const [id, label] of [
          ['neo4j-import', 'Neo4j: import the JSON export through the whole pipeline'],
          ['neo4j-reimport', 'Neo4j: the same files again (nothing changes)'],
        ] as const) {
          const load = loadavg()[0]!.toFixed(1);
          log(`neo4j: ${label} (${feed.manifest.episodes} episodes)`);
          // CPU, not wall time, is what a loaded machine leaves comparable between runs.
          const jvmBefore = cpuMilliseconds(neo4j.pid) ?? Number.NaN;
          const nodeBefore = process.cpuUsage();
          const { result: timing, transactions } = await counting.measure(() =>
            timeImport(store, feed, 'json'),
          );
          const jvmSeconds = ((cpuMilliseconds(neo4j.pid) ?? Number.NaN) - jvmBefore) / 1000;
          const nodeUsage = process.cpuUsage(nodeBefore);
          const nodeSeconds = (nodeUsage.user + nodeUsage.system) / 1e6;
          rows.push(
            row(
              id,
              label,
              NEO4J_IMPORT_GOAL,
              timing.episodesPerSecond,
              `${Math.round(timing.episodesPerSecond).toLocaleString('en-US')} episodes/s`,
              `${feed.manifest.episodes} episodes in ${feed.manifest.parts.length} file(s), ${timing.seconds.toFixed(1)} s, ` +
                `${transactions} write transaction(s), CPU: Neo4j JVM ${jvmSeconds.toFixed(1)} s, this process ${nodeSeconds.toFixed(1)} s; ` +
                `Neo4j heap ${heap}; load average ${load} at the start, ${loadavg()[0]!.toFixed(1)} at the end`,
            ),
          );
        }
        return rows;
      } finally {
        await store.close();
      }
    } finally {
      await neo4j.stop();
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
