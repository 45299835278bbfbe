// The catalogue of broken feeds (fixtures/), each run through both doors a feed comes in by: the CLI
// (`npm run import`, a child process) and the importFeed mutation (over HTTP). Every one must be
// refused with a message saying what is wrong and, where it is about one episode, which episode and
// which field — and neither door may change the store.
import { execFile } from 'node:child_process';
import { cpSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { MAX_FEED_BYTES } from '../../server/src/domain/feedLimits.ts';
import { createPapergraphYoga } from '../../server/src/graphql/yoga.ts';
import { seedIfEmpty } from '../../server/src/seed.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { type LoopbackServer, serveOnLoopback } from '../helpers/loopbackServer.ts';
import { type Fingerprint, storeFingerprint } from '../helpers/storeFingerprint.ts';
import { type ApiFingerprint, apiFingerprint, httpQuery } from './apiFingerprint.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = fileURLToPath(new URL('../../server/src/cli/import.ts', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const ADMIN_TOKEN = 'bad-feeds-admin-token-0123456789';

interface BadFeed {
  /** File in fixtures/ (or generated into the temp dir, see GENERATED). */
  file: string;
  problem: string;
  message: RegExp;
  /** Which episode, as the error names it (`#2 "Title"`), when the problem is inside one. */
  episode?: string;
  field?: string;
  /** What importFeed over HTTP answers instead of FeedValidationError, if different. */
  http?: { status: number; message: RegExp };
}

const UNRECOGNISED =
  /^unrecognised feed format: expected an RSS 2\.0 feed, a papergraph JSON export or a podcast page$/;
const NOT_UTF8_API =
  /^feed contains U\+FFFD replacement characters \(first at line \d+, column \d+\): it was decoded with the wrong encoding/;

const CATALOGUE: (BadFeed & { cliMessage?: RegExp })[] = [
  { file: 'not-xml.xml', problem: 'not XML at all', message: UNRECOGNISED },
  {
    file: 'binary.xml',
    problem: 'binary garbage (a PNG) named .xml',
    message: NOT_UTF8_API,
    cliMessage:
      /^feed is not valid UTF-8: the first invalid byte is at line 1, column 1; feeds must be UTF-8$/,
  },
  {
    file: 'truncated.xml',
    problem: 'truncated XML',
    message:
      /^invalid XML: the feed ends while <rss>, <channel>, <item>, <title>, <description> are still open \(truncated\?\)$/,
  },
  {
    file: 'billion-laughs.xml',
    problem: 'entity expansion (billion laughs)',
    message: /^XML entity declarations \(<!DOCTYPE … <!ENTITY …>\) are not accepted in feeds$/,
  },
  {
    file: 'external-entity.xml',
    problem: 'external entity (XXE, file:///etc/passwd)',
    message: /^XML entity declarations/,
  },
  {
    file: 'external-dtd.xml',
    problem: 'external DTD reference',
    message: /^external DTDs \(<!DOCTYPE … SYSTEM\/PUBLIC …>\) are not accepted in feeds/,
  },
  {
    file: 'latin1-declared-utf8.xml',
    problem: 'wrong encoding: Latin-1 bytes in a feed that says UTF-8',
    message: NOT_UTF8_API,
    cliMessage:
      /^feed is not valid UTF-8: the first invalid byte is at line 6, column 11; feeds must be UTF-8$/,
  },
  {
    file: 'latin1-declared-latin1.xml',
    problem: 'wrong encoding: an ISO-8859-1 feed',
    message: NOT_UTF8_API,
    cliMessage:
      /^feed is not valid UTF-8 \(its XML declaration says ISO-8859-1\): the first invalid byte is at line 6, column 11/,
  },
  {
    file: 'utf16.xml',
    problem: 'wrong encoding: UTF-16',
    message: NOT_UTF8_API,
    cliMessage: /^feed is encoded as UTF-16LE; feeds must be UTF-8$/,
  },
  { file: 'empty.xml', problem: 'empty file', message: UNRECOGNISED },
  {
    file: 'empty-channel.xml',
    problem: 'feed without episodes',
    message: /^feed contains no episodes$/,
  },
  {
    file: 'duplicate-episodes.xml',
    problem: 'the same episode twice in one feed',
    episode: '#3 "DPO explained again"',
    field: 'source',
    message:
      /^same source paper arxiv:2305\.18290 as episode #1 "DPO explained"; a feed has one episode per paper$/,
  },
  {
    file: 'no-title.xml',
    problem: 'episode without a title',
    episode: '#2',
    field: 'title',
    message: /^missing title$/,
  },
  {
    file: 'control-character-title.xml',
    problem: 'title made only of control characters',
    episode: '#1',
    field: 'title',
    message: /^missing title$/,
  },
  {
    file: 'bad-dates.xml',
    problem: 'dates that do not parse (pubDate and "published on February 30")',
    episode: '#1 "When was this, anyway"',
    field: 'paperPublishedAt',
    message: /^unrecognised date "February 30, 2026"$/,
  },
  {
    file: 'bad-dates.xml',
    problem: 'dates that do not parse (the pubDate)',
    episode: '#1 "When was this, anyway"',
    field: 'publishedAt',
    message: /^unrecognised pubDate "Someday, 99 Foo 2026 25:61:00 \+0000"$/,
  },
  {
    file: 'not-a-url.xml',
    problem: 'a source that is not a URL',
    episode: '#1 "A paper somewhere"',
    field: 'source',
    message:
      /^"see-the-paper-on-my-blog" is not a paper link: not an arXiv id, DOI or http\(s\) link$/,
  },
  {
    file: 'javascript-url.xml',
    problem: 'a javascript: link in a recommended reading',
    episode: '#1 "Click me"',
    field: 'reading #1',
    message:
      /^"javascript:alert\(document\.cookie\)" is not a paper link: unsupported link scheme "javascript:"/,
  },
  {
    file: 'data-url.xml',
    problem: 'a data: URL as source',
    episode: '#1 "Inline everything"',
    field: 'source',
    message: /is not a paper link: unsupported link scheme "data:" \(only http and https\)$/,
  },
  {
    file: 'one-bad-among-good.txt',
    problem:
      'one broken episode among good ones (page format): nothing of the good ones is written either',
    episode: '#2 "A bad clock"',
    field: 'chapter #2',
    message: /^invalid timestamp "01:75"$/,
  },
  {
    file: 'wrong-export-version.json',
    problem: 'papergraph export of an unknown version',
    field: 'version',
    message: /^not a papergraph export \(version 1\)/,
  },
  {
    file: 'title-1mb.xml',
    problem: 'a 1 MB title',
    episode: `#1 "${'T'.repeat(79)}…"`,
    field: 'title',
    message: /^title is 1048576 characters long; the limit is 500$/,
  },
  {
    file: 'summary-1mb.xml',
    problem: 'a 1 MB description',
    episode: '#1 "Long winded"',
    field: 'summary',
    message: /expected string to have <=50000 characters/,
  },
  {
    file: 'body-50mb.xml',
    problem: 'a 50 MB feed',
    message: /^feed is 524\d{5} bytes; the limit is 20971520 bytes \(20 MB\)$/,
    http: { status: 413, message: /^The request body is \d+ bytes; the limit is \d+ bytes\.$/ },
  },
];

/** Fixtures too big to keep in the repository, written into the temp dir before the run. */
const GENERATED: Record<string, () => string> = {
  'title-1mb.xml': () =>
    rssWithItem(
      `<title>${'T'.repeat(1024 * 1024)}</title><description>Source: https://arxiv.org/abs/2305.18290</description>`,
    ),
  'summary-1mb.xml': () =>
    rssWithItem(
      `<title>Long winded</title><description>Source: https://arxiv.org/abs/2305.18290 ${'blah '.repeat(210_000)}</description>`,
    ),
  'body-50mb.xml': () =>
    rssWithItem(
      `<title>Huge</title><description>Source: https://arxiv.org/abs/2305.18290 ${'x'.repeat(50 * 1024 * 1024)}</description>`,
    ),
};

function rssWithItem(item: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Big</title><item>${item}</item></channel></rss>\n`;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The issue line the CLI prints (formatIssue): `file: episode E: field F: message`. */
function cliLinePattern(path: string, feed: BadFeed & { cliMessage?: RegExp }): RegExp {
  const source = (feed.cliMessage ?? feed.message).source;
  const message = source.startsWith('^') ? source.slice(1) : `.*${source}`;
  const parts = [
    escape(path),
    feed.episode && `episode ${escape(feed.episode)}`,
    feed.field && `field ${escape(feed.field)}`,
  ]
    .filter(Boolean)
    .join(': ');
  return new RegExp(`^(?:  - )?${parts}: ${message}`, 'm');
}

describe('bad feed catalogue', () => {
  let work: string;
  let cliDataDir: string;
  let cliBefore: Fingerprint;
  let store: GraphStore;
  let api: LoopbackServer;
  let graphqlUrl: string;
  let apiBefore: ApiFingerprint;

  const pathOf = (file: string) => (file in GENERATED ? join(work, file) : join(FIXTURES, file));

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'papergraph-bad-feeds-'));
    for (const [file, make] of Object.entries(GENERATED)) await writeFile(join(work, file), make());

    // CLI side: a seeded store on disk; every CLI run targets its own copy (a run holds its DATA_DIR).
    cliDataDir = join(work, 'cli-data');
    const seeded = await createEmbeddedStore({ dataDir: cliDataDir });
    await seedIfEmpty(seeded);
    cliBefore = await storeFingerprint(seeded);
    await seeded.close();

    // API side: the real yoga over a seeded store, on an ephemeral loopback port.
    store = await createEmbeddedStore({ dataDir: join(work, 'api-data') });
    await seedIfEmpty(store);
    api = await serveOnLoopback(
      createPapergraphYoga({ store, adminToken: ADMIN_TOKEN, logger: quietLogger }),
    );
    graphqlUrl = api.url;
    apiBefore = await apiFingerprint(httpQuery(graphqlUrl));
    expect(apiBefore.episodes).toBe(8);
  });

  afterAll(async () => {
    await api?.close();
    await store?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  // Child processes mostly wait on start-up: a few at once keep the run short.
  it.concurrent.each(CATALOGUE)(
    'CLI refuses $file ($problem), names it, writes nothing',
    async (feed) => {
      const path = pathOf(feed.file);
      // A fresh folder per run: two catalogue entries may share a file.
      const dataDir = await mkdtemp(join(work, 'cli-data-'));
      cpSync(cliDataDir, dataDir, { recursive: true });
      const result = await run(process.execPath, [CLI, path], {
        cwd: ROOT,
        env: { PATH: process.env.PATH, DATA_DIR: dataDir },
        maxBuffer: 16 * 1024 * 1024,
      }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(cliLinePattern(path, feed));
      expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // a message, not a stack trace

      const reopened = await createEmbeddedStore({ dataDir });
      try {
        expect(await storeFingerprint(reopened)).toEqual(cliBefore);
      } finally {
        await reopened.close();
      }
    },
  );

  it.each(CATALOGUE)(
    'importFeed refuses $file ($problem), names it, writes nothing',
    async (feed) => {
      // What a client holding the file sends: its bytes read as UTF-8 (a naive client's default).
      const content = (await readFile(pathOf(feed.file))).toString('utf8');
      const response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
        body: JSON.stringify({
          query: `mutation ($content: String!) { importFeed(content: $content) {
          __typename ... on FeedValidationError { message issues { episode field message } } } }`,
          variables: { content },
        }),
      });
      const body = (await response.json()) as { data?: any; errors?: { message: string }[] };
      if (feed.http) {
        expect(response.status).toBe(feed.http.status);
        expect(body.errors?.[0]?.message).toMatch(feed.http.message);
      } else {
        expect(response.status).toBe(200);
        expect(body.data?.importFeed.__typename).toBe('FeedValidationError');
        const issues: { episode: string | null; field: string | null; message: string }[] =
          body.data.importFeed.issues;
        expect(issues).toContainEqual({
          episode: feed.episode ?? null,
          field: feed.field ?? null,
          message: expect.stringMatching(feed.message),
        });
      }
      expect(await apiFingerprint(httpQuery(graphqlUrl))).toEqual(apiBefore);
    },
  );

  it('the catalogue covers every bad-input class of the issue', () => {
    const covered = CATALOGUE.map((feed) => feed.problem).join(' | ');
    for (const problem of [
      /not XML/,
      /truncated/,
      /billion laughs/,
      /external entity/,
      /wrong encoding/,
      /empty/,
      /same episode twice/,
      /without a title/,
      /dates that do not parse/,
      /not a URL/,
      /javascript:/,
      /data:/,
      /50 MB/,
      /1 MB title/,
      /control characters/,
    ]) {
      expect(covered).toMatch(problem);
    }
    expect(MAX_FEED_BYTES).toBe(20 * 1024 * 1024);
  });
});

const quietLogger = { debug() {}, info() {}, warn() {}, error() {} };
