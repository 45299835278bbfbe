// Fetches a file a feed item points at (a transcript, a chapters file) under the rules feeds are
// fetched by (feeds/httpGet.ts): papergraph's User-Agent, one timeout over the whole exchange, at
// most 5 redirects and only to http/https, a cap on the decoded body; each kind its own content
// types. A file fetched before with an ETag or Last-Modified is asked for conditionally, and a 304
// reuses the body kept (podcastFileCache.ts). Never throws: a failure is a sentence naming the URL.
import { httpGet } from '../../feeds/httpGet.ts';
import { type PodcastFileCache, podcastFileCache } from './podcastFileCache.ts';

export interface FetchPodcastFileOptions {
  timeoutMs: number;
  maxBytes: number;
  userAgent?: string;
  /** Where fetched files are kept for conditional GETs; the process's cache when absent. */
  cache?: PodcastFileCache;
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
  const { cache = podcastFileCache, ...http } = options;
  // The kind's Accept is part of the key: the same URL asked for as another kind may answer otherwise.
  const key = `${kind.accept}\n${rawUrl}`;
  const cached = cache.get(key);
  const fetched = await httpGet(rawUrl, {
    what: kind.name,
    accept: kind.accept,
    contentTypes: kind.contentTypes,
    ...http,
    etag: cached?.etag ?? null,
    lastModified: cached?.lastModified ?? null,
  });
  if (fetched.kind === 'not-modified') {
    // Only a conditional GET is answered so, and only a kept file makes one.
    const kept = cached!;
    cache.set(key, { ...kept, etag: fetched.etag, lastModified: fetched.lastModified });
    return {
      kind: 'fetched',
      text: kept.text,
      contentType: kept.contentType,
      finalUrl: kept.finalUrl,
    };
  }
  // A failure keeps what is kept: a server down for a poll need not send the file again after.
  if (fetched.kind === 'failed') return { kind: 'failed', error: fetched.error };
  try {
    const text = strictUtf8.decode(fetched.content);
    const { contentType, finalUrl, etag, lastModified } = fetched;
    cache.set(key, { etag, lastModified, text, contentType, finalUrl });
    return { kind: 'fetched', text, contentType, finalUrl };
  } catch {
    cache.delete(key);
    return { kind: 'failed', error: `${fetched.finalUrl} is not UTF-8 text` };
  }
}
