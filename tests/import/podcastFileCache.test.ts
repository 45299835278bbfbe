// Podcast files (transcripts, chapters) are kept by URL with their ETag or Last-Modified, over real
// HTTP on loopback: the next fetch is a conditional GET, a 304 reuses the kept body (the import is
// the same), a changed file is read anew, a file without validators is never kept, and the cache
// holds at most its bound, the least recently used leaving first.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { importFetchedFeed } from '../../server/src/import/pipeline.ts';
import { fetchChapters } from '../../server/src/import/podcasting20/fetchChapters.ts';
import { PodcastFileCache } from '../../server/src/import/podcasting20/podcastFileCache.ts';
import { rssFeed, rssItem } from '../feeds/feedText.ts';
import {
  fetchPrefixFrom,
  type LoopbackServer,
  serveOnLoopback,
} from '../helpers/loopbackServer.ts';

/** Feed tags must name a host, so this one is sent to the loopback server. */
const MEDIA = 'https://media.cached.example.org';
let restoreFetch: () => void;
const HTTP = { timeoutMs: 5000, maxBytes: 1024 * 1024, userAgent: 'papergraph-test/1' };
const PODCAST_NS = 'xmlns:podcast="https://podcastindex.org/namespace/1.0"';

interface ServedFile {
  type: string;
  body: string;
  etag?: string;
  lastModified?: string;
}

const VTT =
  'WEBVTT\n\n00:00:00.000 --> 00:00:10.000\nHello.\n\n00:01:05.400 --> 00:01:09.000\nSo, attention is all you need, they said.\n';
const CHAPTERS = JSON.stringify({
  version: '1.2.0',
  chapters: [
    { startTime: 0, title: 'Welcome' },
    { startTime: 42, title: 'DPO', url: 'https://arxiv.org/abs/2305.18290' },
  ],
});

const files = new Map<string, ServedFile>();
/** Each request: its path and how it was answered (200 or 304). */
const answered: [string, number][] = [];
let server: LoopbackServer;

function handle(request: IncomingMessage, response: ServerResponse): void {
  const path = request.url ?? '/';
  const file = files.get(path);
  if (file === undefined) {
    answered.push([path, 404]);
    return void response.writeHead(404).end();
  }
  const validators: Record<string, string> = {
    ...(file.etag === undefined ? {} : { etag: file.etag }),
    ...(file.lastModified === undefined ? {} : { 'last-modified': file.lastModified }),
  };
  const unchanged =
    (file.etag !== undefined && request.headers['if-none-match'] === file.etag) ||
    (file.etag === undefined &&
      file.lastModified !== undefined &&
      request.headers['if-modified-since'] === file.lastModified);
  answered.push([path, unchanged ? 304 : 200]);
  if (unchanged) return void response.writeHead(304, validators).end();
  response.writeHead(200, { 'content-type': file.type, ...validators }).end(file.body);
}

beforeAll(async () => {
  server = await serveOnLoopback(handle);
  restoreFetch = fetchPrefixFrom(MEDIA, server.origin);
});
afterAll(async () => {
  restoreFetch();
  await server.close();
});
beforeEach(() => {
  files.clear();
  answered.length = 0;
});

function feed(): string {
  return rssFeed([
    rssItem({
      n: 1,
      extra:
        `<podcast:transcript url="${MEDIA}/1.vtt" type="text/vtt"/>` +
        `<podcast:chapters url="${MEDIA}/1-chapters.json" type="application/json+chapters"/>`,
    }),
  ]).replace('<rss version="2.0"', `<rss version="2.0" ${PODCAST_NS}`);
}

describe('conditional GETs of podcast files', () => {
  it('imports a feed again from the kept files when the server answers 304', async () => {
    files.set('/1.vtt', { type: 'text/vtt', body: VTT, etag: '"vtt-1"' });
    files.set('/1-chapters.json', {
      type: 'application/json+chapters',
      body: CHAPTERS,
      lastModified: 'Tue, 01 Dec 2026 10:00:00 GMT',
    });
    const cache = new PodcastFileCache();
    const http = { ...HTTP, cache };
    const url = `${server.origin}/feed`;

    const first = await importFetchedFeed(feed(), url, http);
    expect(first.warnings).toEqual([]);
    const [episode] = first.batch.episodes;
    expect(episode?.chapters.map((c) => [c.title, c.url])).toEqual([
      ['Welcome', undefined],
      ['DPO', 'https://arxiv.org/abs/2305.18290'],
    ]);
    expect(episode?.transcript?.length).toBe(2);
    expect(cache.size).toBe(2);

    const second = await importFetchedFeed(feed(), url, http);
    expect(second).toEqual(first);
    expect(answered.toSorted()).toEqual([
      ['/1-chapters.json', 200],
      ['/1-chapters.json', 304],
      ['/1.vtt', 200],
      ['/1.vtt', 304],
    ]);
  });

  it('reads a changed file anew', async () => {
    const cache = new PodcastFileCache();
    const url = `${MEDIA}/c.json`;
    files.set('/c.json', { type: 'application/json', body: CHAPTERS, etag: '"c-1"' });
    const first = await fetchChapters(url, { ...HTTP, cache });
    files.set('/c.json', {
      type: 'application/json',
      body: JSON.stringify({ version: '1.2.0', chapters: [{ startTime: 0, title: 'Changed' }] }),
      etag: '"c-2"',
    });
    const changed = await fetchChapters(url, { ...HTTP, cache });
    const again = await fetchChapters(url, { ...HTTP, cache });
    const titles = (outcome: Awaited<ReturnType<typeof fetchChapters>>) =>
      outcome.kind === 'read' ? outcome.chapters.map((c) => c.title) : outcome.error;
    expect([titles(first), titles(changed), titles(again)]).toEqual([
      ['Welcome', 'DPO'],
      ['Changed'],
      ['Changed'],
    ]);
    expect(answered.map(([, status]) => status)).toEqual([200, 200, 304]);
  });

  it('keeps no file its server gave no validator, and keeps a file through a failed fetch', async () => {
    const cache = new PodcastFileCache();
    const url = `${MEDIA}/plain.json`;
    files.set('/plain.json', { type: 'application/json', body: CHAPTERS });
    await fetchChapters(url, { ...HTTP, cache });
    await fetchChapters(url, { ...HTTP, cache });
    expect(cache.size).toBe(0);
    expect(answered.map(([, status]) => status)).toEqual([200, 200]);

    files.set('/plain.json', { type: 'application/json', body: CHAPTERS, etag: '"p-1"' });
    await fetchChapters(url, { ...HTTP, cache });
    files.delete('/plain.json');
    expect((await fetchChapters(url, { ...HTTP, cache })).kind).toBe('failed');
    files.set('/plain.json', { type: 'application/json', body: CHAPTERS, etag: '"p-1"' });
    expect((await fetchChapters(url, { ...HTTP, cache })).kind).toBe('read');
    expect(answered.map(([, status]) => status)).toEqual([200, 200, 200, 404, 304]);
  });
});

describe('PodcastFileCache', () => {
  const file = (text: string) => ({
    etag: '"x"',
    lastModified: null,
    text,
    contentType: 'text/vtt',
    finalUrl: 'https://media.example.org/x.vtt',
  });

  it('holds at most its bound, the least recently used leaving first', () => {
    const cache = new PodcastFileCache(80);
    cache.set('a', file('a'.repeat(10)));
    cache.set('b', file('b'.repeat(10)));
    cache.set('c', file('c'.repeat(10)));
    expect(cache.get('a')?.text).toBe('a'.repeat(10));
    // Eight files fill the bound: the ninth and tenth push out b, then c, the least recently used.
    for (const key of ['d', 'e', 'f', 'g', 'h', 'i', 'j']) cache.set(key, file(key.repeat(10)));
    expect(cache.size).toBe(8);
    expect(['a', 'b', 'c', 'd', 'j'].map((key) => cache.get(key) !== undefined)).toEqual([
      true,
      false,
      false,
      true,
      true,
    ]);
    // A file larger than an eighth of the bound is not kept.
    cache.set('big', file('z'.repeat(11)));
    expect(cache.get('big')).toBeUndefined();
  });
});
