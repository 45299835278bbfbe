// addFeed / removeFeed / refreshFeeds and `feeds` through the real yoga, /health with a line per feed,
// against a feed served on loopback.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FeedService } from '../../server/src/feeds/feedService.ts';
import { createPapergraphYoga } from '../../server/src/graphql/yoga.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { ADMIN_TOKEN } from '../api/testApi.ts';
import { type LoopbackServer, serveOnLoopback } from '../helpers/loopbackServer.ts';
import { rssFeed, rssItem } from './feedText.ts';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const FEED_FIELDS =
  'url title lastCheckedAt lastChangedAt lastStatus lastError episodeCount nextCheckAt';

let server: LoopbackServer;
let base = '';
let dir = '';
let store: GraphStore;
let feeds: FeedService;
let post: (query: string, headers?: Record<string, string>) => Promise<any>;
let health: () => Promise<{ status: number; body: any }>;

beforeEach(async () => {
  server = await serveOnLoopback((request, response) => {
    if (request.url === '/feed.xml')
      response
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end(rssFeed([rssItem({ n: 1 })], 'API Podcast'));
    else response.writeHead(500).end();
  });
  base = server.origin;
  dir = await mkdtemp(join(tmpdir(), 'papergraph-feeds-api-'));
  store = await createEmbeddedStore({ dataDir: dir });
  feeds = new FeedService({
    store,
    refreshMinutes: 60,
    http: { timeoutMs: 2000, maxBytes: 1 << 20, userAgent: 'papergraph-test' },
    log: () => undefined,
  });
  const yoga = createPapergraphYoga({ store, adminToken: ADMIN_TOKEN, feeds, compileAfter: 1 });
  post = async (query, headers = {}) => {
    const response = await yoga.fetch(
      new Request('http://papergraph.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query }),
      }),
    );
    return response.json();
  };
  health = async () => {
    const response = await yoga.fetch(new Request('http://papergraph.test/health'));
    return { status: response.status, body: await response.json() };
  };
});
afterEach(async () => {
  await feeds.stop();
  await store.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('feeds over GraphQL', () => {
  it('adds, lists, refreshes and removes subscriptions; a failing feed shows why, also in /health', async () => {
    const added = await post(
      `mutation { addFeed(url: "${base}/feed.xml") { __typename ... on Feed { ${FEED_FIELDS} } } }`,
      admin,
    );
    expect(added.data.addFeed).toMatchObject({
      __typename: 'Feed',
      url: `${base}/feed.xml`,
      title: 'API Podcast',
      lastStatus: 'OK',
      lastError: null,
      episodeCount: 1,
    });
    const broken = await post(
      `mutation { addFeed(url: "${base}/gone.xml") { ... on Feed { lastStatus lastError } } }`,
      admin,
    );
    expect(broken.data.addFeed).toEqual({
      lastStatus: 'HTTP_ERROR',
      lastError: `HTTP 500 Internal Server Error from ${base}/gone.xml`,
    });

    const listed = await post(`{ feeds { url lastStatus } stats { episodes } }`);
    expect(listed.data).toEqual({
      feeds: [
        { url: `${base}/feed.xml`, lastStatus: 'OK' },
        { url: `${base}/gone.xml`, lastStatus: 'HTTP_ERROR' },
      ],
      stats: { episodes: 1 },
    });

    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body.feeds).toHaveLength(2);
    expect(body.feeds[0]).toMatch(
      new RegExp(
        `^${base}/feed.xml: OK, checked \\S+, 1 episodes in the feed, last changed the graph \\S+, next check \\S+$`,
      ),
    );
    expect(body.feeds[1]).toMatch(
      new RegExp(
        `^${base}/gone.xml: HTTP_ERROR \\(HTTP 500 Internal Server Error from ${base}/gone.xml\\), checked .*never changed the graph`,
      ),
    );

    const refreshed = await post(
      `mutation { refreshFeeds { ... on RefreshedFeeds { feeds { url lastStatus } } } }`,
      admin,
    );
    expect(
      refreshed.data.refreshFeeds.feeds.map((f: { lastStatus: string }) => f.lastStatus),
    ).toEqual(['OK', 'HTTP_ERROR']);

    const removed = await post(
      `mutation { removeFeed(url: "${base}/gone.xml") { ... on RemovedFeed { url removed } } }`,
      admin,
    );
    expect(removed.data.removeFeed).toEqual({ url: `${base}/gone.xml`, removed: true });
    expect((await post('{ feeds { url } }')).data.feeds).toEqual([{ url: `${base}/feed.xml` }]);
  });

  it('refuses a URL that is not http(s) with a typed error, and callers without the token', async () => {
    const bad = await post(
      'mutation { addFeed(url: "file:///etc/passwd") { __typename ... on Error { message code } } }',
      admin,
    );
    expect(bad.data.addFeed).toEqual({
      __typename: 'FeedUrlError',
      message: expect.stringMatching(/^"file:\/\/\/etc\/passwd" is not a feed URL/),
      code: 'BAD_FEED',
    });
    const anonymous = await post(`mutation { addFeed(url: "${base}/feed.xml") { __typename } }`);
    expect(anonymous.data.addFeed.__typename).toBe('NotAuthorizedError');
    expect(await store.listFeeds()).toEqual([]);
  });
});
