// Fetches one feed over HTTP the way a polite feed reader does (httpGet.ts: conditional GET with the
// validators of the last fetch, one timeout, a size cap, at most 5 redirects), asking for and
// accepting the types a feed is served as. Never throws: every failure is an outcome with a status
// and a sentence saying why.
import { httpGet, type HttpGetOutcome } from './httpGet.ts';

export { USER_AGENT } from './httpGet.ts';

export interface FetchFeedOptions {
  /** The ETag and Last-Modified of the last good fetch. */
  etag?: string | null;
  lastModified?: string | null;
  timeoutMs: number;
  maxBytes: number;
  maxRedirects?: number;
  userAgent: string;
}

export type FetchOutcome = HttpGetOutcome;

/** What a feed (RSS, Atom, the podcast page as text, papergraph's JSON export) may be served as. */
const FEED_CONTENT_TYPE =
  /^(?:application\/(?:rss\+xml|atom\+xml|rdf\+xml|xml|x-rss\+xml|json)|text\/(?:xml|plain))$/i;

const ACCEPT =
  'application/rss+xml, application/xml;q=0.9, text/xml;q=0.9, text/plain;q=0.5, application/json;q=0.5';

export function fetchFeed(
  feedUrl: string,
  options: FetchFeedOptions,
  now: () => Date = () => new Date(),
): Promise<FetchOutcome> {
  return httpGet(
    feedUrl,
    { what: 'feed', accept: ACCEPT, contentTypes: FEED_CONTENT_TYPE, ...options },
    now,
  );
}
