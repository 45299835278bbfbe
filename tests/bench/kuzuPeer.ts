// `--peer kuzu`: the same generated feed in Kùzu, an embedded Cypher graph database, and papergraph's
// figures beside it as ratios (papergraph ÷ Kùzu) with issue 24's goals. Kùzu is no store of papergraph:
// it is only the yardstick.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { Connection, Database, type QueryResult } from 'kuzu';

import type { Feed } from './feed.ts';
import { feedToCsv } from './kuzuCsv.ts';
import { KUZU_SCHEMA, KUZU_SEARCH_INDEXES, type KuzuWorkerSample } from './kuzuQueries.ts';
import type { QuerySample } from './queryRows.ts';
import { describeVerdict, type Goal, type Row, row } from './report.ts';
import { RESTART_CPU_ID } from './restartRows.ts';
import { cpuMilliseconds, residentMemory } from './serverProcess.ts';
import { type Latency, ms } from './timing.ts';

const WORKER = fileURLToPath(new URL('./kuzuWorker.ts', import.meta.url));
const MB = 1e6;
const settle = () => new Promise((r) => setTimeout(r, 1_000));

export interface PeerFigures {
  version: string;
  episodes: number;
  convertSeconds: number;
  /** COPY FROM of the three tables, the search indexes and the closing checkpoint. */
  loadSeconds: number;
  /** Of loadSeconds, building the search indexes (CREATE_FTS_INDEX). */
  indexSeconds: number;
  /** Spawn of a fresh process → its first answer (the stats counts) on the opened database. */
  openMs: number;
  /** CPU time (all threads) of that process until its first answer; null without /proc. */
  openCpuMs: number | null;
  /** RSS of that process a second after its first answer, and after the timed queries. */
  rssOpen: number;
  rssServing: number;
  related: Latency;
  citedBy: Latency;
}

/** Runs one statement and returns the rows of its (last) result. */
async function run(connection: Connection, statement: string): Promise<Record<string, unknown>[]> {
  const result: QueryResult | QueryResult[] = await connection.query(statement);
  const results = Array.isArray(result) ? result : [result];
  const rows = await results.at(-1)!.getAll();
  for (const each of results) each.close();
  return rows;
}

/** A file path as a Cypher string literal: COPY FROM takes no parameter for its source. */
const cypherPath = (path: string) => `'${path.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export async function runKuzuPeer(
  feed: Feed,
  sample: QuerySample,
  quick: boolean,
  log: (line: string) => void,
): Promise<PeerFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'papergraph-bench-kuzu-'));
  try {
    log(`kuzu: feed → CSV → COPY FROM and search indexes into ${dir}`);
    const convertStarted = performance.now();
    const csv = feedToCsv(feed, dir);
    const convertSeconds = (performance.now() - convertStarted) / 1000;
    const databasePath = join(dir, 'papergraph.kuzu');
    const loadStarted = performance.now();
    const database = new Database(databasePath);
    const connection = new Connection(database);
    const [about] = await run(connection, 'CALL db_version() RETURN *');
    for (const statement of KUZU_SCHEMA) await run(connection, statement);
    await run(connection, `COPY Episode FROM ${cypherPath(csv.episodes)} (HEADER=true)`);
    await run(connection, `COPY Paper FROM ${cypherPath(csv.papers)} (HEADER=true)`);
    await run(connection, `COPY CITES FROM ${cypherPath(csv.citations)} (HEADER=true)`);
    const indexStarted = performance.now();
    for (const statement of KUZU_SEARCH_INDEXES) await run(connection, statement);
    const indexSeconds = (performance.now() - indexStarted) / 1000;
    await connection.close();
    // Closing checkpoints the load into the database file: papergraph's import also ends durable.
    await database.close();
    const loadSeconds = (performance.now() - loadStarted) / 1000;

    const samplePath = join(dir, 'sample.json');
    const workerSample: KuzuWorkerSample = {
      episodeIds: sample.episodeIds,
      paperId: sample.mostCitedPaper.id,
      relatedSamples: quick ? 40 : 2_000,
      citedBySamples: quick ? 20 : 500,
    };
    await writeFile(samplePath, JSON.stringify(workerSample));
    log('kuzu: a fresh process opens the database and answers');
    const measured = await measureInChild(databasePath, samplePath);
    return {
      version: String(about?.['version']),
      episodes: csv.counts.episodes,
      convertSeconds,
      loadSeconds,
      indexSeconds,
      ...measured,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function measureInChild(
  databasePath: string,
  samplePath: string,
): Promise<
  Pick<PeerFigures, 'openMs' | 'openCpuMs' | 'rssOpen' | 'rssServing' | 'related' | 'citedBy'>
> {
  const started = performance.now();
  const child = spawn(process.execPath, [WORKER, databasePath, samplePath], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async (): Promise<string> => {
    const next = await lines.next();
    if (next.done) throw new Error(`kuzu worker ended early (${await exited}):\n${stderr}`);
    return next.value;
  };
  try {
    await nextLine();
    const openMs = performance.now() - started;
    const openCpuMs = cpuMilliseconds(child.pid!);
    await settle();
    const rssOpen = residentMemory(child.pid!)?.rss ?? Number.NaN;
    child.stdin.write('measure\n');
    const { related, citedBy } = JSON.parse(await nextLine()) as {
      related: Latency;
      citedBy: Latency;
    };
    const rssServing = residentMemory(child.pid!)?.rss ?? Number.NaN;
    child.stdin.end();
    const code = await exited;
    if (code !== 0) throw new Error(`kuzu worker exited with ${code}:\n${stderr}`);
    return { openMs, openCpuMs, rssOpen, rssServing, related, citedBy };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
}

/** A row of the side-by-side table: both figures, and the ratio against the goal as `value`. */
export type PeerRow = Row & { papergraph: string; peer: string };

const ratioGoal = (kind: Goal['kind'], target: number): Goal => ({ kind, target, unit: '×' });

/** Papergraph's figures from the bench rows (by id) beside Kùzu's. */
export function peerRows(rows: readonly Row[], peer: PeerFigures): PeerRow[] {
  const value = (id: string) => rows.find((r) => r.id === id)?.value ?? Number.NaN;
  const kuzuRate = peer.episodes / (peer.convertSeconds + peer.loadSeconds);
  const kuzuRateWithoutSearch =
    peer.episodes / (peer.convertSeconds + peer.loadSeconds - peer.indexSeconds);
  const side = (
    id: string,
    label: string,
    goal: Goal,
    ours: number,
    theirs: number,
    shown: (n: number) => string,
    note: string,
  ): PeerRow => {
    const ratio = ours / theirs;
    return {
      ...row(id, label, goal, ratio, `${ratio.toFixed(2)}×`, note),
      papergraph: shown(ours),
      peer: shown(theirs),
    };
  };
  const rate = (n: number) => `${Math.round(n).toLocaleString('en-US')} episodes/s`;
  const seconds = (n: number) => `${n.toFixed(2)} s`;
  const megabytes = (n: number) => `${Math.round(n)} MB`;
  const millis = (n: number) => `${ms(n)} ms`;
  return [
    side(
      'peer-import',
      'bulk import rate ÷ Kùzu, search indexes on both sides',
      ratioGoal('atLeast', 1),
      value('import-json'),
      kuzuRate,
      rate,
      `papergraph: the JSON export through importFiles (the import-json row: rows, search indexes, relations); ` +
        `Kùzu: the same JSON parts to CSV with the texts papergraph's search indexes hold in ${peer.convertSeconds.toFixed(1)} s, ` +
        `then COPY FROM into a fresh on-disk database and CREATE_FTS_INDEX on the same fields in ` +
        `${peer.loadSeconds.toFixed(1)} s (of which the indexes ${peer.indexSeconds.toFixed(1)} s)`,
    ),
    side(
      'peer-import-without-search',
      'bulk import rate ÷ Kùzu without its search indexes',
      ratioGoal('atLeast', 1),
      value('import-json'),
      kuzuRateWithoutSearch,
      rate,
      'the row above with Kùzu’s CREATE_FTS_INDEX time taken out (papergraph still builds its own): ' +
        'the yardstick of the rounds before the peer built search indexes',
    ),
    side(
      'peer-open',
      'open: process start → first answer',
      ratioGoal('atMost', 1),
      value('restart'),
      peer.openMs / 1000,
      seconds,
      'papergraph: the API process from its graph file answering stats over HTTP (the restart row); ' +
        'Kùzu: a Node process opening the database read-only and answering the stats counts in Cypher',
    ),
    side(
      'peer-open-cpu',
      'open: CPU time to the first answer',
      ratioGoal('atMost', 1),
      value(RESTART_CPU_ID),
      (peer.openCpuMs ?? Number.NaN) / 1000,
      seconds,
      'user + system time of the same two processes until their first answer (all threads; Kùzu opens with ' +
        'a thread pool): the open row’s cost without the waiting a shared machine adds',
    ),
    side(
      'peer-memory',
      'resident memory once open',
      ratioGoal('atMost', 1.1),
      value('memory'),
      peer.rssOpen / MB,
      megabytes,
      `RSS one second after the first answer (the memory row for papergraph); ` +
        `Kùzu's process after the timed queries: ${megabytes(peer.rssServing / MB)}`,
    ),
    side(
      'peer-related',
      'related episodes p50 (GraphQL ÷ Cypher)',
      ratioGoal('atMost', 1),
      value('related-p50'),
      peer.related.p50,
      millis,
      `Kùzu: prepared two-hop Adamic–Adar over CITES, top 10 with shared papers and titles, ` +
        `${peer.related.samples} runs over the same episodes; p99 ${ms(peer.related.p99)} ms`,
    ),
    side(
      'peer-cited-by',
      'citedBy(first:50) of the most-cited paper p50 (GraphQL ÷ Cypher)',
      ratioGoal('atMost', 1),
      value('cited-by-p50'),
      peer.citedBy.p50,
      millis,
      `Kùzu: prepared match of the paper's citers, sources first then newest, 50 titles, ` +
        `${peer.citedBy.samples} runs; p99 ${ms(peer.citedBy.p99)} ms`,
    ),
  ];
}

export function renderPeer(rows: readonly PeerRow[], version: string): string {
  const header = [
    'figure',
    'papergraph',
    `Kùzu ${version}`,
    'papergraph ÷ Kùzu',
    'goal',
    'verdict',
  ];
  const cells = rows.map((r) => [
    r.label,
    r.papergraph,
    r.peer,
    r.shown,
    `${r.goal.kind === 'atLeast' ? '≥' : '≤'} ${r.goal.target.toFixed(1)}×`,
    describeVerdict(r),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    `Beside Kùzu ${version}, same feed:`,
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.map(line),
    ...rows.map((r) => `- ${r.label}: ${r.note}`),
  ].join('\n');
}
