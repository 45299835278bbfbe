// Fetched podcast:chapters through the API on both stores: a followed feed on loopback whose first
// item links a JSON chapters file. The file's chapters are the episode's (its links mentions too,
// its toc:false chapter not listed); an item without the tag keeps the description's chapters; a
// poll whose chapters fetch fails keeps the stored chapters and mentions, and the feed's
// lastChangedAt; a changed file replaces them, and a removed tag gives the description's back.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { FeedService } from '../../server/src/feeds/feedService.ts';
import { rssFeed, rssItem } from '../feeds/feedText.ts';
import {
  fetchPrefixFrom,
  type LoopbackServer,
  serveOnLoopback,
} from '../helpers/loopbackServer.ts';
import { createTestApi, describeForEachStore, type TestApi } from './testApi.ts';

/** Chapter links must name a host, so this one is sent to the loopback server. */
const MEDIA = 'https://media.chapters.example.org';
let restoreFetch: () => void;
const HTTP = { timeoutMs: 5000, maxBytes: 1024 * 1024, userAgent: 'papergraph-test/1' };
const SETUP_TIMEOUT_MS = 180_000;
const PODCAST_NS = 'xmlns:podcast="https://podcastindex.org/namespace/1.0"';

const FIRST_CHAPTERS = JSON.stringify({
  version: '1.2.0',
  chapters: [
    { startTime: 0, title: 'Welcome' },
    {
      startTime: 95.5,
      endTime: 600,
      title: 'KTO: Model Alignment as Prospect Theoretic Optimization',
      url: 'https://arxiv.org/abs/2402.01306',
      img: 'https://media.chapters.example.org/kto.png',
    },
    { startTime: 600, title: 'Our sponsor', url: 'https://sponsor.example.com/', toc: false },
    { startTime: 3725, title: 'Listener questions' },
  ],
});

const SECOND_CHAPTERS = JSON.stringify({
  version: '1.2.0',
  chapters: [{ startTime: 0, title: 'Welcome, again' }],
});

/** 'first', 'second' or a failure status. */
let chaptersAnswer: 'first' | 'second' | 503 = 'first';
/** Whether the first item links its chapters file. */
let chaptersTag = true;
let server: LoopbackServer;

function handle(request: IncomingMessage, response: ServerResponse): void {
  const send = (type: string, body: string): void => {
    response.writeHead(200, { 'content-type': type }).end(body);
  };
  switch (request.url) {
    case '/show.rss':
      return send('application/rss+xml', feed());
    case '/1-chapters.json':
      if (chaptersAnswer === 503) return void response.writeHead(503).end();
      return send(
        'application/json+chapters',
        chaptersAnswer === 'first' ? FIRST_CHAPTERS : SECOND_CHAPTERS,
      );
    default:
      response.writeHead(404).end();
  }
}

function feed(): string {
  return rssFeed(
    [
      rssItem({
        n: 1,
        title: 'Preference optimisation, chaptered',
        description:
          'We read Direct Preference Optimization (https://arxiv.org/abs/2305.18290) and its successors.',
        extra: chaptersTag
          ? `<podcast:chapters url="${MEDIA}/1-chapters.json" type="application/json+chapters"/>`
          : '',
      }),
      rssItem({ n: 2 }),
    ],
    'Chaptered Podcast',
  ).replace('<rss version="2.0"', `<rss version="2.0" ${PODCAST_NS}`);
}

beforeAll(async () => {
  server = await serveOnLoopback(handle);
  restoreFetch = fetchPrefixFrom(MEDIA, server.origin);
});
afterAll(async () => {
  restoreFetch();
  await server.close();
});

const EPISODES = /* GraphQL */ `
  {
    episodes(first: 10) {
      nodes {
        title
        chapters {
          start
          startSeconds
          title
          summary
          url
        }
        mentions {
          paper {
            id
          }
        }
      }
    }
  }
`;

interface EpisodeChapters {
  title: string;
  chapters: {
    start: string;
    startSeconds: number;
    title: string;
    summary: string | null;
    url: string | null;
  }[];
  mentions: { paper: { id: string } }[];
}

const FIRST_EPISODE = {
  title: 'Preference optimisation, chaptered',
  chapters: [
    { start: '00:00', startSeconds: 0, title: 'Welcome', summary: null, url: null },
    {
      start: '01:35',
      startSeconds: 95,
      title: 'KTO: Model Alignment as Prospect Theoretic Optimization',
      summary: null,
      url: 'https://arxiv.org/abs/2402.01306',
    },
    { start: '1:02:05', startSeconds: 3725, title: 'Listener questions', summary: null, url: null },
  ],
  // The notes' paper first, then the chapter's.
  mentions: [{ paper: { id: 'arxiv:2305.18290' } }, { paper: { id: 'arxiv:2402.01306' } }],
};

describeForEachStore('fetched chapters', (factory) => {
  let api: TestApi;
  let service: FeedService;
  const url = () => `${server.origin}/show.rss`;
  const episodes = async (): Promise<EpisodeChapters[]> => {
    const response = await api.query<{ episodes: { nodes: EpisodeChapters[] } }>(EPISODES);
    expect(response.errors).toBeUndefined();
    return response.data!.episodes.nodes.sort((a, b) => a.title.localeCompare(b.title));
  };
  const status = async () => (await service.list()).find((f) => f.url === url());

  beforeAll(async () => {
    chaptersAnswer = 'first';
    api = await createTestApi({ storeFactory: factory, seed: false });
    service = new FeedService({
      store: api.store,
      refreshMinutes: 60,
      http: HTTP,
      random: () => 0.5,
      log: () => {},
    });
    const added = await service.add(url());
    expect(added.lastStatus).toBe('OK');
    expect(added.lastError).toBeNull();
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await service.stop();
    await api.close();
  });

  it("gives an episode its file's chapters, and one without the tag its description's", async () => {
    const [description, fetched] = await episodes();
    expect(fetched).toEqual(FIRST_EPISODE);
    expect(description?.chapters).toEqual([
      { start: '00:00', startSeconds: 0, title: 'Start', summary: 'the beginning', url: null },
      { start: '00:30', startSeconds: 30, title: 'Middle', summary: 'the method', url: null },
    ]);
  });

  it('keeps the chapters and their mentions when a poll cannot fetch the file', async () => {
    const before = await status();
    chaptersAnswer = 503;
    try {
      const polled = await service.poll(url());
      expect(polled?.lastStatus).toBe('OK');
      expect(polled?.lastError).toContain(`${MEDIA}/1-chapters.json`);
      expect(polled?.lastChangedAt).toBe(before?.lastChangedAt);
      expect((await episodes())[1]).toEqual(FIRST_EPISODE);
    } finally {
      chaptersAnswer = 'first';
    }
    // And a poll that reads it again changes nothing either.
    const again = await service.poll(url());
    expect(again?.lastError).toBeNull();
    expect(again?.lastChangedAt).toBe(before?.lastChangedAt);
  });

  it('replaces the chapters when the file changes', async () => {
    chaptersAnswer = 'second';
    try {
      await service.poll(url());
      const [, fetched] = await episodes();
      expect(fetched?.chapters).toEqual([
        { start: '00:00', startSeconds: 0, title: 'Welcome, again', summary: null, url: null },
      ]);
      expect(fetched?.mentions).toEqual([{ paper: { id: 'arxiv:2305.18290' } }]);
    } finally {
      chaptersAnswer = 'first';
    }
  });

  it("gives the episode its description's chapters when the tag is removed", async () => {
    const before = await status();
    chaptersTag = false;
    try {
      const polled = await service.poll(url());
      expect(polled?.lastError).toBeNull();
      expect(polled?.lastChangedAt).not.toBe(before?.lastChangedAt);
      const [, untagged] = await episodes();
      // Its description lists no chapters, and the chapters' KTO link is no longer a mention.
      expect(untagged?.chapters).toEqual([]);
      expect(untagged?.mentions).toEqual([{ paper: { id: 'arxiv:2305.18290' } }]);
    } finally {
      chaptersTag = true;
    }
  });
});
