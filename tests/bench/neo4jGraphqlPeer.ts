// `--peer neo4j-graphql`: papergraph's GraphQL API on Neo4j beside the official Neo4j GraphQL Library
// (@neo4j/graphql on yoga, tests/bench/peers/neo4j-graphql/) serving the same database: the four
// questions of issue 23 timed interleaved over HTTP, then citedBy throughput, each as a ratio with its
// goal. The peer is its own npm project (it needs graphql 16), installed on first use.
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
import { explainer, postGraphql, type Running, startApi } from './serverProcess.ts';
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

async function timed(call: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await call();
  return performance.now() - started;
}

export interface PeerSide {
  p50: number;
  p99: number;
  bytes: number;
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
        const rows: Neo4jGraphqlPeerRow[] = [];
        for (const question of questions(sample)) {
          log(`both: ${question.label}, ${samples} interleaved samples`);
          rows.push(await compareQuestion(question, ours.url, peer.url, samples));
        }
        log(`both: citedBy throughput, autocannon, 10 connections, ${seconds} s each`);
        const [citedBy] = questions(sample);
        const throughput = await compareThroughput(citedBy!, ours.url, peer.url, seconds);
        return {
          neo4j: version,
          corpus,
          importPerSecond: imported.episodesPerSecond,
          samples,
          rows: [...rows, throughputRow(throughput, citedBy!)],
          throughput: { ...throughput, seconds },
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

async function compareQuestion(
  question: Question,
  oursUrl: string,
  peerUrl: string,
  samples: number,
): Promise<Neo4jGraphqlPeerRow> {
  const oursAnswer = await answer(oursUrl, question.ours);
  const peerAnswer = await answer(peerUrl, question.peer);
  const oursIds = question.oursIds(oursAnswer);
  const agree =
    oursIds.length === 0
      ? null
      : JSON.stringify(oursIds) === JSON.stringify(question.peerIds(peerAnswer));
  const warmup = Math.ceil(samples / 4);
  const oursTimes: number[] = [];
  const peerTimes: number[] = [];
  for (let i = 0; i < warmup + samples; i += 1) {
    // Alternating who goes first: neither side always meets the other's cache effects.
    const pair =
      i % 2 === 0
        ? [
            await timed(() => answer(oursUrl, question.ours)),
            await timed(() => answer(peerUrl, question.peer)),
          ]
        : [
            await timed(() => answer(oursUrl, question.ours)),
            await timed(() => answer(peerUrl, question.peer)),
          ].reverse();
    if (i < warmup) continue;
    oursTimes.push(pair[0]!);
    peerTimes.push(pair[1]!);
  }
  const side = async (times: number[], url: string, query: Question['ours']): Promise<PeerSide> => {
    const sorted = times.sort((a, b) => a - b);
    return {
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      bytes: await answerBytes(url, query),
    };
  };
  const papergraph = await side(oursTimes, oursUrl, question.ours);
  const peer = await side(peerTimes, peerUrl, question.peer);
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

async function compareThroughput(
  question: Question,
  oursUrl: string,
  peerUrl: string,
  seconds: number,
): Promise<{ papergraph: number; peer: number }> {
  const oursBody = [JSON.stringify(question.ours)];
  const peerBody = [JSON.stringify(question.peer)];
  await load(oursUrl, Math.max(1, seconds / 4), oursBody);
  await load(peerUrl, Math.max(1, seconds / 4), peerBody);
  // Two rounds each, alternating, averaged: a noisy neighbour on the machine hits both.
  let papergraph = 0;
  let peer = 0;
  for (let round = 0; round < 2; round += 1) {
    papergraph += (await load(oursUrl, seconds / 2, oursBody)).requests.average / 2;
    peer += (await load(peerUrl, seconds / 2, peerBody)).requests.average / 2;
  }
  return { papergraph, peer };
}

function throughputRow(
  throughput: { papergraph: number; peer: number },
  question: Question,
): Neo4jGraphqlPeerRow {
  return {
    id: 'throughput',
    label: `throughput, ${question.label}, 10 connections (req/s)`,
    note: 'autocannon over loopback, two alternating rounds each after a warm-up',
    goal: { kind: 'atLeast', target: 1, unit: '×' },
    papergraph: { p50: throughput.papergraph, p99: Number.NaN, bytes: Number.NaN },
    peer: { p50: throughput.peer, p99: Number.NaN, bytes: Number.NaN },
    ratio: throughput.papergraph / throughput.peer,
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
    'goal',
    'verdict',
    'answers',
  ];
  const cells = result.rows.map((r) => {
    const verdict = describeVerdict(row(r.id, r.label, r.goal, r.ratio, ''));
    const isRate = r.id === 'throughput';
    const shown = (s: PeerSide) =>
      isRate ? `${Math.round(s.p50)} req/s` : `${ms(s.p50)} / ${ms(s.p99)} ms`;
    return [
      r.label,
      shown(r.papergraph),
      shown(r.peer),
      `${r.ratio.toFixed(2)}×`,
      isRate ? '' : `${r.papergraph.bytes} / ${r.peer.bytes}`,
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
