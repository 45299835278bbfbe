// The feed poller against a real HTTP server on loopback: conditional GET, compression, redirects,
// timeouts, size caps and content types. After every failure the store is exactly as before and the
// subscription's status says why.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { FeedService } from '../../server/src/feeds/feedService.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { type LoopbackServer, serveOnLoopback } from '../helpers/loopbackServer.ts';
import { rssFeed, rssItem } from './feedText.ts';

const MAX_BYTES = 64 * 1024;
const TIMEOUT_MS = 400;
const RSS_TYPE = 'application/rss+xml; charset=utf-8';

/** What /feed serves; tests change it. */
let feedText = rssFeed([rssItem({ n: 1 }), rssItem({ n: 2 })], 'Loopback Podcast');
const requests: { path: string; headers: IncomingMessage['headers'] }[] = [];
const held: ServerResponse[] = [];

const etagOf = (text: string) =>
  `"${createHash('sha256').update(text).digest('hex').slice(0, 16)}"`;

function handle(request: IncomingMessage, response: ServerResponse): void {
  const path = request.url ?? '/';
  requests.push({ path, headers: request.headers });
  switch (path) {
    case '/feed': {
      const etag = etagOf(feedText);
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, { etag }).end();
        return;
      }
      response
        .writeHead(200, {
          'content-type': RSS_TYPE,
          etag,
          'last-modified': 'Mon, 01 Jun 2026 09:00:00 GMT',
        })
        .end(feedText);
      return;
    }
    case '/gzip':
      response
        .writeHead(200, { 'content-type': RSS_TYPE, 'content-encoding': 'gzip' })
        .end(gzipSync(feedText));
      return;
    case '/moved':
      response.writeHead(301, { location: '/feed' }).end();
      return;
    case '/loop':
      response.writeHead(302, { location: '/loop' }).end();
      return;
    case '/to-ftp':
      response.writeHead(302, { location: 'ftp://example.org/feed.xml' }).end();
      return;
    case '/500':
      response.writeHead(500).end('broken');
      return;
    case '/busy':
      response.writeHead(503, { 'retry-after': '7200' }).end();
      return;
    case '/slow':
      held.push(response); // never answered: the client's timeout has to end it
      return;
    case '/big': {
      const padding = `<!-- ${'x'.repeat(MAX_BYTES)} -->`;
      const body = feedText.replace('</channel>', `${padding}</channel>`);
      response
        .writeHead(200, { 'content-type': RSS_TYPE, 'content-length': Buffer.byteLength(body) })
        .end(body);
      return;
    }
    case '/big-gzip': {
      // Small on the wire, over the cap once decoded: the cap counts decoded bytes.
      const padding = `<!-- ${'x'.repeat(MAX_BYTES * 4)} -->`;
      response
        .writeHead(200, { 'content-type': RSS_TYPE, 'content-encoding': 'gzip' })
        .end(gzipSync(feedText.replace('</channel>', `${padding}</channel>`)));
      return;
    }
    case '/html':
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<!doctype html><title>Not a feed</title>');
      return;
    case '/invalid':
      response
        .writeHead(200, { 'content-type': RSS_TYPE })
        .end(rssFeed([rssItem({ n: 9, link: 'javascript:alert(1)' })]));
      return;
    default:
      response.writeHead(404).end();
  }
}

let server: LoopbackServer;
let base = '';
let dir = '';
let store: GraphStore;
let service: FeedService;
const logged: string[] = [];

beforeAll(async () => {
  server = await serveOnLoopback(handle);
  base = server.origin;
});
afterAll(async () => {
  for (const response of held.splice(0)) response.destroy();
  await server.close();
});

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'papergraph-feeds-'));
  store = await createEmbeddedStore({ dataDir: dir });
  logged.length = 0;
  service = new FeedService({
    store,
    refreshMinutes: 60,
    http: {
      timeoutMs: TIMEOUT_MS,
      maxBytes: MAX_BYTES,
      userAgent: 'papergraph-test/1 (+https://example.org)',
    },
    random: () => 0.5,
    log: (line) => logged.push(line),
  });
  feedText = rssFeed([rssItem({ n: 1 }), rssItem({ n: 2 })], 'Loopback Podcast');
  requests.length = 0;
});
afterEach(async () => {
  await service.stop();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('polling a feed', () => {
  it('fetches and imports on the first poll, then a 304 changes nothing, then a new item adds one episode', async () => {
    const first = await service.add(`${base}/feed`);
    expect(first).toMatchObject({
      lastStatus: 'OK',
      lastError: null,
      title: 'Loopback Podcast',
      episodeCount: 2,
      etag: etagOf(feedText),
    });
    expect(first.lastChangedAt).toBe(first.lastCheckedAt);
    expect((await store.stats()).episodes).toBe(2);
    expect(requests[0]?.headers['user-agent']).toMatch(/^papergraph/);
    expect(requests[0]?.headers['accept-encoding']).toMatch(/gzip/);

    const before = await store.exportBatch();
    const second = await service.poll(`${base}/feed`);
    expect(requests[1]?.headers['if-none-match']).toBe(etagOf(feedText));
    expect(requests[1]?.headers['if-modified-since']).toBe('Mon, 01 Jun 2026 09:00:00 GMT');
    expect(second).toMatchObject({
      lastStatus: 'NOT_MODIFIED',
      lastChangedAt: first.lastChangedAt,
      episodeCount: 2,
    });
    expect(await store.exportBatch()).toEqual(before);

    // The feed keeps only the latest two items: episode 1 leaves it, episode 3 arrives.
    feedText = rssFeed([rssItem({ n: 2 }), rssItem({ n: 3 })], 'Loopback Podcast');
    const third = await service.poll(`${base}/feed`);
    expect(third).toMatchObject({ lastStatus: 'OK', episodeCount: 2, etag: etagOf(feedText) });
    expect((await store.stats()).episodes).toBe(3);
    const titles = (await store.listEpisodes({ offset: 0, limit: 10 })).items
      .map((e) => e.title)
      .sort();
    expect(titles).toEqual(['Episode 1', 'Episode 2', 'Episode 3']);
  });

  it('reads a gzip body and follows a redirect', async () => {
    expect(await service.add(`${base}/gzip`)).toMatchObject({ lastStatus: 'OK', episodeCount: 2 });
    expect(await service.add(`${base}/moved`)).toMatchObject({ lastStatus: 'OK', episodeCount: 2 });
    expect((await store.stats()).episodes).toBe(2);
  });

  const failures: [path: string, status: string, error: RegExp][] = [
    ['/500', 'HTTP_ERROR', /^HTTP 500 Internal Server Error from http:\/\/127\.0\.0\.1:\d+\/500$/],
    ['/slow', 'TIMEOUT', /^no complete answer from .*\/slow within 0\.4 s$/],
    ['/loop', 'TOO_MANY_REDIRECTS', /^more than 5 redirects/],
    [
      '/to-ftp',
      'HTTP_ERROR',
      /redirected to "ftp:\/\/example\.org\/feed\.xml", which is not an http or https URL/,
    ],
    [
      '/big',
      'TOO_LARGE',
      /^the feed is \d+ bytes; the limit is 65536 \(http:\/\/127\.0\.0\.1:\d+\/big\)$/,
    ],
    [
      '/big-gzip',
      'TOO_LARGE',
      /^the feed is larger than 65536 bytes \(http:\/\/127\.0\.0\.1:\d+\/big-gzip\)$/,
    ],
    ['/html', 'NOT_A_FEED', /content type "text\/html", not a feed$/],
    [
      '/invalid',
      'INVALID_FEED',
      /episode #1 "Episode 9".*link.*"javascript:alert\(1\)" is not a web link/,
    ],
  ];
  for (const [path, status, error] of failures) {
    it(`${path}: stores nothing, says ${status} and why, and keeps saying it`, async () => {
      await service.add(`${base}/feed`);
      const before = await store.exportBatch();
      for (let round = 0; round < 2; round++) {
        const record = await service.add(`${base}${path}`);
        expect(record.lastStatus).toBe(status);
        expect(record.lastError).toMatch(error);
        expect(record.episodeCount).toBe(0);
      }
      expect(await store.exportBatch()).toEqual(before);
      expect(logged.filter((line) => line.includes(path))).toHaveLength(2);
      if (path === '/loop') expect(requests.filter((r) => r.path === '/loop')).toHaveLength(2 * 6);
    });
  }

  it('honours Retry-After: the next check waits at least that long', async () => {
    const record = await service.add(`${base}/busy`);
    expect(record.lastStatus).toBe('HTTP_ERROR');
    const wait = Date.parse(record.nextCheckAt!) - Date.parse(record.lastCheckedAt!);
    expect(wait).toBeGreaterThanOrEqual(7200 * 1000);
    expect(wait).toBeLessThan(7200 * 1000 + 5000);
    // Without Retry-After the next check is the refresh interval (jitter 0.5 → exactly 60 min).
    const ok = await service.add(`${base}/feed`);
    expect(Date.parse(ok.nextCheckAt!) - Date.parse(ok.lastCheckedAt!)).toBeGreaterThanOrEqual(
      60 * 60_000 - 1000,
    );
  });

  it('refuses URLs that are not http(s) web links', async () => {
    for (const url of [
      'ftp://example.org/feed',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'not a url',
    ]) {
      await expect(service.add(url)).rejects.toThrow(/is not a feed URL/);
    }
    expect(await store.listFeeds()).toEqual([]);
  });

  it('polls one feed at a time per host', async () => {
    await service.subscribe([`${base}/feed`, `${base}/gzip`, `${base}/slow`]);
    const started = Date.now();
    await service.refreshAll();
    const feeds = await service.list();
    expect(feeds.map((f) => f.lastStatus).sort()).toEqual(['OK', 'OK', 'TIMEOUT']);
    // All three on one host, one after another: the slow one's timeout is not overlapped by the others.
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS);
    const order = requests.map((r) => r.path);
    expect(order).toEqual(['/feed', '/gzip', '/slow']);
  });

  it('removing a subscription keeps its episodes', async () => {
    await service.add(`${base}/feed`);
    expect(await service.remove(`${base}/feed`)).toBe(true);
    expect(await service.list()).toEqual([]);
    expect((await store.stats()).episodes).toBe(2);
  });
});
