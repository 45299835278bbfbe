// A real outage, on a Neo4j of this test's own: papergraph starts before the database, sets up the schema
// when Neo4j comes up, then loses Neo4j to kill -9 while it serves — /health 503 and STORE_UNAVAILABLE at
// once — and recovers without a restart when Neo4j starts again on the same data, with nothing lost.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { type RunningNeo4j, startNeo4j } from '../../neo4j-launcher/launcher.ts';
import { neo4jTestSettings } from '../helpers/neo4j.ts';
import { waitUntil } from '../helpers/processes.ts';
import { SEED_PAGE } from '../import/seedFiles.ts';
import {
  freePort,
  graphql,
  type RunningServer,
  startServer,
  TEST_ADMIN_TOKEN,
} from './serverProcess.ts';

const settings = neo4jTestSettings();
const title =
  settings.skipReason === undefined
    ? 'a live Neo4j outage'
    : `a live Neo4j outage (skipped: ${settings.skipReason})`;
const PASSWORD = 'papergraph-outage';
const STATS = '{ stats { episodes papers citations } }';

async function health(server: RunningServer): Promise<number> {
  return (await fetch(`${server.baseUrl}/health`)).status;
}

/** Polls /health until it answers `status`, for at most `ms`. */
function healthBecomes(server: RunningServer, status: number, ms: number): Promise<void> {
  return waitUntil(
    async () => (await health(server)) === status,
    server.child,
    ms,
    `/health answering ${status}`,
  );
}

describe.skipIf(settings.skipReason !== undefined)(title, { timeout: 120_000 }, () => {
  let dataDir: string;
  let serverDir: string;
  let port: number;
  let neo4j: RunningNeo4j | undefined;
  let server: RunningServer;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'papergraph-outage-neo4j-'));
    serverDir = await mkdtemp(join(tmpdir(), 'papergraph-outage-api-'));
    port = await freePort();
    server = await startServer({
      dataDir: serverDir,
      seed: false,
      adminToken: TEST_ADMIN_TOKEN,
      env: { NEO4J_URI: `bolt://127.0.0.1:${port}`, NEO4J_PASSWORD: PASSWORD },
    });
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
    await neo4j?.stop();
    await Promise.all([dataDir, serverDir].map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('starts before Neo4j: degraded, then the schema is set up when Neo4j appears', async () => {
    expect(await health(server)).toBe(503);
    neo4j = await startNeo4j({ port, dataDir, password: PASSWORD });
    await healthBecomes(server, 200, 60_000);
    const imported = await graphql(
      server,
      'mutation ($c: String!) { importFeed(content: $c) { __typename } }',
      { c: SEED_PAGE },
      {
        authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
      },
    );
    expect(imported.body.data?.['importFeed'].__typename).toBe('ImportSummary');
    expect((await graphql(server, STATS)).body.data?.['stats']).toEqual({
      episodes: 8,
      papers: 32,
      citations: 34,
    });
    // The full-text indexes exist: search answers from them.
    const search = await graphql(server, '{ search(query: "speculative decoding") { score } }');
    expect(search.body.errors).toBeUndefined();
    expect(search.body.data?.['search'].length).toBeGreaterThan(0);
  });

  it('kill -9 of Neo4j: /health 503 and queries fail fast with STORE_UNAVAILABLE', async () => {
    await neo4j!.kill();
    await healthBecomes(server, 503, 15_000);
    const started = performance.now();
    const query = await graphql(server, STATS);
    const elapsedMs = performance.now() - started;
    expect(query.status).toBe(503);
    expect(query.body.errors?.[0]?.extensions).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    // Failing fast: the circuit breaker answers without waiting for the driver's connection timeout.
    expect(elapsedMs).toBeLessThan(5_000);
  });

  it('Neo4j back on the same data: papergraph recovers without a restart, nothing lost', async () => {
    neo4j = await startNeo4j({ port, dataDir, password: PASSWORD });
    await healthBecomes(server, 200, 60_000);
    expect((await graphql(server, STATS)).body.data?.['stats']).toEqual({
      episodes: 8,
      papers: 32,
      citations: 34,
    });
    expect(server.child.exitCode).toBeNull();
  });
});
