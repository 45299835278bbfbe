// The real server started the way production would start it (no ADMIN_TOKEN, GraphiQL and
// introspection off): it says at start-up that mutations are disabled, refuses them, and the HTTP
// guards from yoga.ts are in place end to end.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { graphql, type RunningServer, startServer } from './serverProcess.ts';

describe('production-style start (no ADMIN_TOKEN, GRAPHIQL=false, INTROSPECTION=false)', () => {
  let dataDir: string;
  let server: RunningServer;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'papergraph-startup-'));
    server = await startServer({
      dataDir,
      adminToken: undefined,
      env: { GRAPHIQL: 'false', INTROSPECTION: 'false' },
    });
  });
  afterAll(async () => {
    await server?.kill('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('says at start-up that mutations are disabled', () => {
    expect(server.output()).toContain(
      'ADMIN_TOKEN is not set: mutations (importFeed) are disabled.',
    );
  });

  it('refuses importFeed whatever token a caller sends', async () => {
    for (const authorization of ['', 'Bearer anything-at-all-0123456789']) {
      const { body } = await graphql(
        server,
        'mutation { importFeed(content: "x") { __typename ... on Error { message } } }',
        {},
        authorization ? { authorization } : {},
      );
      expect(body.data!.importFeed).toEqual({
        __typename: 'NotAuthorizedError',
        message: 'Mutations are disabled: the server has no ADMIN_TOKEN configured.',
      });
    }
  });

  it('has introspection and GraphiQL off, CSRF and body limits on, and tags responses with a request id', async () => {
    const introspection = await graphql(server, '{ __schema { queryType { name } } }');
    expect(introspection.body.errors?.[0]?.message).toMatch(/introspection/i);
    const page = await fetch(server.graphqlUrl, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-type') ?? '').not.toMatch(/html/);
    const simpleGet = await fetch(
      `${server.graphqlUrl}?query=${encodeURIComponent('{ stats { episodes } }')}`,
    );
    expect(simpleGet.status).toBe(403);
    const tooBig = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(30 * 1024 * 1024),
    });
    expect(tooBig.status).toBe(413);
    const ok = await fetch(server.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ stats { episodes } }' }),
    });
    expect(await ok.json()).toEqual({ data: { stats: { episodes: 8 } } });
    expect(ok.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
