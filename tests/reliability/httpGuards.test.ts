// What the API does with hostile or unlucky requests: internal errors masked (with a request id to
// find them in the log), store failures explained, CSRF-able requests refused, oversized bodies
// refused before parsing, introspection and GraphiQL switchable, every mutation behind the token.
import { rm } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadConfig } from '../../server/src/config.ts';
import { QUERY_LIMITS } from '../../server/src/graphql/limits.ts';
import { requestLogger } from '../../server/src/graphql/plugins/requestId.ts';
import {
  createPapergraphYoga,
  CSRF_HEADER,
  type YogaOptions,
} from '../../server/src/graphql/yoga.ts';
import { toStoreError } from '../../server/src/store/embedded/errors.ts';
import { StoreConflictError, StoreUnavailableError } from '../../server/src/store/errors.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { createTestApi, type TestApi } from '../api/testApi.ts';
import { type LoopbackServer, serveOnLoopback } from '../helpers/loopbackServer.ts';

const ADMIN = 'http-guards-admin-token-0123456789';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A store whose chosen methods fail with the given errors; everything else is the real seeded store. */
function failingStore(
  store: GraphStore,
  failures: Partial<Record<keyof GraphStore, () => unknown>>,
): GraphStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const fail = failures[property as keyof GraphStore];
      if (fail) return async () => Promise.reject(fail());
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function neo4jLikeError(code: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'Neo4jError', code });
}

function sqliteError(errcode: number, errstr: string): Error {
  return Object.assign(new Error(errstr), { code: 'ERR_SQLITE_ERROR', errcode, errstr });
}

let seeded: TestApi;
beforeAll(async () => {
  seeded = await createTestApi();
});
afterAll(async () => {
  if (!seeded) return;
  await seeded.close();
  await rm(seeded.dataDir, { recursive: true, force: true });
});

/** The real yoga over `store` (default: the seeded one), logging through the real request logger. */
function yogaWith(options: Partial<YogaOptions> = {}) {
  const logs: string[] = [];
  const yoga = createPapergraphYoga({
    store: seeded.store,
    adminToken: ADMIN,
    logger: requestLogger((line) => logs.push(line)),
    ...options,
  });
  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const response = await yoga.fetch('http://papergraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return {
      response,
      text,
      json: JSON.parse(text) as {
        data?: any;
        errors?: { message: string; extensions?: Record<string, unknown> }[];
      },
    };
  };
  return { yoga, post, logs };
}

describe('masked errors', () => {
  it('an internal failure reaches the client as "Unexpected error." with a request id, and the log has the rest', async () => {
    const secret =
      'SQLITE_IOERR: disk I/O error reading /var/lib/papergraph/papergraph.sqlite (SELECT * FROM episodes)';
    const { post, logs } = yogaWith({
      store: failingStore(seeded.store, { stats: () => new Error(secret) }),
    });
    const { response, text, json } = await post(
      { query: '{ stats { episodes } }' },
      { 'x-request-id': 'client-req-42' },
    );
    expect(json.errors).toEqual([
      expect.objectContaining({
        message: 'Unexpected error.',
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'client-req-42' },
      }),
    ]);
    expect(response.headers.get('x-request-id')).toBe('client-req-42');
    for (const leak of ['SQLITE', '/var/lib', 'SELECT', 'stack', 'Error:', '.ts:'])
      expect(text).not.toContain(leak);
    const line = logs.find((entry) => entry.includes('SQLITE_IOERR'));
    expect(line).toMatch(/^\[api\] error request=client-req-42 /);
    expect(line).toMatch(/\n\s+at /); // the stack is in the log, for the operator
  });

  it('never shows Cypher from a database error', async () => {
    const cypher = 'Invalid input: MATCH (p:Paper) WHERE p.id IN $ids RETURN p {.*} AS paper';
    const { post } = yogaWith({
      store: failingStore(seeded.store, {
        papersByIds: () => neo4jLikeError('Neo.ClientError.Statement.SyntaxError', cypher),
      }),
    });
    const { text, json } = await post({
      query: '{ episodes(first: 1) { edges { node { source { id } } } } }',
    });
    expect(json.errors?.[0]).toMatchObject({
      message: 'Unexpected error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.stringMatching(UUID) },
    });
    for (const leak of ['MATCH', 'Paper)', '$ids', 'Neo.ClientError'])
      expect(text).not.toContain(leak);
  });

  it('explains a store that is down: STORE_UNAVAILABLE, HTTP 503', async () => {
    // Whichever read the page makes (whole records or listings), the driver cannot reach a server.
    const storeDown = () =>
      new StoreUnavailableError(
        'Could not perform discovery. No routing servers available. (ServiceUnavailable)',
      );
    const { post } = yogaWith({
      store: failingStore(seeded.store, {
        listEpisodes: storeDown,
        listEpisodeListings: storeDown,
      }),
    });
    const { response, text, json } = await post({ query: '{ episodes { totalCount } }' });
    expect(response.status).toBe(503);
    expect(json.errors?.[0]).toMatchObject({
      message: 'The database is not reachable right now. Try again shortly.',
      extensions: { code: 'STORE_UNAVAILABLE', requestId: expect.stringMatching(UUID) },
    });
    expect(text).not.toMatch(/routing|discovery/);
  });

  it('explains a write conflict and a busy database on importFeed, and writes nothing', async () => {
    const auth = { authorization: `Bearer ${ADMIN}` };
    const feed = JSON.stringify({
      format: 'papergraph',
      version: 1,
      ...(await seeded.store.exportBatch()),
    });
    const withContent = {
      query: 'mutation ($c: String!) { importFeed(content: $c) { __typename } }',
      variables: { c: feed },
    };

    const conflict = yogaWith({
      store: failingStore(seeded.store, {
        importBatch: () => new StoreConflictError('constraint'),
      }),
    });
    const a = await conflict.post(withContent, auth);
    expect(a.response.status).toBe(409);
    expect(a.json.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT' });

    const busy = yogaWith({
      store: failingStore(seeded.store, {
        importBatch: () => toStoreError(sqliteError(5, 'database is locked')),
      }),
    });
    const b = await busy.post(withContent, auth);
    expect(b.response.status).toBe(503);
    expect(b.json.errors?.[0]).toMatchObject({
      message: 'The database is busy with another import. Try again shortly.',
      extensions: { code: 'STORE_BUSY' },
    });
    expect((await seeded.query('{ stats { episodes } }')).data!.stats.episodes).toBe(8);
  });

  it('shows the API’s own errors (syntax, validation, limits) as they are', async () => {
    const { post } = yogaWith();
    expect((await post({ query: '{ stats { episodes ' })).json.errors?.[0]?.message).toMatch(
      /^Syntax Error/,
    );
    expect((await post({ query: '{ nope }' })).json.errors?.[0]?.message).toMatch(
      /Cannot query field "nope"/,
    );
    expect(
      (await post({ query: '{ search(query: "x", first: 999) { score } }' })).json.errors?.[0]
        ?.message,
    ).toMatch(/first/);
  });

  it('takes a sane client request id, replaces anything else with a fresh UUID', async () => {
    const { post } = yogaWith();
    const ids = async (header?: string) =>
      (
        await post(
          { query: '{ stats { episodes } }' },
          header === undefined ? {} : { 'x-request-id': header },
        )
      ).response.headers.get('x-request-id');
    expect(await ids('trace-7.a_b:c')).toBe('trace-7.a_b:c');
    expect(await ids()).toMatch(UUID);
    expect(await ids('x'.repeat(65))).toMatch(UUID);
    expect(await ids('has spaces; and=more')).toMatch(UUID);
  });
});

describe('CSRF prevention', () => {
  const send = (init: RequestInit, path = '/graphql') =>
    yogaWith().yoga.fetch(`http://papergraph.test${path}`, init);
  const query = JSON.stringify({ query: '{ stats { episodes } }' });

  it('refuses the requests a cross-site page can send without a preflight', async () => {
    for (const contentType of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const response = await send({
        method: 'POST',
        headers: { 'content-type': contentType },
        body: query,
      });
      expect(response.status, contentType).toBe(403);
      expect(await response.text()).toMatch(/CSRF/);
    }
    const plainGet = await send(
      { method: 'GET' },
      `/graphql?query=${encodeURIComponent('{ stats { episodes } }')}`,
    );
    expect(plainGet.status).toBe(403);
  });

  it('lets JSON requests and GETs with the CSRF header through; never mutations over GET', async () => {
    expect(
      (await send({ method: 'POST', headers: { 'content-type': 'application/json' }, body: query }))
        .status,
    ).toBe(200);
    const get = await send(
      { method: 'GET', headers: { [CSRF_HEADER]: '1' } },
      `/graphql?query=${encodeURIComponent('{ stats { episodes } }')}`,
    );
    expect(get.status).toBe(200);
    const mutation = await send(
      { method: 'GET', headers: { [CSRF_HEADER]: '1', authorization: `Bearer ${ADMIN}` } },
      `/graphql?query=${encodeURIComponent('mutation { importFeed(content: "x") { __typename } }')}`,
    );
    expect(mutation.status).toBe(405);
  });
});

describe('request body limit', () => {
  let server: LoopbackServer;
  let url: string;
  const limit = 64 * 1024;
  beforeAll(async () => {
    server = await serveOnLoopback(yogaWith({ maxBodyBytes: limit }).yoga);
    url = server.url;
  });
  afterAll(() => server?.close());

  const body = (padding: number) =>
    JSON.stringify({ query: `{ stats { episodes } }${' '.repeat(padding)}` });

  it('answers a declared over-limit body with 413 before reading it', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(limit),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [
        {
          message: `The request body is ${body(limit).length} bytes; the limit is ${limit} bytes.`,
          extensions: { code: 'PAYLOAD_TOO_LARGE' },
        },
      ],
    });
  });

  it('stops a chunked body (no Content-Length) at the limit too', async () => {
    const chunk = new TextEncoder().encode(body(limit));
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(chunk);
        controller.close();
      },
    });
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('serves bodies under the limit', async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body(limit / 2),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { stats: { episodes: 8 } } });
  });
});

describe('introspection and GraphiQL switches', () => {
  const introspect = JSON.stringify({ query: '{ __schema { queryType { name } } }' });
  const post = (introspection: boolean) =>
    yogaWith({ introspection }).yoga.fetch('http://papergraph.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: introspect,
    });
  const page = (graphiql: boolean) =>
    yogaWith({ graphiql }).yoga.fetch('http://papergraph.test/graphql', {
      headers: { accept: 'text/html' },
    });

  it('introspection answers when on and is refused when off', async () => {
    expect(await (await post(true)).json()).toEqual({
      data: { __schema: { queryType: { name: 'Query' } } },
    });
    const off = (await (await post(false)).json()) as { errors: { message: string }[] };
    expect(off.errors[0]?.message).toMatch(/introspection/i);
  });

  it('GraphiQL is served when on and not at all when off', async () => {
    expect(await (await page(true)).text()).toMatch(/graphiql/i);
    const off = await page(false);
    expect(off.headers.get('content-type') ?? '').not.toMatch(/html/);
    expect(off.status).toBeGreaterThanOrEqual(400);
  });

  it('both follow GRAPHIQL / INTROSPECTION in the environment, on unless turned off', () => {
    expect(loadConfig({})).toMatchObject({ graphiql: true, introspection: true });
    expect(loadConfig({ GRAPHIQL: 'false', INTROSPECTION: '0' })).toMatchObject({
      graphiql: false,
      introspection: false,
    });
  });
});

describe('mutations and query cost', () => {
  it('every mutation in the schema is behind the admin token', async () => {
    const { post } = yogaWith();
    const { json } = await post({ query: '{ __type(name: "Mutation") { fields { name } } }' });
    // A new mutation must be added to GUARDED with a call that proves it refuses callers without the token.
    const GUARDED: Record<string, string> = {
      importFeed: 'mutation { importFeed(content: "x") { __typename ... on Error { message } } }',
      addFeed:
        'mutation { addFeed(url: "https://example.org/feed.xml") { __typename ... on Error { message } } }',
      removeFeed:
        'mutation { removeFeed(url: "https://example.org/feed.xml") { __typename ... on Error { message } } }',
      refreshFeeds: 'mutation { refreshFeeds { __typename ... on Error { message } } }',
      removeEpisode:
        'mutation { removeEpisode(id: "ep_000000000000") { __typename ... on Error { message } } }',
    };
    expect(json.data!.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual(
      Object.keys(GUARDED).sort(),
    );
    for (const [name, call] of Object.entries(GUARDED)) {
      for (const headers of [{}, { authorization: 'Bearer not-the-token-0123456789' }] as Record<
        string,
        string
      >[]) {
        const answer = (await post({ query: call }, headers)).json;
        expect(answer.data![name]).toMatchObject({ __typename: 'NotAuthorizedError' });
      }
    }
  });

  it('refuses a query whose cost is over the limit even when depth and breadth are fine', async () => {
    const { post } = yogaWith();
    const costly =
      '{ papers(first: 100) { edges { node { citedBy(first: 500) { episode { related(first: 50) { score } } } } } } }';
    const { json } = await post({ query: costly });
    expect(json.errors?.[0]?.message).toMatch(
      new RegExp(`complexity: \\d+, max: ${QUERY_LIMITS.maxComplexity}`),
    );
    expect(json.data ?? null).toBeNull();
  });
});
