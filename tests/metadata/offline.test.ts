// With ENRICH=true and providers that accept connections but never answer (the worst kind of offline),
// start-up and an import take no longer than with ENRICH=false, and queries answer meanwhile.
import { readFile, rm } from 'node:fs/promises';
import { createServer, type Server, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { makeTempDir } from '../helpers/stores.ts';
import {
  graphql,
  type RunningServer,
  startServer,
  TEST_ADMIN_TOKEN,
} from '../reliability/serverProcess.ts';

const SEED_RSS = fileURLToPath(new URL('../../seed/ai-papers-deep-dive.rss.xml', import.meta.url));

let blackHole: Server;
let blackHoleUrl: string;
const connections: Socket[] = [];

beforeAll(async () => {
  blackHole = createServer((socket) => connections.push(socket)); // reads nothing, answers nothing
  await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
  const address = blackHole.address();
  if (address === null || typeof address !== 'object') throw new Error('no port');
  blackHoleUrl = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  for (const socket of connections) socket.destroy();
  await new Promise((resolve) => blackHole.close(resolve));
});

interface Run {
  startMs: number;
  importMs: number;
  statsMs: number;
  health: Record<string, unknown>;
}

/** Start (seeding the store), then one importFeed of the seed's RSS (8 episodes, all unchanged). */
async function measure(enrich: boolean): Promise<Run> {
  const dataDir = await makeTempDir('offline');
  const env: Record<string, string> = enrich
    ? {
        ENRICH: 'true',
        SEMANTIC_SCHOLAR_API_URL: `${blackHoleUrl}/graph/v1`,
        ARXIV_API_URL: `${blackHoleUrl}/api/query`,
        ENRICH_TIMEOUT_MS: '60000',
      }
    : { ENRICH: 'false' };
  const started = performance.now();
  let server: RunningServer | undefined;
  try {
    server = await startServer({ dataDir, adminToken: TEST_ADMIN_TOKEN, env });
    const startMs = performance.now() - started;
    const content = await readFile(SEED_RSS, 'utf8');
    const beforeImport = performance.now();
    const imported = await graphql(
      server,
      'mutation ($content: String!) { importFeed(content: $content) { __typename } }',
      { content },
      {
        authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
      },
    );
    const importMs = performance.now() - beforeImport;
    expect(imported.body.data?.importFeed.__typename).toBe('ImportSummary');
    const beforeStats = performance.now();
    const stats = await graphql(server, '{ stats { episodes } }');
    const statsMs = performance.now() - beforeStats;
    expect(stats.body.data?.stats.episodes).toBe(8);
    const health = (await (await fetch(`${server.baseUrl}/health`)).json()) as Record<
      string,
      unknown
    >;
    return { startMs, importMs, statsMs, health };
  } finally {
    await server?.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  }
}

describe('ENRICH=true with providers that never answer', () => {
  it(
    'start-up, an import and a query take no longer than with ENRICH=false',
    { timeout: 120_000 },
    async () => {
      // Alternating runs, best of three each, so the machine's noise hits both sides alike.
      const off: Run[] = [];
      const on: Run[] = [];
      for (let i = 0; i < 3; i++) {
        off.push(await measure(false));
        on.push(await measure(true));
      }
      const best = (runs: Run[], key: 'startMs' | 'importMs' | 'statsMs') =>
        Math.min(...runs.map((r) => r[key]));
      const report = (key: 'startMs' | 'importMs' | 'statsMs') =>
        `${key}: ENRICH=false ${best(off, key).toFixed(0)} ms, ENRICH=true ${best(on, key).toFixed(0)} ms`;
      console.log(['startMs', 'importMs', 'statsMs'].map((k) => report(k as 'startMs')).join('; '));

      // The providers were asked (enrichment really ran) and never answered.
      expect(connections.length).toBeGreaterThan(0);
      expect(on[0]!.health).toMatchObject({
        reachable: true,
        enrichment: { pending: 32, done: 0, failed: 0, lastError: null },
      });
      expect(off[0]!.health).not.toHaveProperty('enrichment');
      // "No longer": within the noise of a shared 2-core machine (50% + 500 ms on the best of three; a
      // provider that held start-up or an import would cost the 60 s timeout).
      for (const key of ['startMs', 'importMs', 'statsMs'] as const) {
        expect(best(on, key), report(key)).toBeLessThanOrEqual(best(off, key) * 1.5 + 500);
      }
    },
  );
});
