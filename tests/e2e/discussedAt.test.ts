// "discussed at 1:15" in Debian's Chromium, at desktop and phone size: a research feed fetched from
// loopback (the way the poller fetches one) whose episode has a WAV enclosure and a
// podcast:transcript naming a paper at 1:15. The paper page links that episode at that second; the
// link opens the episode page with its player there, a focused "Play from 1:15" button that plays;
// on the episode page the same link seeks in place. An episode without audio shows the time as text.
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { importFetchedFeed } from '../../server/src/import/pipeline.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import { episodeHref, paperHref } from '../../web/src/lib/links.ts';
import {
  fetchPrefixFrom,
  type LoopbackServer,
  serveOnLoopback,
} from '../helpers/loopbackServer.ts';
import { seriousAxeViolations, shot } from './browser.ts';
import { CHROMIUM, type Stack, startStack } from './stack.ts';

const SAMPLE_RATE = 8000;
const AUDIO_SECONDS = 100;
/** The second the transcript first names the paper. */
const DISCUSSED_AT = 75;
const STAMP = '1:15';
const DPO = 'arxiv:2305.18290';
/** Feeds may not point at IP addresses: the browser and the import map this name to loopback. */
const MEDIA_HOST = 'media.papergraph.test';

/** A mono 8-bit PCM WAV of a quiet tone. */
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

const audio = wav(AUDIO_SECONDS);
const TRANSCRIPT = [
  'WEBVTT',
  '',
  '00:00:00.000 --> 00:00:05.000',
  'Welcome back to the show.',
  '',
  '00:01:15.000 --> 00:01:20.000',
  'Today we read Direct Preference Optimization, start to finish.',
  '',
].join('\n');

function feed(media: string): string {
  const item = (guid: string, title: string, enclosure: string) => `
    <item>
      <title>${title}</title>
      <guid isPermaLink="false">${guid}</guid>
      <pubDate>Tue, 02 Jun 2026 06:00:00 +0000</pubDate>
      ${enclosure}
      <description><![CDATA[<p>This week we read <a href="https://arxiv.org/abs/2305.18290">Direct Preference Optimization</a>.</p>]]></description>
      <podcast:transcript url="${media}/episode.vtt" type="text/vtt"/>
    </item>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0">
  <channel>
    <title>Timed Papers</title>
    <link>https://timed-papers.example.org</link>
    <description>A research podcast with transcripts.</description>
    ${item('timed-1', 'Ep. 1 — DPO, with audio', `<enclosure url="${media}/episode.wav" length="${audio.length}" type="audio/wav"/>`)}
    ${item('timed-2', 'Ep. 2 — DPO, notes only', '')}
  </channel>
</rss>`;
}

/** The WAV with byte ranges (so the browser can seek without downloading it all) and the transcript. */
function serve(request: IncomingMessage, response: ServerResponse): void {
  if (request.url === '/episode.vtt') {
    response.writeHead(200, { 'content-type': 'text/vtt' }).end(TRANSCRIPT);
    return;
  }
  if (request.url !== '/episode.wav') {
    response.writeHead(404).end();
    return;
  }
  const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '');
  const start = range ? Number(range[1]) : 0;
  const end = range?.[2] ? Math.min(Number(range[2]), audio.length - 1) : audio.length - 1;
  response
    .writeHead(range ? 206 : 200, {
      'content-type': 'audio/wav',
      'content-length': end - start + 1,
      'accept-ranges': 'bytes',
      ...(range ? { 'content-range': `bytes ${start}-${end}/${audio.length}` } : {}),
    })
    .end(audio.subarray(start, end + 1));
}

let server: LoopbackServer | undefined;
let dataDir = '';
let stack: Stack | undefined;
let browser: Browser | undefined;
const contexts: Record<'desktop' | 'phone', BrowserContext | undefined> = {
  desktop: undefined,
  phone: undefined,
};
let withAudio = '';
let withoutAudio = '';
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await serveOnLoopback(serve);
  const loopback = server.origin;
  const media = loopback.replace('127.0.0.1', MEDIA_HOST);
  // The import fetches the transcript the way the poller does, its media host sent to loopback.
  const restoreFetch = fetchPrefixFrom(media, loopback);
  let batch;
  try {
    ({ batch } = await importFetchedFeed(feed(media), `${loopback}/feed.xml`, {
      timeoutMs: 5000,
      maxBytes: 1_000_000,
    }));
  } finally {
    restoreFetch();
  }
  const [timed, silent] = batch.episodes;
  expect(timed?.mentions?.map((m) => [m.paperId, m.discussedAt])).toEqual([[DPO, DISCUSSED_AT]]);
  expect(silent?.audio ?? null).toBeNull();
  withAudio = timed!.id;
  withoutAudio = silent!.id;

  dataDir = await mkdtemp(join(tmpdir(), 'papergraph-e2e-discussed-'));
  const store = await createEmbeddedStore({ dataDir });
  try {
    await store.importBatch(batch);
  } finally {
    await store.close();
  }
  stack = await startStack({ DATA_DIR: dataDir });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      `--host-resolver-rules=MAP ${MEDIA_HOST} 127.0.0.1`,
    ],
  });
  contexts.desktop = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  contexts.phone = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await server?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function open(size: 'desktop' | 'phone', path: string): Promise<Page> {
  const page = await contexts[size]!.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  const response = await page.goto(stack!.baseUrl + path);
  expect(response?.status(), path).toBe(200);
  await page.waitForSelector('html[data-hydrated]');
  return page;
}

const AUDIO = '[data-testid="episode-audio"]';

/** Waits until the player stands within a second of `seconds` (and, with `playing`, plays on). */
async function playerAt(page: Page, seconds: number, playing = false): Promise<number> {
  await page.waitForFunction(
    ([selector, at, mustPlay]) => {
      const player = document.querySelector(selector as string) as HTMLAudioElement | null;
      if (!player || player.readyState < 1) return false;
      const near = Math.abs(player.currentTime - (at as number)) < 1.5;
      return mustPlay ? near && !player.paused && player.currentTime > (at as number) : near;
    },
    [AUDIO, seconds, playing] as const,
    { timeout: 15_000 },
  );
  return page.$eval(AUDIO, (el) => (el as HTMLAudioElement).currentTime);
}

const row = (page: Page, episodeId: string) =>
  page.locator(`[data-testid="citing-episode"][data-episode-id="${episodeId}"]`);

describe.each([
  ['desktop', 1440],
  ['phone', 390],
] as const)('discussed at (%s)', (size, width) => {
  it('links the paper page’s episode row to that second, and plays from there', async () => {
    const page = await open(size, paperHref(DPO));
    const link = row(page, withAudio).getByTestId('discussed-at');
    expect((await link.textContent())?.replace(/\s+/g, ' ').trim()).toBe(`discussed at ${STAMP}`);
    expect(await link.getAttribute('href')).toBe(episodeHref(withAudio, DISCUSSED_AT));
    // Without audio the time is said, not linked.
    const silent = row(page, withoutAudio).getByTestId('discussed-at');
    expect(await silent.evaluate((el) => el.tagName)).toBe('SPAN');
    expect((await silent.textContent())?.replace(/\s+/g, ' ').trim()).toBe(`discussed at ${STAMP}`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, `discussed-paper-${size}`);

    await link.click();
    await page.waitForURL(`**${episodeHref(withAudio, DISCUSSED_AT)}`);
    const play = page.getByRole('button', { name: `Play from ${STAMP}` });
    await play.waitFor();
    // The player waits at the second, its button focused (the browser refuses to play unasked).
    expect(await play.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await playerAt(page, DISCUSSED_AT)).toBeCloseTo(DISCUSSED_AT, 0);
    await play.click();
    expect(await playerAt(page, DISCUSSED_AT, true)).toBeGreaterThan(DISCUSSED_AT);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await shot(page, `discussed-episode-${size}`);
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('opens a shared link at that second, and plays by keyboard', async () => {
    const page = await open(size, episodeHref(withAudio, DISCUSSED_AT));
    const play = page.getByRole('button', { name: `Play from ${STAMP}` });
    expect(await play.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await playerAt(page, DISCUSSED_AT)).toBeCloseTo(DISCUSSED_AT, 0);
    await page.keyboard.press('Enter');
    expect(await playerAt(page, DISCUSSED_AT, true)).toBeGreaterThan(DISCUSSED_AT);
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('seeks in place from the episode page’s own mention, by click and by keyboard', async () => {
    const page = await open(size, episodeHref(withAudio));
    expect(await page.getByTestId('play-from').count()).toBe(0);
    await page.waitForFunction(
      (selector) => (document.querySelector(selector) as HTMLAudioElement).readyState >= 1,
      AUDIO,
    );
    const link = page
      .locator(`[data-testid="paper-link"][data-paper-id="${DPO}"]`)
      .getByTestId('discussed-at');
    expect(await link.getAttribute('href')).toBe(episodeHref(withAudio, DISCUSSED_AT));
    // A mark on this document: a page load would lose it.
    await page.evaluate(() => document.body.setAttribute('data-before-seek', ''));
    await link.click();
    expect(await playerAt(page, DISCUSSED_AT, true)).toBeGreaterThan(DISCUSSED_AT);
    // The address becomes the second's link, to share, without loading another page.
    expect(new URL(page.url()).search).toBe(`?t=${DISCUSSED_AT}`);
    expect(await page.locator('body[data-before-seek]').count()).toBe(1);

    await page.$eval(AUDIO, (el) => {
      const player = el as HTMLAudioElement;
      player.pause();
      player.currentTime = 0;
    });
    await link.focus();
    await page.keyboard.press('Enter');
    expect(await playerAt(page, DISCUSSED_AT)).toBeCloseTo(DISCUSSED_AT, 0);
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 90_000);

  it('says the time as text on the page of an episode without audio', async () => {
    const page = await open(size, episodeHref(withoutAudio, DISCUSSED_AT));
    expect(await page.locator(AUDIO).count()).toBe(0);
    expect(await page.getByTestId('play-from').count()).toBe(0);
    const time = page.getByTestId('discussed-at');
    expect(await time.evaluate((el) => el.tagName)).toBe('SPAN');
    expect(await page.locator('a[data-testid="discussed-at"]').count()).toBe(0);
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
