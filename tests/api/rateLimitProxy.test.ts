// Rate limits behind the web app: its /graphql proxy names each visitor to the API in
// X-Forwarded-For, and the API believes that header only from its trusted proxy (TRUSTED_PROXIES).
// Everything is on loopback: each visitor and the forging client connect from their own 127.x
// address, so budgeting loopback clients is on here (RATE_LIMIT_LOOPBACK) to make them count.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createPapergraphYoga } from '../../server/src/graphql/yoga.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { namingVisitorToApi, proxyGraphql } from '../../web/src/lib/server/proxy.ts';

const QUERY = JSON.stringify({ query: '{ __typename }' });
/** Where the web server connects to the API from: the one address the API trusts. */
const WEB_SERVER_ADDRESS = '127.0.0.1';

let store: GraphStore;
let dataDir: string;
const servers: Server[] = [];

async function listening(server: Server): Promise<number> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function bodyOf(message: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A fresh API with a budget of one request per client and window. */
async function api(): Promise<string> {
  const yoga = createPapergraphYoga({
    store,
    adminToken: undefined,
    rateLimit: {
      requests: 1,
      cost: 0,
      windowSeconds: 60,
      loopback: true,
      trustedProxies: [WEB_SERVER_ADDRESS],
    },
  });
  return `http://127.0.0.1:${await listening(createServer(yoga))}/graphql`;
}

/** The web app's /graphql route as adapter-node runs it: the visitor's address is the socket's. */
async function webProxyTo(apiUrl: string): Promise<string> {
  const server = createServer((incoming, outgoing) => {
    void (async () => {
      const headers = Object.entries(incoming.headers).flatMap(([name, value]) =>
        typeof value === 'string' ? [[name, value] as [string, string]] : [],
      );
      const request = new Request(`http://127.0.0.1${incoming.url}`, {
        method: incoming.method!,
        headers,
        body: new Uint8Array(await bodyOf(incoming)),
      });
      const response = await proxyGraphql(request, apiUrl, fetch, incoming.socket.remoteAddress);
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    })();
  });
  return `http://127.0.0.1:${await listening(server)}/graphql`;
}

/** POSTs the query to `url` from the loopback address `from`; resolves with the HTTP status. */
function postFrom(url: string, from: string, headers: Record<string, string> = {}) {
  return new Promise<number>((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      {
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (incoming) => {
        void bodyOf(incoming).then(() => resolve(incoming.statusCode!), reject);
      },
    );
    outgoing.once('error', reject);
    outgoing.end(QUERY);
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'papergraph-ratelimit-proxy-'));
  store = await createEmbeddedStore({ dataDir });
});
afterAll(async () => {
  for (const server of servers) server.close();
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('rate limits through the web proxy', () => {
  it('two visitors through the web proxy are limited separately', async () => {
    const web = await webProxyTo(await api());
    expect(await postFrom(web, '127.0.0.2')).toBe(200);
    expect(await postFrom(web, '127.0.0.3')).toBe(200);
    expect(await postFrom(web, '127.0.0.2')).toBe(429);
    expect(await postFrom(web, '127.0.0.3')).toBe(429);
    // A visitor's own X-Forwarded-For does not cross the proxy: still the same, spent, visitor.
    expect(await postFrom(web, '127.0.0.2', { 'x-forwarded-for': '203.0.113.50' })).toBe(429);
  });

  it('a client that forges X-Forwarded-For directly against the API gains nothing', async () => {
    const apiUrl = await api();
    expect(await postFrom(apiUrl, '127.0.0.4', { 'x-forwarded-for': '198.51.100.1' })).toBe(200);
    expect(await postFrom(apiUrl, '127.0.0.4', { 'x-forwarded-for': '198.51.100.2' })).toBe(429);
    expect(await postFrom(apiUrl, '127.0.0.4', { 'x-forwarded-for': '127.0.0.1' })).toBe(429);
    // The same header from the trusted proxy's address is believed: a new client, a new budget.
    expect(await postFrom(apiUrl, WEB_SERVER_ADDRESS, { 'x-forwarded-for': '198.51.100.3' })).toBe(
      200,
    );
  });

  it('server-rendered pages ask the API for their visitor (handleFetch), other origins untouched', async () => {
    const apiUrl = await api();
    const pageAsks = (visitor: string) =>
      fetch(
        namingVisitorToApi(
          new Request(apiUrl, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: QUERY,
          }),
          apiUrl,
          visitor,
        ),
      ).then((response) => response.status);
    expect(await pageAsks('203.0.113.7')).toBe(200);
    expect(await pageAsks('203.0.113.8')).toBe(200);
    expect(await pageAsks('203.0.113.7')).toBe(429);
    const elsewhere = new Request('http://127.0.0.1:1/other');
    expect(
      namingVisitorToApi(elsewhere, apiUrl, '203.0.113.7').headers.has('x-forwarded-for'),
    ).toBe(false);
  });
});
