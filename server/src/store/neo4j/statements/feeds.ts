// Feed subscriptions.
import type { FeedRecord } from '../../../domain/feed.ts';
import { cypher } from './declare.ts';

export const FEEDS_CYPHER = {
  listFeeds: cypher(`MATCH (f:Feed)
RETURN f {.url, .addedAt, .title, .etag, .lastModified, .lastCheckedAt, .lastChangedAt, .lastStatus, .lastError,
          .episodeCount, .nextCheckAt} AS feed
ORDER BY f.url`),

  saveFeed: cypher<{ feed: FeedRecord }>(`MERGE (f:Feed {url: $feed.url})
SET f += $feed
RETURN f.url AS url`),

  removeFeed: cypher<{ url: string }>(`MATCH (f:Feed {url: $url})
DELETE f
RETURN count(*) AS removed`),
} as const;
