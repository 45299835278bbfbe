// Fetches a file a feed item points at (a transcript, a chapters file) under the rules feeds are
// fetched by (feeds/httpGet.ts): papergraph's User-Agent, one timeout over the whole exchange, at
// most 5 redirects and only to http/https, a cap on the decoded body. These files have no validators
// to send, and each kind its own content types. Never throws: a failure is a sentence naming the URL.
import { httpGet } from '../../feeds/httpGet.ts';

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

/** The text of the file at `rawUrl`, or why there is none. */
export async function fetchPodcastFile(
  rawUrl: string,
  kind: PodcastFileKind,
  options: FetchPodcastFileOptions,
): Promise<PodcastFileOutcome> {
  const fetched = await httpGet(rawUrl, {
    what: kind.name,
    accept: kind.accept,
    contentTypes: kind.contentTypes,
    ...options,
  });
  if (fetched.kind === 'failed') return { kind: 'failed', error: fetched.error };
  try {
    const text = strictUtf8.decode(fetched.content);
    return { kind: 'fetched', text, contentType: fetched.contentType, finalUrl: fetched.finalUrl };
  } catch {
    return { kind: 'failed', error: `${fetched.finalUrl} is not UTF-8 text` };
  }
}
