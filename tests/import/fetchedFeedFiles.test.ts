// A feed fetched from a URL has its items' podcast:chapters and podcast:transcript files fetched
// at import, over real HTTP on loopback: the chapters are notes, the transcript times each reading
// and mention, and a file that cannot be had costs its episode nothing but the time. A feed may not
// point at an IP address, so the media host's name is sent to the loopback server instead, the way
// a hosts file would.
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { EpisodeRecord, ImportBatch } from '../../server/src/domain/model.ts';
import { FeedService } from '../../server/src/feeds/feedService.ts';
import { importFeedContent, importFetchedFeed } from '../../server/src/import/pipeline.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import { episodeContentHash } from '../../server/src/store/shared/contentHash.ts';
import { rssFeed, rssItem } from '../feeds/feedText.ts';
import {
  fetchPrefixFrom,
  type LoopbackServer,
  serveOnLoopback,
} from '../helpers/loopbackServer.ts';

const MEDIA = 'https://media.gradient-descent.example.org';
let restoreFetch: () => void;
const MAX_BYTES = 64 * 1024;
const HTTP = { timeoutMs: 2000, maxBytes: MAX_BYTES, userAgent: 'papergraph-test/1' };
/** How long each /held/ transcript takes to answer, so requests overlap. */
const HELD_MS = 40;

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/research-podcast/${name}`, import.meta.url), 'utf8');
}

let server: LoopbackServer;
const requested: string[] = [];
let open = 0;
let mostOpen = 0;

function send(response: ServerResponse, type: string, body: string): void {
  response.writeHead(200, { 'content-type': type }).end(body);
}

const ATTENTION_VTT =
  'WEBVTT\n\n00:00:00.000 --> 00:00:10.000\nHello.\n\n00:01:05.400 --> 00:01:09.000\nSo, attention is all you need, they said.\n';

function handle(request: IncomingMessage, response: ServerResponse): void {
  const path = request.url ?? '/';
  requested.push(path);
  if (path.startsWith('/held/')) {
    open++;
    mostOpen = Math.max(mostOpen, open);
    setTimeout(() => {
      open--;
      send(response, 'text/vtt', ATTENTION_VTT);
    }, HELD_MS);
    return;
  }
  switch (path) {
    case '/research.rss':
      return send(response, 'application/rss+xml', researchFeed());
    case '/41.vtt':
      return send(response, 'text/vtt', fixture('41.vtt'));
    case '/41.json':
      return send(response, 'application/json', fixture('41.json'));
    case '/41-chapters.json':
      return send(response, 'application/json+chapters', fixture('41-chapters.json'));
    case '/attention.vtt':
      return send(response, 'text/vtt', ATTENTION_VTT);
    case '/login.vtt':
      return send(response, 'text/html', '<html><body>Please sign in</body></html>');
    case '/huge.vtt':
      return send(
        response,
        'text/vtt',
        `WEBVTT\n\n${'00:00.000 --> 00:01.000\nwords\n\n'.repeat(MAX_BYTES / 10)}`,
      );
    default:
      response.writeHead(404).end();
  }
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
  requested.length = 0;
  open = 0;
  mostOpen = 0;
});

const researchFeed = () => fixture('feed.xml');

function episodeTitled(batch: ImportBatch, start: string): EpisodeRecord {
  const episode = batch.episodes.find((e) => e.title.startsWith(start));
  if (!episode) throw new Error(`no episode titled ${start}…`);
  return episode;
}

function timesOf(episode: EpisodeRecord): Record<string, number> {
  return Object.fromEntries(
    [...episode.recommendations, ...(episode.mentions ?? [])].flatMap((citation) =>
      citation.discussedAt === undefined ? [] : [[citation.paperId, citation.discussedAt]],
    ),
  );
}

/** The fixture's host tagged with an e-mail address for a page: kept, by name, and said. */
const PERSON_WARNING =
  'episode #3 "Ep. 40 — LoRA, and a link that never ends": field podcast:person: "mailto:ada@example.org" is not a web link (http or https, at most 2,048 characters)';

const PODCAST_NS = 'xmlns:podcast="https://podcastindex.org/namespace/1.0"';

function feedWith(items: string[]): string {
  return rssFeed(items).replace('<rss version="2.0"', `<rss version="2.0" ${PODCAST_NS}`);
}

function transcriptTag(path: string, type = 'text/vtt'): string {
  return `<podcast:transcript url="${MEDIA}${path}" type="${type}"/>`;
}

describe('a fetched research feed', () => {
  it('times each mention by the transcript, reading the fetched chapters as notes', async () => {
    const { batch, warnings } = await importFetchedFeed(
      researchFeed(),
      `${server.origin}/rss`,
      HTTP,
    );
    // KTO is named as such only by its chapter's title ("KTO: Model Alignment …").
    expect(timesOf(episodeTitled(batch, 'Ep. 41'))).toEqual({
      'arxiv:2305.18290': 4,
      'arxiv:1707.06347': 9,
      'arxiv:2402.01306': 62,
    });
    // The captions (WebVTT) are preferred to the JSON transcript, which is never fetched.
    expect(requested).toContain('/41.vtt');
    expect(requested).not.toContain('/41.json');
    // The German episode's SRT is missing: the episode is kept, untimed, and the warning says why.
    const german = episodeTitled(batch, 'Folge 12');
    expect(german.mentions?.length).toBeGreaterThan(0);
    expect(timesOf(german)).toEqual({});
    expect(warnings).toEqual([
      `episode #2 "Folge 12: Transformer auf Deutsch": HTTP 404 Not Found from ${MEDIA}/de-12.srt`,
      PERSON_WARNING,
    ]);
  });

  it('gives the same batch and content hashes when fetched again, and other hashes than a file import', async () => {
    const url = `${server.origin}/rss`;
    const first = await importFetchedFeed(researchFeed(), url, HTTP);
    const second = await importFetchedFeed(researchFeed(), url, HTTP);
    expect(second.batch).toEqual(first.batch);
    const hashes = (batch: ImportBatch) => batch.episodes.map(episodeContentHash);
    expect(hashes(second.batch)).toEqual(hashes(first.batch));

    // A file is not fetched from: no chapters, no times, and the timed episode hashes differently.
    const file = importFeedContent(researchFeed(), { file: 'feed.xml' });
    expect(timesOf(episodeTitled(file, 'Ep. 41'))).toEqual({});
    expect(requested.filter((path) => path.startsWith('/41'))).toHaveLength(4);
    const timed = episodeTitled(first.batch, 'Ep. 41');
    expect(episodeContentHash(episodeTitled(file, 'Ep. 41'))).not.toBe(episodeContentHash(timed));
    // Untimed episodes keep the hash they had before times existed.
    expect(episodeContentHash(episodeTitled(file, 'Ep. 39'))).toBe(
      episodeContentHash(episodeTitled(first.batch, 'Ep. 39')),
    );
  });
});

describe('transcripts that cannot be had', () => {
  it('keeps every episode when a transcript is missing, too large or an HTML error page', async () => {
    const feed = feedWith([
      rssItem({ n: 1, extra: transcriptTag('/attention.vtt') }),
      rssItem({ n: 2, extra: transcriptTag('/missing.vtt') }),
      rssItem({ n: 3, extra: transcriptTag('/huge.vtt') }),
      rssItem({ n: 4, extra: transcriptTag('/login.vtt') }),
      rssItem({ n: 5, extra: `<podcast:chapters url="${MEDIA}/gone.json"/>` }),
    ]);
    const { batch, warnings } = await importFetchedFeed(feed, `${server.origin}/feed`, HTTP);
    expect(batch.episodes.map((e) => e.title)).toEqual([
      'Episode 1',
      'Episode 2',
      'Episode 3',
      'Episode 4',
      'Episode 5',
    ]);
    // The reading "Attention Is All You Need" is said at 1:05.4.
    expect(batch.episodes.map(timesOf)).toEqual([{ 'arxiv:1706.03762': 65 }, {}, {}, {}, {}]);
    expect(warnings).toEqual([
      `episode #2 "Episode 2": HTTP 404 Not Found from ${MEDIA}/missing.vtt`,
      expect.stringMatching(
        new RegExp(
          `^episode #3 "Episode 3": the transcript is (larger than )?\\d+ bytes.*huge\\.vtt`,
        ),
      ),
      `episode #4 "Episode 4": ${MEDIA}/login.vtt answered with content type "text/html", not a transcript`,
      `episode #5 "Episode 5": HTTP 404 Not Found from ${MEDIA}/gone.json`,
    ]);
  });

  it('tries the next transcript when the preferred one fails', async () => {
    const feed = feedWith([
      rssItem({
        n: 1,
        extra: transcriptTag('/attention.vtt', 'text/html') + transcriptTag('/missing.vtt'),
      }),
    ]);
    const { batch, warnings } = await importFetchedFeed(feed, `${server.origin}/feed`, HTTP);
    expect(requested).toEqual(['/missing.vtt', '/attention.vtt']);
    expect(batch.episodes.map(timesOf)).toEqual([{ 'arxiv:1706.03762': 65 }]);
    expect(warnings).toEqual([
      `episode #1 "Episode 1": HTTP 404 Not Found from ${MEDIA}/missing.vtt`,
    ]);
  });
});

describe('fetching many transcripts from one host', () => {
  it('keeps at most 4 requests open at a time, and does overlap them', async () => {
    const items = Array.from({ length: 12 }, (_, i) =>
      rssItem({ n: i + 1, extra: transcriptTag(`/held/${i + 1}.vtt`) }),
    );
    const { batch, warnings } = await importFetchedFeed(
      feedWith(items),
      `${server.origin}/feed`,
      HTTP,
    );
    expect(warnings).toEqual([]);
    expect(requested).toHaveLength(12);
    expect(mostOpen).toBe(4);
    expect(batch.episodes.every((e) => timesOf(e)['arxiv:1706.03762'] === 65)).toBe(true);
  });
});

describe('a followed feed', () => {
  it('imports every episode, says which file it could not fetch, and an unchanged poll changes nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'papergraph-transcripts-'));
    const store = await createEmbeddedStore({ dataDir: dir });
    const logged: string[] = [];
    const service = new FeedService({
      store,
      refreshMinutes: 60,
      http: HTTP,
      random: () => 0.5,
      log: (line) => logged.push(line),
    });
    try {
      const url = `${server.origin}/research.rss`;
      const first = await service.add(url);
      expect(first.lastStatus).toBe('OK');
      expect(first.lastError).toBe(
        `episode #2 "Folge 12: Transformer auf Deutsch": HTTP 404 Not Found from ${MEDIA}/de-12.srt; ${PERSON_WARNING}`,
      );
      expect(logged).toEqual([`feed ${url}: OK: ${first.lastError}`]);
      expect((await store.stats()).episodes).toBe(4);

      const second = await service.poll(url);
      expect(second?.lastStatus).toBe('OK');
      expect(second?.lastChangedAt).toBe(first.lastChangedAt);
      expect(requested.filter((path) => path === '/41.vtt')).toHaveLength(2);
    } finally {
      await service.stop();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
