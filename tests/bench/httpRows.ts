// The related query over HTTP at 10 concurrent connections (autocannon, loopback only), against the
// server's own `{__typename}` throughput on the same machine at the same moment; and how long a
// hostile 20 MB document takes to be refused.
import autocannon from 'autocannon';

import { RELATED_QUERY } from './queryRows.ts';
import { type Row, row } from './report.ts';

const CONNECTIONS = 10;
const headers = { 'content-type': 'application/json' };

export async function load(url: string, seconds: number, bodies: string[]) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    headers,
    body: bodies[0]!,
    // Each connection cycles through these: a different episode per request, so nothing sees the same
    // question twice in a row.
    requests: bodies.map((body) => ({ method: 'POST', headers, body })),
  });
  if (result.errors > 0 || result.non2xx > 0)
    throw new Error(
      `HTTP load on ${url}: ${result.errors} errors, ${result.non2xx} non-2xx answers`,
    );
  return result;
}

const HOSTILE_SAMPLES = 5;

/** Median time from sending a 20 MB `{ __typename __typename … }` to its refusal by the token limit. */
async function hostileDocumentMs(url: string): Promise<number> {
  const body = Buffer.from(
    JSON.stringify({ query: `{ ${'__typename '.repeat((20 * 1024 * 1024) / 11)} }` }),
  );
  const times: number[] = [];
  for (let i = 0; i < HOSTILE_SAMPLES; i++) {
    const started = performance.now();
    const response = await fetch(url, { method: 'POST', headers, body });
    const text = await response.text();
    times.push(performance.now() - started);
    if (!text.includes('TOO_MANY_TOKENS'))
      throw new Error(
        `the hostile document was not refused by the token limit: ${text.slice(0, 200)}`,
      );
  }
  return times.sort((a, b) => a - b)[Math.floor(HOSTILE_SAMPLES / 2)]!;
}

/** One related request per episode id, cycled through by every connection. */
export function relatedBodies(episodeIds: readonly string[]): string[] {
  return episodeIds.map((id) => JSON.stringify({ query: RELATED_QUERY, variables: { id } }));
}

export async function httpRows(
  apiUrl: string,
  episodeIds: readonly string[],
  seconds: number,
): Promise<Row[]> {
  const typename = [JSON.stringify({ query: '{ __typename }' })];
  const related = relatedBodies(episodeIds);
  await load(apiUrl, Math.max(1, seconds / 4), typename); // warm-up: JIT, sockets
  await load(apiUrl, Math.max(1, seconds / 4), related);
  const baseline = await load(apiUrl, seconds, typename);
  const measured = await load(apiUrl, seconds, related);
  const ratio = measured.requests.average / baseline.requests.average;
  const hostile = await hostileDocumentMs(apiUrl);
  return [
    row(
      'http-throughput',
      'related over HTTP, 10 connections: throughput ÷ {__typename} throughput',
      { kind: 'atLeast', target: 0.6, unit: '×' },
      ratio,
      `${ratio.toFixed(2)} × (${Math.round(measured.requests.average)} vs ${Math.round(baseline.requests.average)} req/s)`,
      `autocannon, ${CONNECTIONS} connections, ${seconds} s each, client and server on the same machine; ` +
        `related p50 ${measured.latency.p50} ms, {__typename} p50 ${baseline.latency.p50} ms p99 ${baseline.latency.p99} ms`,
    ),
    row(
      'http-p99',
      'related over HTTP, 10 connections: p99 latency',
      { kind: 'atMost', target: 15, unit: 'ms' },
      measured.latency.p99,
      `${measured.latency.p99} ms`,
    ),
    row(
      'http-hostile-document',
      'hostile 20 MB document over HTTP: sent → refused (median)',
      { kind: 'atMost', target: 50, unit: 'ms' },
      hostile,
      `${hostile.toFixed(1)} ms`,
      `${HOSTILE_SAMPLES} requests of { __typename × 1.9 M }, refused by the token limit (TOO_MANY_TOKENS); includes sending and reading the 20 MB body`,
    ),
  ];
}
