// The episode page plays the feed's audio from a chapter timestamp, in Debian's Chromium: the app
// started as `npm start` runs it with FEEDS pointing at a loopback feed whose enclosure is a WAV made
// here. Also: without audio, timestamps stay text; the paper page links its Atom feed.
import type { IncomingMessage, ServerResponse } from 'node:http';

import { XMLParser } from 'fast-xml-parser';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { apiQuery, CHROMIUM, type Stack, startStack } from '../e2e/stack.ts';
import { type LoopbackServer, serveOnLoopback } from '../helpers/loopbackServer.ts';
import { rssFeed, rssItem } from './feedText.ts';

const SAMPLE_RATE = 8000;
const SECONDS = 60;

/** A mono 8-bit PCM WAV of a quiet tone: long enough to seek to the 00:30 chapter. */
function wav(seconds: number): Buffer {
  const samples = SAMPLE_RATE * seconds;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE, 28); // bytes per second
  header.writeUInt16LE(1, 32);
  header.writeUInt16LE(8, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples, 40);
  const data = Buffer.alloc(samples);
  for (let i = 0; i < samples; i++)
    data[i] = 128 + Math.round(8 * Math.sin((2 * Math.PI * 440 * i) / SAMPLE_RATE));
  return Buffer.concat([header, data]);
}

const audio = wav(SECONDS);
let server: LoopbackServer | undefined;
let feedBase = '';
let stack: Stack;
let browser: Browser;
let episodeId = '';
/** Enclosures must be web links on a named host (no IPs): the browser maps this one to loopback. */
const AUDIO_HOST = 'audio.papergraph.test';
let audioBase = '';

/** Serves the feed and the WAV, with byte ranges so the browser can seek without downloading it all. */
function serve(request: IncomingMessage, response: ServerResponse): void {
  if (request.url === '/feed.xml') {
    const item = rssItem({
      n: 1,
      title: 'A Listenable Episode',
      enclosure: `<enclosure url="${audioBase}/episode.wav" length="${audio.length}" type="audio/wav"/>`,
    });
    response
      .writeHead(200, { 'content-type': 'application/rss+xml' })
      .end(rssFeed([item], 'Loopback Podcast'));
    return;
  }
  if (request.url !== '/episode.wav') {
    response.writeHead(404).end();
    return;
  }
  const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '');
  if (!range) {
    response
      .writeHead(200, {
        'content-type': 'audio/wav',
        'content-length': audio.length,
        'accept-ranges': 'bytes',
      })
      .end(audio);
    return;
  }
  const start = Number(range[1]);
  const end = range[2] ? Math.min(Number(range[2]), audio.length - 1) : audio.length - 1;
  response
    .writeHead(206, {
      'content-type': 'audio/wav',
      'content-length': end - start + 1,
      'content-range': `bytes ${start}-${end}/${audio.length}`,
      'accept-ranges': 'bytes',
    })
    .end(audio.subarray(start, end + 1));
}

beforeAll(async () => {
  server = await serveOnLoopback(serve);
  feedBase = server.origin;
  audioBase = feedBase.replace('127.0.0.1', AUDIO_HOST);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      `--host-resolver-rules=MAP ${AUDIO_HOST} 127.0.0.1`,
    ],
  });
  stack = await startStack({ FEEDS: `${feedBase}/feed.xml` });
  // The poller fetches FEEDS right after start.
  const deadline = Date.now() + 30_000;
  let feeds: unknown = null;
  while (episodeId === '' && Date.now() < deadline) {
    const data = await apiQuery<{
      feeds: unknown[];
      episodes: { edges: { node: { id: string; title: string } }[] };
    }>(
      stack.apiUrl,
      '{ feeds { url lastStatus lastError } episodes(first: 100) { edges { node { id title } } } }',
    );
    feeds = data.feeds;
    episodeId =
      data.episodes.edges.find((e) => e.node.title === 'A Listenable Episode')?.node.id ?? '';
    if (episodeId === '') await new Promise((r) => setTimeout(r, 250));
  }
  if (episodeId === '')
    throw new Error(
      `the poller did not import the FEEDS feed within 30 s: ${JSON.stringify(feeds)}`,
    );
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await server?.close();
});

const currentTime = (page: Page) =>
  page.$eval('[data-testid="episode-audio"]', (el) => (el as HTMLAudioElement).currentTime);

describe('episode player', () => {
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    it(`plays from a chapter timestamp, by click and by keyboard (${viewport.width}px wide)`, async () => {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      try {
        await page.goto(`${stack.baseUrl}/episode/${episodeId}`);
        await page.waitForSelector('html[data-hydrated]');
        const source = await page.$eval(
          '[data-testid="episode-audio"] source',
          (el) => (el as HTMLSourceElement).src,
        );
        expect(source).toBe(`${audioBase}/episode.wav`);
        expect(await currentTime(page)).toBe(0);
        // The audio really loaded (a blocked source would still report a seek target as currentTime).
        await page.waitForFunction(
          () =>
            (document.querySelector('[data-testid="episode-audio"]') as HTMLAudioElement)
              .readyState >= 1,
        );
        expect(
          Math.round(
            await page.$eval(
              '[data-testid="episode-audio"]',
              (el) => (el as HTMLAudioElement).duration,
            ),
          ),
        ).toBe(SECONDS);
        const buttons = page.getByTestId('chapter-seek');
        expect(await buttons.count()).toBe(2);

        await page.getByRole('button', { name: 'Play from 00:30: Middle' }).click();
        await page.waitForFunction(
          () =>
            (document.querySelector('[data-testid="episode-audio"]') as HTMLAudioElement)
              .currentTime >= 30,
          undefined,
          { timeout: 15_000 },
        );
        expect(await currentTime(page)).toBeLessThan(40);
        // And it plays from there: the played range starts at the chapter.
        await page.waitForFunction(
          () => {
            const el = document.querySelector('[data-testid="episode-audio"]') as HTMLAudioElement;
            return !el.paused && el.played.length > 0 && el.currentTime > 30;
          },
          undefined,
          { timeout: 15_000 },
        );

        await page.getByRole('button', { name: 'Play from 00:00: Start' }).focus();
        await page.keyboard.press('Enter');
        await page.waitForFunction(
          () =>
            (document.querySelector('[data-testid="episode-audio"]') as HTMLAudioElement)
              .currentTime < 10,
          undefined,
          { timeout: 15_000 },
        );
      } finally {
        await context.close();
      }
    });
  }

  it('keeps timestamps as text when the episode has no audio', async () => {
    const { episodes } = await apiQuery<{
      episodes: { edges: { node: { id: string; audio: unknown } }[] };
    }>(stack.apiUrl, '{ episodes(first: 100) { edges { node { id audio { url } } } } }');
    const silent = episodes.edges.find((e) => e.node.audio === null)!.node.id;
    const page = await browser.newPage();
    try {
      await page.goto(`${stack.baseUrl}/episode/${silent}`);
      expect(await page.locator('[data-testid="episode-audio"]').count()).toBe(0);
      expect(await page.getByTestId('chapter-seek').count()).toBe(0);
      expect(await page.locator('.chapters time.stamp').count()).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });

  it('links the paper page to its Atom feed, which a parser reads', async () => {
    const page = await browser.newPage();
    try {
      await page.goto(`${stack.baseUrl}/paper/arxiv:1706.03762`);
      const href = await page.$eval(
        'link[rel="alternate"][type="application/atom+xml"]',
        (el) => (el as HTMLLinkElement).href,
      );
      expect(href).toBe(`${stack.baseUrl}/paper/arxiv%3A1706.03762/feed.atom`);
      const response = await fetch(href);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/atom\+xml/);
      const { feed } = new XMLParser({ isArray: (name) => name === 'entry' }).parse(
        await response.text(),
      );
      expect(feed.entry.map((e: { title: string }) => e.title)).toContain('A Listenable Episode');
      const whole = await fetch(`${stack.baseUrl}/feed.atom`);
      expect(whole.status).toBe(200);
      expect(
        new XMLParser({ isArray: (name) => name === 'entry' }).parse(await whole.text()).feed.entry
          .length,
      ).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  });
});
