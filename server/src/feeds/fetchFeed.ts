// Fetches one feed over HTTP the way a polite feed reader does: conditional GET with the validators
// of the last fetch, gzip/deflate (Node's fetch decodes them), a timeout over the whole exchange, a
// size cap on the decoded body, at most 5 redirects and only to http/https, a User-Agent naming
// papergraph, and Retry-After passed back to the caller. Never throws: every failure is an outcome
// with a status and a sentence saying why.
import type { FeedStatus } from '../domain/feed.ts';

export interface FetchFeedOptions {
  /** The ETag and Last-Modified of the last good fetch. */
  etag?: string | null;
  lastModified?: string | null;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  userAgent: string;
}

export type FetchOutcome =
  | {
      kind: 'fetched';
      content: Uint8Array;
      etag: string | null;
      lastModified: string | null;
      finalUrl: string;
    }
  | { kind: 'not-modified'; etag: string | null; lastModified: string | null }
  | {
      kind: 'failed';
      status: Exclude<FeedStatus, 'OK' | 'NOT_MODIFIED' | 'INVALID_FEED' | 'STORE_ERROR'>;
      error: string;
      retryAfterMs: number | null;
    };

export const MAX_REDIRECTS = 5;

export const USER_AGENT = 'papergraph/0.1 (podcast paper graph; feed poller)';

/** What a feed (RSS, Atom, the podcast page as text, papergraph's JSON export) may be served as. */
const FEED_CONTENT_TYPE =
  /^(?:application\/(?:rss\+xml|atom\+xml|rdf\+xml|xml|x-rss\+xml|json)|text\/(?:xml|plain))$/i;

const ACCEPT =
  'application/rss+xml, application/xml;q=0.9, text/xml;q=0.9, text/plain;q=0.5, application/json;q=0.5';

function failed(
  status: Extract<FetchOutcome, { kind: 'failed' }>['status'],
  error: string,
  retryAfterMs: number | null = null,
): FetchOutcome {
  return { kind: 'failed', status, error, retryAfterMs };
}

/** Retry-After as milliseconds from now: delay-seconds or an HTTP date; null when absent or unreadable. */
function retryAfterMs(header: string | null, now: Date): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? null : Math.max(0, date - now.getTime());
}

export function webUrl(location: string, base?: string): URL | null {
  try {
    const url = new URL(location, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The body, up to `maxBytes` decoded bytes; null when it is longer (the rest is not read). */
export async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | null> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

export async function fetchFeed(
  feedUrl: string,
  options: FetchFeedOptions,
  now: () => Date = () => new Date(),
): Promise<FetchOutcome> {
  let url = webUrl(feedUrl);
  if (url === null) return failed('NETWORK_ERROR', `"${feedUrl}" is not an http or https URL`);
  const maxRedirects = options.maxRedirects ?? MAX_REDIRECTS;
  const signal = AbortSignal.timeout(options.timeoutMs);
  const headers: Record<string, string> = { 'user-agent': options.userAgent, accept: ACCEPT };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  const seconds = `${options.timeoutMs / 1000} s`;
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await fetch(url, { headers, redirect: 'manual', signal });
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (location === null)
          return failed('HTTP_ERROR', `HTTP ${response.status} redirect without a Location header`);
        const next = webUrl(location, url.href);
        if (next === null)
          return failed(
            'HTTP_ERROR',
            `redirected to "${location}", which is not an http or https URL`,
          );
        if (redirects >= maxRedirects)
          return failed(
            'TOO_MANY_REDIRECTS',
            `more than ${maxRedirects} redirects (last to ${next.href})`,
          );
        url = next;
        continue;
      }
      const etag = response.headers.get('etag');
      const lastModified = response.headers.get('last-modified');
      if (response.status === 304)
        return {
          kind: 'not-modified',
          etag: etag ?? options.etag ?? null,
          lastModified: lastModified ?? options.lastModified ?? null,
        };
      if (!response.ok) {
        await response.body?.cancel();
        const wait = retryAfterMs(response.headers.get('retry-after'), now());
        return failed(
          'HTTP_ERROR',
          `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} from ${url.href}`,
          wait,
        );
      }
      const contentType = response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
      if (contentType !== '' && !FEED_CONTENT_TYPE.test(contentType)) {
        await response.body?.cancel();
        return failed(
          'NOT_A_FEED',
          `${url.href} answered with content type "${contentType}", not a feed`,
        );
      }
      const declared = Number(response.headers.get('content-length') ?? Number.NaN);
      // Content-Length counts encoded bytes; with gzip the decoded body is checked as it streams.
      if (!response.headers.has('content-encoding') && declared > options.maxBytes) {
        await response.body?.cancel();
        return failed(
          'TOO_LARGE',
          `the feed is ${declared} bytes; the limit is ${options.maxBytes}`,
        );
      }
      const content = await readCapped(response, options.maxBytes);
      if (content === null)
        return failed('TOO_LARGE', `the feed is larger than ${options.maxBytes} bytes`);
      return { kind: 'fetched', content, etag, lastModified, finalUrl: url.href };
    }
  } catch (error) {
    if (signal.aborted)
      return failed('TIMEOUT', `no complete answer from ${url.href} within ${seconds}`);
    return failed('NETWORK_ERROR', `${url.href}: ${describeError(error)}`);
  }
}
