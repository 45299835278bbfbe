// One GET under papergraph's HTTP rules, for feeds and for the files their items point at: a
// User-Agent naming papergraph, one timeout over the whole exchange (redirects and body included),
// at most 5 redirects and only to http/https, the content types the caller reads, a cap on the
// decoded body (gzip/deflate are decoded by Node's fetch), a conditional GET when the caller has
// validators, and Retry-After passed back. Never throws: every failure is an outcome with a status
// and a sentence naming the URL.
import type { FeedStatus } from '../domain/feed.ts';

const MAX_REDIRECTS = 5;

export const USER_AGENT = 'papergraph/0.1 (podcast paper graph; feed poller)';

export interface HttpGetRequest {
  /** What is fetched, as messages name it: `feed`, `transcript`. */
  what: string;
  accept: string;
  /** The content types (without parameters) the body may come as; an absent one is let through. */
  contentTypes: RegExp;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  userAgent?: string;
  /** The ETag and Last-Modified of the last good fetch, for a conditional GET. */
  etag?: string | null;
  lastModified?: string | null;
}

export type HttpGetOutcome =
  | {
      kind: 'fetched';
      content: Uint8Array;
      contentType: string;
      etag: string | null;
      lastModified: string | null;
      finalUrl: string;
    }
  /** Only for a conditional GET; without validators a 304 is an HTTP error like any other. */
  | { kind: 'not-modified'; etag: string | null; lastModified: string | null }
  | {
      kind: 'failed';
      status: Exclude<FeedStatus, 'OK' | 'NOT_MODIFIED' | 'INVALID_FEED' | 'STORE_ERROR'>;
      error: string;
      retryAfterMs: number | null;
    };

type Failed = Extract<HttpGetOutcome, { kind: 'failed' }>;

function failed(
  status: Failed['status'],
  error: string,
  retryAfterMs: number | null = null,
): Failed {
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

function webUrl(location: string, base?: string): URL | null {
  try {
    const url = new URL(location, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The body, up to `maxBytes` decoded bytes; null when it is longer (the rest is not read). */
async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array | null> {
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

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

/** Without validators there is nothing to be not modified since: fetched or failed. */
export function httpGet(
  rawUrl: string,
  request: HttpGetRequest & { etag?: never; lastModified?: never },
): Promise<Exclude<HttpGetOutcome, { kind: 'not-modified' }>>;
export function httpGet(
  rawUrl: string,
  request: HttpGetRequest,
  now?: () => Date,
): Promise<HttpGetOutcome>;
export async function httpGet(
  rawUrl: string,
  request: HttpGetRequest,
  now: () => Date = () => new Date(),
): Promise<HttpGetOutcome> {
  const first = webUrl(rawUrl);
  if (first === null) return failed('NETWORK_ERROR', `"${rawUrl}" is not an http or https URL`);
  let url = first;
  const signal = AbortSignal.timeout(request.timeoutMs);
  try {
    return await follow();
  } catch (error) {
    if (signal.aborted)
      return failed(
        'TIMEOUT',
        `no complete answer from ${url.href} within ${request.timeoutMs / 1000} s`,
      );
    return failed('NETWORK_ERROR', `${url.href}: ${describeError(error)}`);
  }

  async function follow(): Promise<HttpGetOutcome> {
    const { what, maxBytes } = request;
    const maxRedirects = request.maxRedirects ?? MAX_REDIRECTS;
    const conditional = Boolean(request.etag || request.lastModified);
    const headers: Record<string, string> = {
      'user-agent': request.userAgent ?? USER_AGENT,
      accept: request.accept,
    };
    if (request.etag) headers['if-none-match'] = request.etag;
    if (request.lastModified) headers['if-modified-since'] = request.lastModified;
    for (let redirects = 0; ; redirects++) {
      const response = await fetch(url, { headers, redirect: 'manual', signal });
      const { status } = response;
      if (status >= 300 && status < 400 && status !== 304) {
        await response.body?.cancel();
        const location = response.headers.get('location');
        if (location === null)
          return failed('HTTP_ERROR', `HTTP ${status} from ${url.href} without a Location header`);
        const next = webUrl(location, url.href);
        if (next === null)
          return failed(
            'HTTP_ERROR',
            `${url.href} redirected to "${location}", which is not an http or https URL`,
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
      if (status === 304 && conditional)
        return {
          kind: 'not-modified',
          etag: etag ?? request.etag ?? null,
          lastModified: lastModified ?? request.lastModified ?? null,
        };
      if (!response.ok) {
        await response.body?.cancel();
        const statusText = response.statusText ? ` ${response.statusText}` : '';
        return failed(
          'HTTP_ERROR',
          `HTTP ${status}${statusText} from ${url.href}`,
          retryAfterMs(response.headers.get('retry-after'), now()),
        );
      }
      const contentType = response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
      if (contentType !== '' && !request.contentTypes.test(contentType)) {
        await response.body?.cancel();
        return failed(
          'NOT_A_FEED',
          `${url.href} answered with content type "${contentType}", not a ${what}`,
        );
      }
      const declared = Number(response.headers.get('content-length') ?? Number.NaN);
      // Content-Length counts encoded bytes; with gzip the decoded body is checked as it streams.
      if (!response.headers.has('content-encoding') && declared > maxBytes) {
        await response.body?.cancel();
        return failed(
          'TOO_LARGE',
          `the ${what} is ${declared} bytes; the limit is ${maxBytes} (${url.href})`,
        );
      }
      const content = await readCapped(response, maxBytes);
      if (content === null)
        return failed('TOO_LARGE', `the ${what} is larger than ${maxBytes} bytes (${url.href})`);
      return { kind: 'fetched', content, contentType, etag, lastModified, finalUrl: url.href };
    }
  }
}
