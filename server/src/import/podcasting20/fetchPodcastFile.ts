// Fetches a file a feed item points at (a transcript, a chapters file) under the rules feeds are
// fetched by (fetchFeed.ts): papergraph's User-Agent, one timeout over the whole exchange, at most 5
// redirects and only to http/https, a cap on the decoded body. These files have no validators to
// send, and each kind its own content types. Never throws: a failure is a sentence naming the URL.
import {
  describeError,
  MAX_REDIRECTS,
  readCapped,
  USER_AGENT,
  webUrl,
} from '../../feeds/fetchFeed.ts';

export interface FetchPodcastFileOptions {
  timeoutMs: number;
  maxBytes: number;
  userAgent?: string;
}

/** What kind of file is fetched: its name in messages, the content types it may come as. */
export interface PodcastFileKind {
  name: string;
  contentTypes: RegExp;
  accept: string;
}

export type PodcastFileOutcome =
  | { kind: 'fetched'; text: string; contentType: string; finalUrl: string }
  | { kind: 'failed'; error: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function failed(error: string): PodcastFileOutcome {
  return { kind: 'failed', error };
}

async function fetchBody(
  url: URL,
  kind: PodcastFileKind,
  options: FetchPodcastFileOptions,
  signal: AbortSignal,
): Promise<{ body: Uint8Array; contentType: string; finalUrl: string } | { error: string }> {
  const headers = { 'user-agent': options.userAgent ?? USER_AGENT, accept: kind.accept };
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
    if (contentType !== '' && !kind.contentTypes.test(contentType)) {
      await response.body?.cancel();
      return {
        error: `${url.href} answered with content type "${contentType}", not a ${kind.name}`,
      };
    }
    const body = await readCapped(response, options.maxBytes);
    if (body === null)
      return { error: `the ${kind.name} is larger than ${options.maxBytes} bytes (${url.href})` };
    return { body, contentType, finalUrl: url.href };
  }
}

/** The text of the file at `rawUrl`, or why there is none. */
export async function fetchPodcastFile(
  rawUrl: string,
  kind: PodcastFileKind,
  options: FetchPodcastFileOptions,
): Promise<PodcastFileOutcome> {
  const url = webUrl(rawUrl);
  if (url === null) return failed(`"${rawUrl}" is not an http or https URL`);
  const signal = AbortSignal.timeout(options.timeoutMs);
  let fetched: Awaited<ReturnType<typeof fetchBody>>;
  try {
    fetched = await fetchBody(url, kind, options, signal);
  } catch (error) {
    if (signal.aborted)
      return failed(`no complete answer from ${url.href} within ${options.timeoutMs / 1000} s`);
    return failed(`${url.href}: ${describeError(error)}`);
  }
  if ('error' in fetched) return failed(fetched.error);
  try {
    const text = strictUtf8.decode(fetched.body);
    return { kind: 'fetched', text, contentType: fetched.contentType, finalUrl: fetched.finalUrl };
  } catch {
    return failed(`${fetched.finalUrl} is not UTF-8 text`);
  }
}
