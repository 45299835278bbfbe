// `--peer neo4j-graphql`: papergraph's GraphQL API on Neo4j beside the official Neo4j GraphQL Library
// (@neo4j/graphql on yoga, tests/bench/peers/neo4j-graphql/) serving the same database: the four
// questions of issue 23 timed interleaved over HTTP, then citedBy throughput, each as a ratio with its
// goal, beside the CPU per request of each side's server process and of Neo4j. The peer is its own
// npm project (it needs graphql 16), installed on first use.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import { startNeo4j } from '../../neo4j-launcher/launcher.ts';
import { createNeo4jStore } from '../../server/src/store/neo4j/index.ts';
import { freePort, stopProcess } from '../helpers/processes.ts';
import type { Feed } from './feed.ts';
import { load } from './httpRows.ts';
import { timeImport } from './importRows.ts';
import { RELATED_QUERY, sampleQueries } from './queryRows.ts';
import { describeVerdict, type Goal, row } from './report.ts';
import {
  cpuMilliseconds,
  explainer,
  postGraphql,
  type Running,
  startApi,
} from './serverProcess.ts';
import { ms } from './timing.ts';

const PEER_DIR = fileURLToPath(new URL('./peers/neo4j-graphql/', import.meta.url));
const PEER_VERSION = '@neo4j/graphql 7.6.3';

/** One question in both dialects, with what makes two answers the same answer. */
interface Question {
  id: string;
  label: string;
  note: string;
  ours: { query: string; variables: Record<string, unknown> };
  peer: { query: string; variables: Record<string, unknown> };
  /** The answer reduced to comparable ids, in order. */
  oursIds: (data: Record<string, unknown>) => string[];
  peerIds: (data: Record<string, unknown>) => string[];
}

interface Sample {
  citedPaperId: string;
  citers: number;
  episodeId: string;
  words: string;
}

type Json = Record<string, unknown>;
const list = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const field = (value: unknown, key: string): unknown => (value as Json | null)?.[key];

function questions(sample: Sample): Question[] {
  return [
    {
      id: 'cited-by',
      label: `citedBy(first:50) { kind episode { id title } } of a paper with ${sample.citers} citers`,
      note: 'papergraph resolves any identifier form (ref); the peer matches the id',
      ours: {
        query:
          'query CitedBy($ref: String!) { paper(ref: $ref) { citedBy(first: 50) { kind episode { id title } } } }',
        variables: { ref: sample.citedPaperId },
      },
      peer: {
        query:
          'query CitedBy($id: ID!) { papers(where: { id: { eq: $id } }) { citedByConnection(first: 50, sort: [{ edge: { kind: DESC } }, { node: { publishedAt: DESC } }, { node: { id: ASC } }]) { edges { properties { kind } node { id title } } } } }',
        variables: { id: sample.citedPaperId },
      },
      oursIds: (data) =>
        list(field(data.paper, 'citedBy')).map((c) => String(field(c.episode, 'id'))),
      peerIds: (data) =>
        list(field(list(data.papers)[0]?.citedByConnection, 'edges')).map((e) =>
          String(field(e.node, 'id')),
        ),
    },
    {
      id: 'newest',
      label: '20 newest episodes with their papers (id, title)',
      note: 'papergraph: source and recommendations; the peer: the CITES connection with its kind',
      ours: {
        query:
          '{ episodes(first: 20) { nodes { id title publishedAt source { id title } recommendations { paper { id title } } } } }',
        variables: {},
      },
      peer: {
        query:
          '{ episodes(limit: 20, sort: [{ publishedAt: DESC }, { id: ASC }]) { id title publishedAt papersConnection { edges { properties { kind } node { id title } } } } }',
        variables: {},
      },
      oursIds: (data) => list(field(data.episodes, 'nodes')).map((e) => String(e.id)),
      peerIds: (data) => list(data.episodes).map((e) => String(e.id)),
    },
    {
      id: 'related',
      label: 'related(first:10) { score sharedPapers episode title }',
      note:
        "papergraph's related carries reasons (issue 20: shared readings plus shared references); " +
        "the peer's @cypher field stays plain Adamic–Adar over shared papers, so the orders may differ",
      ours: { query: RELATED_QUERY, variables: { id: sample.episodeId } },
      peer: {
        query:
          'query Related($id: ID!) { episodes(where: { id: { eq: $id } }) { related(first: 10) { score sharedPaperIds id title } } }',
        variables: { id: sample.episodeId },
      },
      oursIds: () => [],
      peerIds: () => [],
    },
    {
      id: 'search',
      label: `search "${sample.words}" (first:10)`,
      note: 'both through the episode_search and paper_search full-text indexes',
      ours: {
        query:
          'query Search($q: String!) { search(query: $q, first: 10) { score node { ... on Episode { id title } ... on Paper { id paperTitle: title } } } }',
        variables: { q: sample.words },
      },
      peer: {
        query: 'query Search($q: String!) { search(query: $q, first: 10) { kind id title score } }',
        variables: { q: sample.words },
      },
      oursIds: (data) => list(data.search).map((hit) => String(field(hit.node, 'id'))),
      peerIds: (data) => list(data.search).map((hit) => String(hit.id)),
    },
  ];
}

/** The peer's own node_modules, from its lock file, when missing. */
function ensurePeerInstalled(log: (line: string) => void): void {
  if (existsSync(join(PEER_DIR, 'node_modules'))) return;
  log(`peer: npm ci --prefix ${PEER_DIR}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const done = spawnSync(npm, ['ci', '--prefix', PEER_DIR, '--no-audit', '--no-fund'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (done.status !== 0)
    throw new Error(`npm ci for the @neo4j/graphql peer failed (${done.status})`);
}

async function startPeer(neo4jUri: string, password: string): Promise<Running> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [join(PEER_DIR, 'server.js')], {
    cwd: PEER_DIR,
    env: { ...process.env, NEO4J_URI: neo4jUri, NEO4J_PASSWORD: password, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const first = await lines.next();
  if (first.done || !first.value.startsWith('ready ')) {
    child.kill('SIGKILL');
    throw new Error(`the @neo4j/graphql peer did not start:\n${stderr}`);
  }
  return {
    child,
    url: first.value.slice('ready '.length),
    readyMs: performance.now() - started,
    stop: () => stopProcess(child),
    explain: explainer(child, '@neo4j/graphql peer', () => stderr),
  };
}

async function answer(url: string, query: { query: string; variables: Json }): Promise<Json> {
  const body = await postGraphql(url, query.query, query.variables);
  if (body.errors || !body.data)
    throw new Error(`${url}: ${JSON.stringify(body.errors ?? body).slice(0, 500)}`);
  return body.data;
}

/** Bytes of one answer's JSON body, as the client receives it. */
async function answerBytes(url: string, query: { query: string; variables: Json }) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(query),
  });
  return (await response.arrayBuffer()).byteLength;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  ]!;
}

/** One side of the comparison: its URL, and the process that serves it. */
interface Server {
  url: string;
  pid: number;
}

/** CPU (ms) used so far by a side's server process and by Neo4j, read from /proc. */
function cpuOf(server: Server, neo4jPid: number) {
  return { server: cpuMilliseconds(server.pid) ?? 0, neo4j: cpuMilliseconds(neo4jPid) ?? 0 };
}

/** One answer's wall time, and the CPU its server and Neo4j used meanwhile (ms). */
async function measured(call: () => Promise<unknown>, server: Server, neo4jPid: number) {
  const before = cpuOf(server, neo4jPid);
  const started = performance.now();
  await call();
  const ms = performance.now() - started;
  const after = cpuOf(server, neo4jPid);
  return { ms, cpu: after.server - before.server, neo4jCpu: after.neo4j - before.neo4j };
}

export interface PeerSide {
  p50: number;
  p99: number;
  bytes: number;
  /** CPU per request of the side's server process, ms (summed over the samples, then divided). */
  cpu: number;
  /** Neo4j's CPU per request while this side was asked, ms. */
  neo4jCpu: number;
}

export interface Neo4jGraphqlPeerRow {
  id: string;
  label: string;
  note: string;
  goal: Goal;
  papergraph: PeerSide;
  peer: PeerSide;
  /** papergraph ÷ peer for latency, papergraph ÷ peer for throughput. */
  ratio: number;
  /** Whether the two answers list the same ids in the same order (null: not compared). */
  agree: boolean | null;
}

export interface Neo4jGraphqlPeerResult {
  neo4j: string;
  corpus: { episodes: number; papers: number; citations: number };
  importPerSecond: number;
  samples: number;
  rows: Neo4jGraphqlPeerRow[];
  throughput: { papergraph: number; peer: number; seconds: number };
}

/** The feed into a disposable Neo4j through papergraph's import, then both APIs on it. */
export async function runNeo4jGraphqlPeer(
  feed: Feed,
  options: { quick: boolean; log: (line: string) => void },
): Promise<Neo4jGraphqlPeerResult> {
  const { log } = options;
  ensurePeerInstalled(log);
  const samples = options.quick ? 20 : 400;
  const seconds = options.quick ? 1 : 10;
  const root = await mkdtemp(join(tmpdir(), 'papergraph-bench-peer-'));
  log('neo4j: starting a disposable Neo4j 5.26 (neo4j-launcher/)');
  const neo4j = await startNeo4j({
    port: 0,
    dataDir: join(root, 'neo4j'),
    password: 'papergraph-bench',
    heap: '2g',
    log,
  });
  try {
    const connection = { uri: neo4j.uri, user: 'neo4j', password: neo4j.password };
    const store = await createNeo4jStore(connection, { indexWaitSeconds: 300 });
    log(`neo4j: importing ${feed.manifest.episodes} episodes through papergraph's pipeline`);
    const imported = await timeImport(store, feed, 'rss');
    const version = (await store.health()).detail;
    const corpus = await store.stats();
    const sample = await pickSample(store);
    await store.close();

    const ours = await startApi(join(root, 'api-unused'), log, {
      NEO4J_URI: neo4j.uri,
      NEO4J_PASSWORD: neo4j.password,
    });
    try {
      const peer = await startPeer(neo4j.uri, neo4j.password);
      try {
        log(`peer: ${PEER_VERSION} at ${peer.url}`);
        const servers = {
          ours: { url: ours.url, pid: ours.child.pid! },
          peer: { url: peer.url, pid: peer.child.pid! },
          neo4jPid: neo4j.pid,
        };
        const rows: Neo4jGraphqlPeerRow[] = [];
        for (const question of questions(sample)) {
          log(`both: ${question.label}, ${samples} interleaved samples`);
          rows.push(await compareQuestion(question, servers, samples));
        }
        log(`both: citedBy throughput, autocannon, 10 connections, ${seconds} s each`);
        const [citedBy] = questions(sample);
        const throughput = await compareThroughput(citedBy!, servers, seconds);
        return {
          neo4j: version,
          corpus,
          importPerSecond: imported.episodesPerSecond,
          samples,
          rows: [...rows, throughputRow(throughput, citedBy!)],
          throughput: {
            papergraph: throughput.papergraph.rate,
            peer: throughput.peer.rate,
            seconds,
          },
        };
      } finally {
        await peer.stop();
      }
    } finally {
      await ours.stop();
    }
  } finally {
    await neo4j.stop();
    await rm(root, { recursive: true, force: true });
  }
}

async function pickSample(store: Awaited<ReturnType<typeof createNeo4jStore>>): Promise<Sample> {
  const spread = await sampleQueries(store, 1);
  const [episode] = await store.episodesByIds([spread.episodeIds[0]!]);
  const words = (episode?.title ?? '')
    .split(/[^A-Za-z]+/)
    .filter((word) => word.length >= 4)
    .slice(0, 2)
    .join(' ');
  return {
    citedPaperId: spread.mostCitedPaper.id,
    citers: spread.mostCitedPaper.citationCount,
    episodeId: spread.episodeIds[0]!,
    words: words === '' ? 'learning model' : words,
  };
}

/**
 * Both sides asked once, papergraph first on even turns and the peer first on odd ones, so neither
 * always meets the other's cache effects; the answers come back as [papergraph's, the peer's].
 */
export async function inTurn<T>(
  turn: number,
  askOurs: () => Promise<T>,
  askPeer: () => Promise<T>,
): Promise<[T, T]> {
  if (turn % 2 === 0) {
    const ours = await askOurs();
    return [ours, await askPeer()];
  }
  const peer = await askPeer();
  return [await askOurs(), peer];
}

interface Servers {
  ours: Server;
  peer: Server;
  neo4jPid: number;
}

async function compareQuestion(
  question: Question,
  servers: Servers,
  samples: number,
): Promise<Neo4jGraphqlPeerRow> {
  const { ours, peer: theirs, neo4jPid } = servers;
  const oursUrl = ours.url;
  const peerUrl = theirs.url;
  const oursAnswer = await answer(oursUrl, question.ours);
  const peerAnswer = await answer(peerUrl, question.peer);
  const oursIds = question.oursIds(oursAnswer);
  const agree =
    oursIds.length === 0
      ? null
      : JSON.stringify(oursIds) === JSON.stringify(question.peerIds(peerAnswer));
  const warmup = Math.ceil(samples / 4);
  type Measured = Awaited<ReturnType<typeof measured>>;
  const oursSamples: Measured[] = [];
  const peerSamples: Measured[] = [];
  const askOurs = () => measured(() => answer(oursUrl, question.ours), ours, neo4jPid);
  const askPeer = () => measured(() => answer(peerUrl, question.peer), theirs, neo4jPid);
  for (let i = 0; i < warmup + samples; i += 1) {
    const pair = await inTurn(i, askOurs, askPeer);
    if (i < warmup) continue;
    oursSamples.push(pair[0]!);
    peerSamples.push(pair[1]!);
  }
  const side = async (
    measures: Measured[],
    url: string,
    query: Question['ours'],
  ): Promise<PeerSide> => {
    const sorted = measures.map((m) => m.ms).sort((a, b) => a - b);
    const perRequest = (total: number) => total / measures.length;
    return {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      bytes: await answerBytes(url, query),
      cpu: perRequest(measures.reduce((sum, m) => sum + m.cpu, 0)),
      neo4jCpu: perRequest(measures.reduce((sum, m) => sum + m.neo4jCpu, 0)),
    };
  };
  const papergraph = await side(oursSamples, oursUrl, question.ours);
  const peer = await side(peerSamples, peerUrl, question.peer);
  return {
    id: question.id,
    label: question.label,
    note: question.note,
    goal: { kind: 'atMost', target: 1, unit: '×' },
    papergraph,
    peer,
    ratio: papergraph.p50 / peer.p50,
    agree,
  };
}

/** Requests per second of one side under load, and the CPU per request its server and Neo4j used. */
interface Throughput {
  rate: number;
  cpu: number;
  neo4jCpu: number;
}

async function compareThroughput(
  question: Question,
  servers: Servers,
  seconds: number,
): Promise<{ papergraph: Throughput; peer: Throughput }> {
  const { ours, peer: theirs, neo4jPid } = servers;
  const oursBody = [JSON.stringify(question.ours)];
  const peerBody = [JSON.stringify(question.peer)];
  await load(ours.url, Math.max(1, seconds / 4), oursBody);
  await load(theirs.url, Math.max(1, seconds / 4), peerBody);
  const total = { requests: 0, rate: 0, cpu: 0, neo4jCpu: 0 };
  const totals = { papergraph: { ...total }, peer: { ...total } };
  const round = async (server: Server, bodies: string[], into: typeof total) => {
    const before = cpuOf(server, neo4jPid);
    const result = await load(server.url, seconds / 2, bodies);
    const after = cpuOf(server, neo4jPid);
    into.requests += result.requests.total;
    into.rate += result.requests.average / 2;
    into.cpu += after.server - before.server;
    into.neo4jCpu += after.neo4j - before.neo4j;
  };
  // Two rounds each, alternating, averaged: a noisy neighbour on the machine hits both.
  for (let i = 0; i < 2; i += 1) {
    await round(ours, oursBody, totals.papergraph);
    await round(theirs, peerBody, totals.peer);
  }
  const of = (side: typeof total): Throughput => ({
    rate: side.rate,
    cpu: side.cpu / side.requests,
    neo4jCpu: side.neo4jCpu / side.requests,
  });
  return { papergraph: of(totals.papergraph), peer: of(totals.peer) };
}

function throughputRow(
  throughput: { papergraph: Throughput; peer: Throughput },
  question: Question,
): Neo4jGraphqlPeerRow {
  const side = ({ rate, cpu, neo4jCpu }: Throughput): PeerSide => ({
    p50: rate,
    p99: Number.NaN,
    bytes: Number.NaN,
    cpu,
    neo4jCpu,
  });
  return {
    id: 'throughput',
    label: `throughput, ${question.label}, 10 connections (req/s)`,
    note: 'autocannon over loopback, two alternating rounds each after a warm-up',
    goal: { kind: 'atLeast', target: 1, unit: '×' },
    papergraph: side(throughput.papergraph),
    peer: side(throughput.peer),
    ratio: throughput.papergraph.rate / throughput.peer.rate,
    agree: null,
  };
}

export function renderNeo4jGraphqlPeer(result: Neo4jGraphqlPeerResult): string {
  const header = [
    'question',
    'papergraph p50 / p99',
    `${PEER_VERSION} p50 / p99`,
    'ratio',
    'bytes (ours / peer)',
    'CPU/request: server + Neo4j (ours / peer)',
    'goal',
    'verdict',
    'answers',
  ];
  const cells = result.rows.map((r) => {
    const verdict = describeVerdict(row(r.id, r.label, r.goal, r.ratio, ''));
    const isRate = r.id === 'throughput';
    const cpuShown = (s: PeerSide) => `${s.cpu.toFixed(1)} + ${s.neo4jCpu.toFixed(1)}`;
    const shown = (s: PeerSide) =>
      isRate ? `${Math.round(s.p50)} req/s` : `${ms(s.p50)} / ${ms(s.p99)} ms`;
    return [
      r.label,
      shown(r.papergraph),
      shown(r.peer),
      `${r.ratio.toFixed(2)}×`,
      isRate ? '' : `${r.papergraph.bytes} / ${r.peer.bytes}`,
      `${cpuShown(r.papergraph)} / ${cpuShown(r.peer)} ms`,
      `${r.goal.kind === 'atLeast' ? '≥' : '≤'} ${r.goal.target.toFixed(1)}×`,
      verdict,
      r.agree === null ? 'not compared' : r.agree ? 'agree' : 'DIFFER',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  const { corpus } = result;
  return [
    `Beside ${PEER_VERSION} on one live ${result.neo4j}: ${corpus.episodes} episodes, ${corpus.papers} papers, ` +
      `${corpus.citations} citations (imported through papergraph at ${Math.round(result.importPerSecond)} episodes/s); ` +
      `${result.samples} interleaved samples per question over HTTP`,
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.map(line),
    ...result.rows.map((r) => `- ${r.label}: ${r.note}`),
  ].join('\n');
}
