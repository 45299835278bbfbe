// The related query over HTTP at 10 concurrent connections (autocannon, loopback only), against the
// server's own `{__typename}` throughput on the same machine at the same moment.
import autocannon from 'autocannon';
import { row, type Row } from './report.ts';
import { RELATED_QUERY } from './queryRows.ts';

const CONNECTIONS = 10;
const headers = { 'content-type': 'application/json' };

async function load(url: string, seconds: number, bodies: string[]) {
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
  if (result.errors > 0 || result.non2xx > 0) throw new Error(`HTTP load on ${url}: ${result.errors} errors, ${result.non2xx} non-2xx answers`);
  return result;
}

export async function httpRows(apiUrl: string, episodeIds: readonly string[], seconds: number): Promise<Row[]> {
  const typename = [JSON.stringify({ query: '{ __typename }' })];
  const related = episodeIds.map((id) => JSON.stringify({ query: RELATED_QUERY, variables: { id } }));
  await load(apiUrl, Math.max(1, seconds / 4), typename); // warm-up: JIT, sockets
  await load(apiUrl, Math.max(1, seconds / 4), related);
  const baseline = await load(apiUrl, seconds, typename);
  const measured = await load(apiUrl, seconds, related);
  const ratio = measured.requests.average / baseline.requests.average;
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
    row('http-p99', 'related over HTTP, 10 connections: p99 latency', { kind: 'atMost', target: 15, unit: 'ms' }, measured.latency.p99, `${measured.latency.p99} ms`),
  ];
}
