// Transcripts through the API on both stores: a followed feed on loopback whose items link
// podcast:transcript files; `search` finds an episode by a word only its transcript says, with the line
// and its second (`transcriptMatch`), below an episode whose title says it; a poll whose transcript
// fetch fails keeps the stored transcript and times; a transcript over the cap is kept cut at a cue.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { MAX_TRANSCRIPT_CHARS } from '../../server/src/domain/transcript.ts';
import { FeedService } from '../../server/src/feeds/feedService.ts';
import { rssFeed, rssItem } from '../feeds/feedText.ts';
import {
  fetchPrefixFrom,
  type LoopbackServer,
  serveOnLoopback,
} from '../helpers/loopbackServer.ts';
import { createTestApi, describeForEachStore, type TestApi } from './testApi.ts';

/** Transcript links must name a host, so this one is sent to the loopback server. */
const MEDIA = 'https://media.transcripts.example.org';
let restoreFetch: () => void;
const HTTP = { timeoutMs: 5000, maxBytes: 20 * 1024 * 1024, userAgent: 'papergraph-test/1' };
const SETUP_TIMEOUT_MS = 180_000;
const PODCAST_NS = 'xmlns:podcast="https://podcastindex.org/namespace/1.0"';

const EPISODE_VTT = `WEBVTT

00:00:00.000 --> 00:00:06.000
Welcome back. Today we read a classic.

00:01:05.400 --> 00:01:09.000
So, attention is all you need, they said.

00:13:32.250 --> 00:13:38.000
The quokka ablation is where the baseline falls apart.
`;

/** One cue per line of 100 characters, numbered, until well past the cap. */
const CUE_TEXT_CHARS = 100;
const LONG_CUES = Math.ceil(MAX_TRANSCRIPT_CHARS / CUE_TEXT_CHARS) + 50;
function longCue(i: number): string {
  return `cue${i} `.padEnd(CUE_TEXT_CHARS, 'x');
}
function longVtt(): string {
  const cues = Array.from({ length: LONG_CUES }, (_, i) => {
    const at = (s: number) =>
      `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.000`;
    return `${at(i)} --> ${at(i + 1)}\n${longCue(i)}`;
  });
  return `WEBVTT\n\n${cues.join('\n\n')}\n`;
}

let transcriptAnswers = true;
let server: LoopbackServer;

function handle(request: IncomingMessage, response: ServerResponse): void {
  const send = (type: string, body: string): void => {
    response.writeHead(200, { 'content-type': type }).end(body);
  };
  switch (request.url) {
    case '/show.rss':
      return send('application/rss+xml', feed());
    case '/1.vtt':
      if (!transcriptAnswers) return void response.writeHead(503).end();
      return send('text/vtt', EPISODE_VTT);
    case '/3.vtt':
      return send('text/vtt', longVtt());
    default:
      response.writeHead(404).end();
  }
}

function feed(): string {
  const tag = (path: string) => `<podcast:transcript url="${MEDIA}${path}" type="text/vtt"/>`;
  return rssFeed(
    [
      rssItem({ n: 1, extra: tag('/1.vtt') }),
      rssItem({ n: 2, title: 'Episode 2: the quokka benchmark' }),
      rssItem({ n: 3, extra: tag('/3.vtt') }),
    ],
    'Transcribed Podcast',
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

const SEARCH = /* GraphQL */ `
  query Search($query: String!) {
    search(query: $query, first: 10) {
      transcriptMatch {
        excerpt
        startSeconds
      }
      node {
        __typename
        ... on Episode {
          title
          recommendations {
            paper {
              id
            }
            discussedAt
          }
        }
      }
    }
  }
`;

interface Hit {
  transcriptMatch: { excerpt: string; startSeconds: number | null } | null;
  node: {
    __typename: string;
    title?: string;
    recommendations?: { paper: { id: string }; discussedAt: number | null }[];
  };
}

describeForEachStore('transcripts', (factory) => {
  let api: TestApi;
  let service: FeedService;
  const url = () => `${server.origin}/show.rss`;
  const search = async (query: string): Promise<Hit[]> => {
    const response = await api.query<{ search: Hit[] }>(SEARCH, { query });
    expect(response.errors).toBeUndefined();
    return response.data!.search.filter((hit) => hit.node.__typename === 'Episode');
  };

  beforeAll(async () => {
    transcriptAnswers = true;
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
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await service.stop();
    await api.close();
  });

  it('finds an episode by a word only its transcript says, with the line and its second', async () => {
    const hits = await search('quokka');
    // The title match ranks first and did not match in a transcript.
    expect(hits.map((hit) => [hit.node.title, hit.transcriptMatch])).toEqual([
      ['Episode 2: the quokka benchmark', null],
      [
        'Episode 1',
        {
          excerpt: 'The quokka ablation is where the baseline falls apart.',
          startSeconds: 812,
        },
      ],
    ]);
    // The transcript also timed the reading it names.
    expect(hits[1]!.node.recommendations).toContainEqual({
      paper: { id: 'arxiv:1706.03762' },
      discussedAt: 65,
    });
  });

  it('keeps the transcript and the times when a poll cannot fetch it', async () => {
    const before = (await service.list()).find((f) => f.url === url());
    transcriptAnswers = false;
    try {
      const polled = await service.poll(url());
      expect(polled?.lastStatus).toBe('OK');
      expect(polled?.lastError).toContain(`${MEDIA}/1.vtt`);
      expect(polled?.lastChangedAt).toBe(before?.lastChangedAt);
    } finally {
      transcriptAnswers = true;
    }
    const [, transcribed] = await search('quokka');
    expect(transcribed?.transcriptMatch?.startSeconds).toBe(812);
    expect(transcribed?.node.recommendations).toContainEqual({
      paper: { id: 'arxiv:1706.03762' },
      discussedAt: 65,
    });
    // And a poll that fetches it again changes nothing either.
    const again = await service.poll(url());
    expect(again?.lastError).not.toContain('/1.vtt');
    expect(again?.lastChangedAt).toBe(before?.lastChangedAt);
  });

  it('keeps a transcript over the cap cut at a cue', async () => {
    const kept = Math.floor(MAX_TRANSCRIPT_CHARS / CUE_TEXT_CHARS);
    const [last] = await search(`cue${kept - 1}`);
    expect(last?.transcriptMatch).toEqual({
      excerpt: longCue(kept - 1),
      startSeconds: kept - 1,
    });
    expect(await search(`cue${kept}`)).toEqual([]);
    const status = (await service.list()).find((f) => f.url === url());
    expect(status?.lastError).toContain(
      `the transcript is cut at a cue after ${MAX_TRANSCRIPT_CHARS} characters`,
    );
  });
});
