// `npm run import -- https://…`: a feed URL fetched once, with the poller's HTTP client and limits,
// then parsed like a file, its items'
// transcripts and chapters files fetched under the same rules. A fetch that fails is an ImportError naming the URL and saying why.
import { MAX_FEED_BYTES } from '../domain/feedLimits.ts';
import type { ImportBatch } from '../domain/model.ts';
import { decodeFeedBytes } from '../import/encoding.ts';
import { ImportError } from '../import/errors.ts';
import { importFetchedFeed } from '../import/pipeline.ts';
import { fetchFeed, USER_AGENT } from './fetchFeed.ts';

export function isFeedUrl(arg: string): boolean {
  return /^https?:\/\//i.test(arg);
}

/**
 * The batch of the feed at `url`, its items' transcripts and chapters fetched too; a file that
 * cannot be had is a `warn`ed line (the CLI's stderr), not a refused feed.
 */
export async function fetchFeedBatch(
  url: string,
  timeoutMs: number,
  warn: (line: string) => void = (line) => console.error(line),
): Promise<ImportBatch> {
  const http = { timeoutMs, maxBytes: MAX_FEED_BYTES, userAgent: USER_AGENT };
  const outcome = await fetchFeed(url, http);
  if (outcome.kind === 'failed')
    throw new ImportError([{ file: url, message: `${outcome.status}: ${outcome.error}` }]);
  if (outcome.kind === 'not-modified')
    throw new ImportError([
      { file: url, message: 'answered 304 Not Modified to an unconditional request' },
    ]);
  try {
    const { batch, warnings } = await importFetchedFeed(
      decodeFeedBytes(outcome.content),
      url,
      http,
    );
    for (const warning of warnings) warn(`${url}: ${warning}`);
    return batch;
  } catch (error) {
    throw error instanceof ImportError ? error.inFile(url) : error;
  }
}
