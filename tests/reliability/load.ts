// Load test of the real server (a child process on loopback): `connections` clients send a mix of
// read queries for `durationSeconds` while an importFeed loop rewrites 100 episodes over and over.
// Reports errors (HTTP, GraphQL, connection), latency percentiles and the server's resident memory
// sampled every second. Bounded in time and count; sends traffic to 127.0.0.1 only.
//
//   npm run test:load            the full form: 60 s, 20 connections, memory must stay flat
//   (tests/reliability/load.test.ts runs a 5 s form inside npm test)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import autocannon from 'autocannon';

import { largeRssFeed } from './largeFeed.ts';
import { graphql, residentBytes, startServer, TEST_ADMIN_TOKEN } from './serverProcess.ts';

export interface LoadOptions {
  durationSeconds: number;
  connections: number;
  /** Pause between imports; the loop runs for the whole duration. */
  importPauseMs?: number;
  log?: (line: string) => void;
}

export interface LoadReport {
  durationSeconds: number;
  connections: number;
  requests: number;
  errors: { http: number; graphql: number; connection: number; timeouts: number };
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  imports: { completed: number; failed: number; slowestMs: number };
  /** Server RSS in MB, one sample per second. */
  rssMb: number[];
  memory: MemoryVerdict | null;
}

export interface MemoryVerdict {
  /** Median RSS over seconds 10–20 and over the last ten seconds. */
  secondWindowMb: number;
  lastWindowMb: number;
  growthMb: number;
  allowedGrowthMb: number;
  flat: boolean;
}

/** Growth beyond this (MB or % of the second window, whichever is larger) is not noise. */
const MEMORY_NOISE_MB = 24;
const MEMORY_NOISE_SHARE = 0.1;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** Memory is flat when the last ten seconds sit within noise of the second ten seconds. */
export function memoryVerdict(rssMb: number[]): MemoryVerdict | null {
  if (rssMb.length < 30) return null;
  const secondWindowMb = median(rssMb.slice(10, 20));
  const lastWindowMb = median(rssMb.slice(-10));
  const growthMb = lastWindowMb - secondWindowMb;
  const allowedGrowthMb = Math.max(MEMORY_NOISE_MB, secondWindowMb * MEMORY_NOISE_SHARE);
  return {
    secondWindowMb,
    lastWindowMb,
    growthMb,
    allowedGrowthMb,
    flat: growthMb <= allowedGrowthMb,
  };
}

const gql = (query: string, variables: Record<string, unknown> = {}) =>
  JSON.stringify({ query, variables });

/** The read mix, with ids taken from the seeded store. */
async function readMix(graphqlUrl: string): Promise<{ body: string }[]> {
  const { body } = await graphql(
    { graphqlUrl },
    '{ episodes(first: 3) { edges { node { id source { id } } } } papers(first: 1) { edges { node { id } } } }',
  );
  const episodes = body.data!.episodes.edges.map(
    (edge: { node: { id: string; source: { id: string } } }) => edge.node,
  );
  const [a, b] = episodes;
  const paperId: string = body.data!.papers.edges[0].node.id;
  return [
    { body: gql('{ stats { episodes papers citations } }') },
    {
      body: gql(
        'query ($after: String) { episodes(first: 20, after: $after) { totalCount edges { node { id title publishedAt source { id label } } } } }',
      ),
    },
    {
      body: gql(
        'query ($q: String!) { search(query: $q, first: 10) { score node { __typename ... on Episode { id title } ... on Paper { id label } } } }',
        { q: 'reasoning reward' },
      ),
    },
    {
      body: gql(
        '{ graph(limit: 300) { nodes { id kind label weight } edges { source target kind } } }',
      ),
    },
    {
      body: gql(
        'query ($id: ID!) { graph(focus: $id, depth: 2) { nodes { id label } edges { source target } } }',
        { id: a.id },
      ),
    },
    {
      body: gql(
        'query ($id: ID!) { episode(id: $id) { title summary takeaways chapters { start title } recommendations { note paper { id label citationCount } } related(first: 5) { score episode { id title } } } }',
        { id: a.id },
      ),
    },
    {
      body: gql(
        'query ($ref: String!) { paper(ref: $ref) { id label aliases citedBy(first: 20) { kind episode { id title } } } }',
        { ref: paperId },
      ),
    },
    {
      body: gql(
        '{ papers(first: 20, minCitations: 2) { totalCount edges { node { id label citationCount } } } }',
      ),
    },
    {
      body: gql(
        'query ($from: ID!, $to: ID!) { path(from: $from, to: $to) { nodes { id label } } }',
        { from: a.id, to: b.source.id },
      ),
    },
  ];
}

/** Imports two revisions of the same 100 episodes in turn, so every import updates all of them. */
async function importLoop(graphqlUrl: string, until: number, pauseMs: number) {
  const feeds = [
    largeRssFeed({ episodes: 100, firstEpisode: 9_001 }),
    largeRssFeed({ episodes: 100, firstEpisode: 9_001, revision: ' (b)' }),
  ];
  const result = { completed: 0, failed: 0, slowestMs: 0 };
  for (let i = 0; Date.now() < until; i += 1) {
    const started = performance.now();
    const { status, body } = await graphql(
      { graphqlUrl },
      'mutation ($c: String!) { importFeed(content: $c) { __typename ... on ImportSummary { added updated } } }',
      { c: feeds[i % 2] },
      { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    );
    result.slowestMs = Math.max(result.slowestMs, performance.now() - started);
    const summary = body.data?.importFeed;
    const wrote =
      summary?.__typename === 'ImportSummary' &&
      summary.added.length + summary.updated.length === 100;
    if (status === 200 && !body.errors && wrote) result.completed += 1;
    else result.failed += 1;
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return result;
}

export async function runLoadTest(options: LoadOptions): Promise<LoadReport> {
  const log = options.log ?? (() => {});
  const dataDir = await mkdtemp(join(tmpdir(), 'papergraph-load-'));
  const server = await startServer({ dataDir, adminToken: TEST_ADMIN_TOKEN });
  try {
    const requests = await readMix(server.graphqlUrl);
    const rssMb: number[] = [];
    const sampler = setInterval(() => rssMb.push(residentBytes(server.pid) / 1024 / 1024), 1_000);
    let graphqlErrors = 0;
    const until = Date.now() + options.durationSeconds * 1_000;
    const imports = importLoop(server.graphqlUrl, until, options.importPauseMs ?? 100);
    log(
      `load: ${options.connections} connections for ${options.durationSeconds} s against ${server.graphqlUrl}, importFeed loop in parallel`,
    );
    const result = await autocannon({
      url: server.graphqlUrl,
      connections: options.connections,
      duration: options.durationSeconds,
      timeout: 10,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: requests.map(({ body }) => ({
        method: 'POST',
        body,
        onResponse: (status: number, responseBody: string) => {
          if (
            status === 200 &&
            (responseBody.includes('"errors"') || !responseBody.startsWith('{"data":'))
          )
            graphqlErrors += 1;
        },
      })),
    });
    const importResult = await imports;
    clearInterval(sampler);
    const report: LoadReport = {
      durationSeconds: options.durationSeconds,
      connections: options.connections,
      requests: result.requests.total,
      errors: {
        http: result.non2xx,
        graphql: graphqlErrors,
        connection: result.errors,
        timeouts: result.timeouts,
      },
      latencyMs: {
        p50: result.latency.p50,
        p90: result.latency.p90,
        p99: result.latency.p99,
        max: result.latency.max,
      },
      imports: {
        completed: importResult.completed,
        failed: importResult.failed,
        slowestMs: Math.round(importResult.slowestMs),
      },
      rssMb: rssMb.map((mb) => Math.round(mb)),
      memory: memoryVerdict(rssMb),
    };
    log(`load: ${JSON.stringify({ ...report, rssMb: undefined })}`);
    log(`load: server RSS per second (MB): ${report.rssMb.join(' ')}`);
    return report;
  } finally {
    await server.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** What the full form demands; the short form in npm test checks the error and latency part. */
export function loadProblems(report: LoadReport, requireFlatMemory: boolean): string[] {
  const problems: string[] = [];
  const { http, graphql: graphqlErrors, connection, timeouts } = report.errors;
  if (http + graphqlErrors + connection + timeouts > 0)
    problems.push(`errors under load: ${JSON.stringify(report.errors)}`);
  if (report.imports.failed > 0 || report.imports.completed === 0)
    problems.push(`imports: ${JSON.stringify(report.imports)}`);
  if (!(report.requests > 0 && Number.isFinite(report.latencyMs.p99) && report.latencyMs.p99 > 0))
    problems.push('no p99 latency recorded');
  if (requireFlatMemory) {
    if (report.memory === null) problems.push('too short to judge memory (needs 30 s or more)');
    else if (!report.memory.flat) problems.push(`memory grew: ${JSON.stringify(report.memory)}`);
  }
  return problems;
}

if (import.meta.main) {
  const report = await runLoadTest({
    durationSeconds: 60,
    connections: 20,
    log: (line) => console.log(line),
  });
  const problems = loadProblems(report, true);
  console.log(
    `p99 ${report.latencyMs.p99} ms over ${report.requests} requests; memory ${JSON.stringify(report.memory)}`,
  );
  if (problems.length > 0) {
    console.error(`load test FAILED:\n  - ${problems.join('\n  - ')}`);
    process.exitCode = 1;
  } else {
    console.log('load test passed');
  }
}
