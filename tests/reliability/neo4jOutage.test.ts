// The Neo4j store when the database goes away, seen through the API. Mid-run: a scripted driver
// that fails exactly like neo4j-driver does (ServiceUnavailable) and then comes back — clients get a
// clear STORE_UNAVAILABLE error, /health says 503, and the same server serves again once the
// database is back, without a restart. At start: the real driver against a closed loopback port.
import { afterAll, describe, expect, it } from 'vitest';

import { createPapergraphYoga } from '../../server/src/graphql/yoga.ts';
import type { CypherDriver, Row } from '../../server/src/store/neo4j/driver.ts';
import { createNeo4jStoreWithDriver, openNeo4jDriver } from '../../server/src/store/neo4j/index.ts';
import { Neo4jStore } from '../../server/src/store/neo4j/neo4jStore.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { ADMIN_TOKEN } from '../api/testApi.ts';
import { SEED_PAGE } from '../import/seedFiles.ts';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** What neo4j-driver throws when no server answers (a Neo4jError with this code). */
function serviceUnavailable(): Error {
  return Object.assign(
    new Error(
      'Could not perform discovery. No routing servers available. Known routing table: RoutingTable[…]',
    ),
    {
      name: 'Neo4jError',
      code: 'ServiceUnavailable',
    },
  );
}

type Answer = Row[] | ((params: any) => Row[]);

/** A driver with a switch: while `down`, every call fails as above; while up, it answers from canned rows. */
function switchableDriver(rows: Partial<Record<string, Answer>>) {
  const state = { down: false, writes: 0 };
  const answer = (statement: string, params: unknown): Row[] => {
    const canned = rows[statement] ?? [];
    return typeof canned === 'function' ? canned(params) : canned;
  };
  const driver: CypherDriver = {
    async executeQuery(statement, params) {
      if (state.down) throw serviceUnavailable();
      return answer(statement, params);
    },
    async executeWrite(work) {
      if (state.down) throw serviceUnavailable();
      state.writes += 1;
      return work({ run: async (statement, params) => answer(statement, params) });
    },
    async serverInfo() {
      if (state.down) throw serviceUnavailable();
      return { address: '127.0.0.1:7687', agent: 'Neo4j/5.26.0', protocolVersion: '5.8' };
    },
    async close() {},
  };
  return { driver, state };
}

function apiOver(store: GraphStore) {
  const yoga = createPapergraphYoga({ store, adminToken: ADMIN_TOKEN, logger: quiet });
  const post = async (
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) => {
    const response = await yoga.fetch('http://papergraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return {
      status: response.status,
      body: (await response.json()) as {
        data?: any;
        errors?: { message: string; extensions?: any }[];
      },
    };
  };
  const health = async () => {
    const response = await yoga.fetch('http://papergraph.test/health');
    return {
      status: response.status,
      body: (await response.json()) as { store: string; reachable: boolean; detail: string },
    };
  };
  return { post, health };
}

describe('Neo4j goes away mid-run and comes back (scripted driver)', () => {
  const { driver, state } = switchableDriver({
    stats: [{ episodes: 2, papers: 3, citations: 4 }],
    // The import's citation write reports how many it wrote; the store checks that count.
    importWriteCitations: (params: { citations: unknown[] }) => [
      { citations: params.citations.length },
    ],
  });
  const store = new Neo4jStore(driver, { healthTimeoutMs: 500 });
  const api = apiOver(store);
  afterAll(() => store.close());

  it('up: queries and /health work', async () => {
    expect((await api.post('{ stats { episodes papers citations } }')).body).toEqual({
      data: { stats: { episodes: 2, papers: 3, citations: 4 } },
    });
    expect(await api.health()).toEqual({
      status: 200,
      body: {
        store: 'neo4j',
        reachable: true,
        detail: 'Neo4j/5.26.0 at 127.0.0.1:7687',
        feeds: [],
      },
    });
  });

  it('down: queries answer STORE_UNAVAILABLE (503), /health says unreachable, imports fail cleanly', async () => {
    state.down = true;
    const query = await api.post('{ stats { episodes } }');
    expect(query.status).toBe(503);
    expect(query.body.errors).toEqual([
      expect.objectContaining({
        message: 'The database is not reachable right now. Try again shortly.',
        extensions: { code: 'STORE_UNAVAILABLE', requestId: expect.any(String) },
      }),
    ]);
    expect(JSON.stringify(query.body)).not.toMatch(/RoutingTable|discovery/);

    const health = await api.health();
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({
      store: 'neo4j',
      reachable: false,
      detail: expect.stringMatching(/^Neo4j is unreachable: /),
    });

    const writesBefore = state.writes;
    const imported = await api.post(
      'mutation ($c: String!) { importFeed(content: $c) { __typename } }',
      { c: SEED_PAGE },
      { authorization: `Bearer ${ADMIN_TOKEN}` },
    );
    expect(imported.status).toBe(503);
    expect(imported.body.errors?.[0]?.extensions).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(state.writes).toBe(writesBefore); // no transaction ever started
  });

  it('back: the same server answers again, no restart', async () => {
    state.down = false;
    expect((await api.post('{ stats { episodes } }')).body).toEqual({
      data: { stats: { episodes: 2 } },
    });
    expect((await api.health()).status).toBe(200);
    const imported = await api.post(
      'mutation ($c: String!) { importFeed(content: $c) { __typename } }',
      { c: SEED_PAGE },
      { authorization: `Bearer ${ADMIN_TOKEN}` },
    );
    expect(imported.body.data?.importFeed.__typename).toBe('ImportSummary');
  });
});

/** Rejects when `promise` takes longer than `ms`, so a hanging driver fails the test instead of stalling it. */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  promise.catch(() => {}); // a late rejection, after the deadline, is not news
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

describe('Neo4j unreachable at start (real driver, closed loopback port 127.0.0.1:1)', () => {
  // The server starts degraded instead of exiting — /health 503 and STORE_UNAVAILABLE within seconds —
  // and heals by itself when Neo4j appears (the circuit breaker's probe; see circuitBreaker.test.ts).
  it('starts degraded and answers within 3 s', { timeout: 10_000 }, async () => {
    const driver = openNeo4jDriver({
      uri: 'bolt://127.0.0.1:1',
      user: 'neo4j',
      password: 'unused-password',
    });
    try {
      const store = await within(
        3_000,
        'starting the store',
        createNeo4jStoreWithDriver(driver, { healthTimeoutMs: 1_000 }),
      );
      const api = apiOver(store);
      const health = await within(3_000, '/health', api.health());
      expect(health).toMatchObject({ status: 503, body: { store: 'neo4j', reachable: false } });
      const query = await within(3_000, 'a query', api.post('{ stats { episodes } }'));
      expect(query.status).toBe(503);
      expect(query.body.errors?.[0]?.extensions).toMatchObject({ code: 'STORE_UNAVAILABLE' });
    } finally {
      await driver.close();
    }
  });
});
