// `npm run import -- https://…`: a feed URL fetched once, with the poller's HTTP client and limits,
// then parsed like a file. A fetch that fails is an ImportError naming the URL and saying why.
import { decodeFeedBytes } from '../import/encoding.ts';
import { ImportError } from '../import/errors.ts';
import { MAX_FEED_BYTES } from '../domain/feedLimits.ts';
import { importFeedContent } from '../import/pipeline.ts';
import type { ImportBatch } from '../domain/model.ts';
import { fetchFeed, USER_AGENT } from './fetchFeed.ts';

export function isFeedUrl(arg: string): boolean {
  return /^https?:\/\//i.test(arg);
}

export async function fetchFeedBatch(url: string, timeoutMs: number): Promise<ImportBatch> {
  const outcome = await fetchFeed(url, {
    timeoutMs,
    maxBytes: MAX_FEED_BYTES,
    userAgent: USER_AGENT,
  });
  if (outcome.kind === 'failed')
    throw new ImportError([{ file: url, message: `${outcome.status}: ${outcome.error}` }]);
  if (outcome.kind === 'not-modified')
    throw new ImportError([
      { file: url, message: 'answered 304 Not Modified to an unconditional request' },
    ]);
  try {
    return importFeedContent(decodeFeedBytes(outcome.content), { file: url });
  } catch (error) {
    throw error instanceof ImportError ? error.inFile(url) : error;
  }
}
