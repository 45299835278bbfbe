// Rate limits as a client over loopback meets them: a request budget and a cost budget per client,
// the RateLimit-Policy / RateLimit fields on every answer, 429 with Retry-After and RATE_LIMITED.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadConfig, type RateLimitConfig } from '../../server/src/config.ts';
import { createPapergraphYoga } from '../../server/src/graphql/yoga.ts';
import { seedIfEmpty } from '../../server/src/seed.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';

const PAPERS = '{ papers(first: 20) { edges { node { id title citationCount } } } }';
const STATS = '{ stats { episodes papers } }';

let store: GraphStore;
let dataDir: string;
const servers: Server[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'papergraph-ratelimit-'));
  store = await createEmbeddedStore({ dataDir });
  await seedIfEmpty(store);
});
afterAll(async () => {
  for (const server of servers) server.close();
  await store.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** The API on a loopback port with these budgets, its clients' peer trusted as a proxy. */
async function apiWith(budgets: Omit<RateLimitConfig, 'trustedProxies'>) {
  const rateLimit = { ...budgets, trustedProxies: ['127.0.0.1'] };
  const yoga = createPapergraphYoga({ store, adminToken: undefined, rateLimit });
  const server = createServer(yoga);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return async (query: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as {
      data?: unknown;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
    return { response, body };
  };
}

/** `"name";r=…;t=…` items of a RateLimit field, by policy name. */
function remaining(field: string | null): Record<string, { r: number; t: number }> {
  const items: Record<string, { r: number; t: number }> = {};
  for (const item of (field ?? '').split(',').map((part) => part.trim())) {
    const match = /^"(\w+)";r=(\d+);t=(\d+)$/.exec(item);
    if (match) items[match[1]!] = { r: Number(match[2]), t: Number(match[3]) };
  }
  return items;
}

describe('rate limits', () => {
  it('a loopback client over its request budget gets 429, RATE_LIMITED and Retry-After', async () => {
    const send = await apiWith({ requests: 3, cost: 0, windowSeconds: 60, loopback: true });
    for (let i = 0; i < 3; i++) {
      const { response, body } = await send(STATS);
      expect(body.errors).toBeUndefined();
      expect(response.headers.get('ratelimit-policy')).toBe('"requests";q=3;w=60');
      expect(remaining(response.headers.get('ratelimit'))['requests']?.r).toBe(2 - i);
    }
    const { response, body } = await send(STATS);
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(body.errors?.[0]?.extensions).toEqual({
      code: 'RATE_LIMITED',
      policy: 'requests',
      retryAfter,
    });
    expect(body.errors?.[0]?.message).toContain('3 requests per 60 s');
    expect(remaining(response.headers.get('ratelimit'))['requests']).toEqual({
      r: 0,
      t: retryAfter,
    });
  });

  it('the cost budget spends each query’s estimate; a query over it does not run and spends nothing', async () => {
    const measure = await apiWith({
      requests: 0,
      cost: 1_000_000,
      windowSeconds: 60,
      loopback: true,
    });
    const measured = await measure(PAPERS);
    const cost = 1_000_000 - remaining(measured.response.headers.get('ratelimit'))['cost']!.r;
    expect(cost).toBeGreaterThan(20);

    // Three such queries and half of a fourth.
    const quota = 3 * cost + Math.floor(cost / 2);
    const send = await apiWith({ requests: 1_000, cost: quota, windowSeconds: 60, loopback: true });
    const first = await send(PAPERS);
    expect(first.body.errors).toBeUndefined();
    expect(first.response.headers.get('ratelimit-policy')).toBe(
      `"requests";q=1000;w=60, "cost";q=${quota};w=60`,
    );
    expect(remaining(first.response.headers.get('ratelimit'))['cost']?.r).toBe(quota - cost);

    let left = quota - cost;
    while (left >= cost) {
      const { body, response } = await send(PAPERS);
      expect(body.errors).toBeUndefined();
      left -= cost;
      expect(remaining(response.headers.get('ratelimit'))['cost']?.r).toBe(left);
    }
    const refused = await send(PAPERS);
    expect(refused.response.status).toBe(429);
    expect(refused.body.data ?? null).toBeNull();
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      policy: 'cost',
    });
    expect(Number(refused.response.headers.get('retry-after'))).toBe(
      refused.body.errors?.[0]?.extensions?.['retryAfter'],
    );
    expect(remaining(refused.response.headers.get('ratelimit'))['cost']?.r).toBe(left);

    // What is left still pays for a cheaper query.
    const cheap = await send('{ papers(first: 1) { edges { node { id } } } }');
    expect(cheap.body.errors).toBeUndefined();
    expect(remaining(cheap.response.headers.get('ratelimit'))['cost']!.r).toBeLessThan(left);
  });

  it('a spent cost budget refuses the next request before it is parsed', async () => {
    const send = await apiWith({ requests: 1_000, cost: 1, windowSeconds: 60, loopback: true });
    expect((await send('{ __typename }')).body.errors).toBeUndefined();
    const { response, body } = await send('{ not valid graphql');
    expect(response.status).toBe(429);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('RATE_LIMITED');
  });

  it('loopback clients have no budget by default; forwarded ones each have their own', async () => {
    const send = await apiWith({ requests: 1, cost: 0, windowSeconds: 60, loopback: false });
    for (let i = 0; i < 3; i++) {
      const { response, body } = await send(STATS);
      expect(body.errors).toBeUndefined();
      expect(response.headers.get('ratelimit')).toBeNull();
    }
    const alice = { 'x-forwarded-for': '203.0.113.7' };
    // A proxy appends the address it saw: earlier entries are the client's own say.
    const bob = { 'x-forwarded-for': '203.0.113.7, 198.51.100.2' };
    expect((await send(STATS, alice)).response.status).toBe(200);
    expect((await send(STATS, bob)).response.status).toBe(200);
    expect((await send(STATS, alice)).response.status).toBe(429);
    expect((await send(STATS, bob)).response.status).toBe(429);
  });

  it('is configured by RATE_LIMIT_*: both budgets on, loopback clients exempt, 0 turns a budget off', () => {
    expect(loadConfig({}).rateLimit).toEqual({
      requests: 600,
      cost: 5_000_000,
      windowSeconds: 60,
      loopback: false,
      trustedProxies: ['127.0.0.1', '::1'],
    });
    expect(
      loadConfig({
        RATE_LIMIT_REQUESTS: '0',
        RATE_LIMIT_COST: '250000',
        RATE_LIMIT_LOOPBACK: 'true',
      }).rateLimit,
    ).toMatchObject({ requests: 0, cost: 250_000, windowSeconds: 60, loopback: true });
    expect(() => loadConfig({ RATE_LIMIT_WINDOW_SECONDS: '0' })).toThrow(
      /RATE_LIMIT_WINDOW_SECONDS/,
    );
  });

  it('believes X-Forwarded-For from the TRUSTED_PROXIES addresses only; none trusts no one', () => {
    const trusted = (value: string) =>
      loadConfig({ TRUSTED_PROXIES: value }).rateLimit.trustedProxies;
    expect(trusted('10.0.0.5, ::1')).toEqual(['10.0.0.5', '::1']);
    expect(trusted('none')).toEqual([]);
    expect(() => trusted('proxy.internal')).toThrow(/TRUSTED_PROXIES must be IP addresses/);
  });
});
