// Fetching podcast:transcript and podcast:chapters files over real HTTP on a loopback server: each
// format served as it is in the wild, and each way a fetch fails said in a sentence naming the URL.
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { parseChapters } from '../../server/src/import/podcasting20/chapters.ts';
import { fetchChapters } from '../../server/src/import/podcasting20/fetchChapters.ts';
import { fetchTranscript } from '../../server/src/import/podcasting20/fetchTranscript.ts';
import { parseHtmlTranscript } from '../../server/src/import/podcasting20/htmlTranscript.ts';
import {
  parseJsonTranscript,
  parseSrt,
  parseVtt,
} from '../../server/src/import/podcasting20/transcript.ts';
import { type LoopbackServer, serveOnLoopback } from '../helpers/loopbackServer.ts';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/research-podcast/${name}`, import.meta.url), 'utf8');
}

const MAX_BYTES = 4096;
const OPTIONS = { timeoutMs: 2000, maxBytes: MAX_BYTES };

function send(response: ServerResponse, type: string, body: string): void {
  response.writeHead(200, { 'content-type': type });
  response.end(body);
}

let server: LoopbackServer;
const userAgents: string[] = [];
const pending = new Set<ServerResponse>();

beforeAll(async () => {
  server = await serveOnLoopback((request, response) => {
    userAgents.push(request.headers['user-agent'] ?? '');
    switch (request.url) {
      case '/41.vtt':
        return send(response, 'text/vtt; charset=utf-8', fixture('41.vtt'));
      case '/de-12.srt':
        return send(response, 'application/x-subrip', fixture('de-12.srt'));
      case '/41.json':
        return send(response, 'application/json', fixture('41.json'));
      case '/bucket/41.vtt':
        return send(response, 'binary/octet-stream', fixture('41.vtt'));
      case '/moved.vtt':
        response.writeHead(302, { location: '/41.vtt' });
        return response.end();
      case '/loop.vtt':
        response.writeHead(301, { location: '/loop.vtt' });
        return response.end();
      case '/login.vtt':
        return send(response, 'text/html', '<html><body>Please sign in</body></html>');
      case '/huge.vtt':
        // Streamed without a length, so the cap is what stops it.
        response.writeHead(200, { 'content-type': 'text/vtt' });
        response.write('WEBVTT\n\n');
        for (let i = 0; i < 100; i++)
          response.write(`00:00.000 --> 00:01.000\n${'words '.repeat(20)}\n\n`);
        return response.end();
      case '/declared-huge.vtt': {
        // Says its length up front, so it is refused before its body is read.
        const body = `WEBVTT\n\n${'00:00.000 --> 00:01.000\nwords\n\n'.repeat(200)}`;
        response.writeHead(200, { 'content-type': 'text/vtt', 'content-length': body.length });
        return response.end(body);
      }
      case '/slow.vtt':
        response.writeHead(200, { 'content-type': 'text/vtt' });
        response.write('WEBVTT\n\n');
        pending.add(response);
        return;
      case '/41-chapters.json':
        return send(response, 'application/json+chapters', fixture('41-chapters.json'));
      case '/chapters-page':
        return send(response, 'text/html', '<html></html>');
      case '/broken-chapters.json':
        return send(response, 'application/json', '{"version":"1.2.0","chapters":[{"title":"x"}]}');
      case '/41.html':
        return send(response, 'text/html; charset=utf-8', fixture('41.html'));
      case '/notes.txt':
        return send(response, 'text/plain', 'Just words, no cue times.');
      case '/broken.vtt':
        return send(response, 'text/vtt', '00:00.000 --> 00:01.000\nno header');
      case '/latin1.srt':
        response.writeHead(200, { 'content-type': 'application/x-subrip' });
        return response.end(Buffer.from('1\n00:00:00,000 --> 00:00:01,000\nCaf\xe9\n', 'latin1'));
      default:
        response.writeHead(404, 'Not Found');
        return response.end();
    }
  });
});

afterAll(async () => {
  for (const response of pending) response.end();
  await server.close();
});

const link = (path: string, type = 'text/vtt') => ({
  url: `${server.origin}${path}`,
  type,
  language: null,
  rel: null,
});

describe('a transcript served as it is in the wild', () => {
  it.each([
    ['/41.vtt', 'text/vtt', 'vtt', () => parseVtt(fixture('41.vtt'))],
    ['/de-12.srt', 'application/x-subrip', 'srt', () => parseSrt(fixture('de-12.srt'))],
    ['/41.json', 'application/json', 'json', () => parseJsonTranscript(fixture('41.json'))],
    ['/bucket/41.vtt', 'text/vtt', 'vtt', () => parseVtt(fixture('41.vtt'))],
    ['/41.html', 'text/html', 'html', () => parseHtmlTranscript(fixture('41.html'))],
  ])('%s (%s) is read as %s', async (path, type, format, cues) => {
    expect(await fetchTranscript(link(path, type), OPTIONS)).toEqual({
      kind: 'read',
      format,
      cues: cues(),
      finalUrl: `${server.origin}${path}`,
    });
  });

  it('follows a redirect and names papergraph in its User-Agent', async () => {
    const outcome = await fetchTranscript(link('/moved.vtt'), OPTIONS);
    expect(outcome).toMatchObject({ kind: 'read', finalUrl: `${server.origin}/41.vtt` });
    expect(userAgents.at(-1)).toMatch(/^papergraph\//);
  });
});

describe('a transcript that cannot be read says why and where', () => {
  it.each([
    ['/missing.vtt', `HTTP 404 Not Found from ORIGIN/missing.vtt`],
    ['/login.vtt', 'ORIGIN/login.vtt answered with content type "text/html", not a transcript'],
    ['/huge.vtt', `the transcript is larger than ${MAX_BYTES} bytes (ORIGIN/huge.vtt)`],
    [
      '/declared-huge.vtt',
      `the transcript is 6208 bytes; the limit is ${MAX_BYTES} (ORIGIN/declared-huge.vtt)`,
    ],
    ['/loop.vtt', 'more than 5 redirects (last to ORIGIN/loop.vtt)'],
    [
      '/broken.vtt',
      'ORIGIN/broken.vtt: field podcast:transcript: WebVTT line 1: the file does not start with "WEBVTT"',
    ],
    ['/latin1.srt', 'ORIGIN/latin1.srt is not UTF-8 text'],
  ])('%s', async (path, error) => {
    expect(await fetchTranscript(link(path), OPTIONS)).toEqual({
      kind: 'failed',
      error: error.replaceAll('ORIGIN', server.origin),
    });
  });

  it('gives up on a server that never finishes, within the timeout', async () => {
    const started = Date.now();
    expect(await fetchTranscript(link('/slow.vtt'), { ...OPTIONS, timeoutMs: 300 })).toEqual({
      kind: 'failed',
      error: `no complete answer from ${server.origin}/slow.vtt within 0.3 s`,
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a format it does not read, and a link that is not http(s)', async () => {
    expect(await fetchTranscript(link('/notes.txt', 'text/plain'), OPTIONS)).toEqual({
      kind: 'failed',
      error: `${server.origin}/notes.txt: type "text/plain" is not a transcript format papergraph reads (SRT, WebVTT, JSON, HTML)`,
    });
    expect(
      await fetchTranscript({ ...link('/x'), url: 'ftp://example.org/41.vtt' }, OPTIONS),
    ).toEqual({
      kind: 'failed',
      error: '"ftp://example.org/41.vtt" is not an http or https URL',
    });
  });

  it('reads a file by what the server serves when the tag names the wrong type', async () => {
    expect(await fetchTranscript(link('/41.vtt', 'text/html'), OPTIONS)).toMatchObject({
      kind: 'read',
      format: 'vtt',
    });
  });
});

describe('a chapters file', () => {
  it('is read as served, with the problems of its chapters', async () => {
    expect(await fetchChapters(`${server.origin}/41-chapters.json`, OPTIONS)).toEqual({
      kind: 'read',
      finalUrl: `${server.origin}/41-chapters.json`,
      ...parseChapters(fixture('41-chapters.json')),
    });
  });

  it.each([
    ['/missing.json', 'HTTP 404 Not Found from ORIGIN/missing.json'],
    [
      '/chapters-page',
      'ORIGIN/chapters-page answered with content type "text/html", not a chapters file',
    ],
    [
      '/broken-chapters.json',
      'ORIGIN/broken-chapters.json: field podcast:chapters: JSON chapters at chapters.0.startTime: ',
    ],
  ])('%s cannot be read and says why', async (path, error) => {
    const outcome = await fetchChapters(`${server.origin}${path}`, OPTIONS);
    expect(outcome.kind).toBe('failed');
    expect(outcome.kind === 'failed' && outcome.error).toContain(
      error.replaceAll('ORIGIN', server.origin),
    );
  });
});
