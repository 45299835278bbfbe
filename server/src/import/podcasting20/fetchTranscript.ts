// Fetches a podcast:transcript file under the rules feeds are fetched by (fetchFeed.ts): papergraph's
// User-Agent, one timeout over the whole exchange, at most 5 redirects and only to http/https, a cap
// on the decoded body. Transcripts have no validators to send, and their own content types. Never
// throws: a failure is a sentence saying what went wrong and where.
import {
  describeError,
  MAX_REDIRECTS,
  readCapped,
  USER_AGENT,
  webUrl,
} from '../../feeds/fetchFeed.ts';
import { ImportError } from '../errors.ts';
import type { TranscriptLink } from './podcastFeed.ts';
import {
  parseTranscript,
  transcriptFormat,
  type TranscriptCue,
  type TranscriptFormat,
} from './transcript.ts';

export interface FetchTranscriptOptions {
  timeoutMs: number;
  maxBytes: number;
  userAgent?: string;
}

export type TranscriptOutcome =
  | { kind: 'read'; format: TranscriptFormat; cues: TranscriptCue[]; finalUrl: string }
  | { kind: 'failed'; error: string };

/** What a transcript may be served as; object stores often send SRT and VTT as octet-stream. */
const TRANSCRIPT_CONTENT_TYPE =
  /^(?:text\/(?:vtt|srt|plain)|application\/(?:x-subrip|srt|json|octet-stream)|binary\/octet-stream)$/i;

const ACCEPT =
  'text/vtt, application/x-subrip, application/srt, application/json, text/plain;q=0.5, */*;q=0.1';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function failed(error: string): TranscriptOutcome {
  return { kind: 'failed', error };
}

/** The body of `url` after redirects, or why there is none. */
async function fetchBody(
  url: URL,
  options: FetchTranscriptOptions,
  signal: AbortSignal,
): Promise<{ body: Uint8Array; contentType: string; finalUrl: string } | { error: string }> {
  const headers = { 'user-agent': options.userAgent ?? USER_AGENT, accept: ACCEPT };
  for (let redirects = 0; ; redirects++) {
    const response = await fetch(url, { headers, redirect: 'manual', signal });
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      const location = response.headers.get('location');
      const next = location === null ? null : webUrl(location, url.href);
      if (next === null)
        return { error: `HTTP ${response.status} from ${url.href} redirects to no http(s) URL` };
      if (redirects >= MAX_REDIRECTS)
        return { error: `more than ${MAX_REDIRECTS} redirects (last to ${next.href})` };
      url = next;
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      return {
        error: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''} from ${url.href}`,
      };
    }
    const contentType = response.headers.get('content-type')?.split(';')[0]?.trim() ?? '';
    if (contentType !== '' && !TRANSCRIPT_CONTENT_TYPE.test(contentType)) {
      await response.body?.cancel();
      return {
        error: `${url.href} answered with content type "${contentType}", not a transcript`,
      };
    }
    const body = await readCapped(response, options.maxBytes);
    if (body === null)
      return { error: `the transcript is larger than ${options.maxBytes} bytes (${url.href})` };
    return { body, contentType, finalUrl: url.href };
  }
}

/** The cues of the transcript a podcast:transcript tag points at, or why they cannot be read. */
export async function fetchTranscript(
  link: TranscriptLink,
  options: FetchTranscriptOptions,
): Promise<TranscriptOutcome> {
  const url = webUrl(link.url);
  if (url === null) return failed(`"${link.url}" is not an http or https URL`);
  const signal = AbortSignal.timeout(options.timeoutMs);
  let fetched: Awaited<ReturnType<typeof fetchBody>>;
  try {
    fetched = await fetchBody(url, options, signal);
  } catch (error) {
    if (signal.aborted)
      return failed(`no complete answer from ${url.href} within ${options.timeoutMs / 1000} s`);
    return failed(`${url.href}: ${describeError(error)}`);
  }
  if ('error' in fetched) return failed(fetched.error);
  let text: string;
  try {
    text = strictUtf8.decode(fetched.body);
  } catch {
    return failed(`${fetched.finalUrl} is not UTF-8 text`);
  }
  const format = transcriptFormat(link.type, text) ?? transcriptFormat(fetched.contentType, text);
  if (format === null)
    return failed(
      `${fetched.finalUrl}: type "${link.type}" is not a transcript format papergraph reads (SRT, WebVTT, JSON)`,
    );
  try {
    return {
      kind: 'read',
      format,
      cues: parseTranscript(format, text),
      finalUrl: fetched.finalUrl,
    };
  } catch (error) {
    if (error instanceof ImportError) return failed(`${fetched.finalUrl}: ${error.message}`);
    throw error;
  }
}
