// One line per subscribed feed for /health: a failing feed stays visible there, poll after poll.
import type { FeedRecord } from '../domain/feed.ts';
import type { GraphStore } from '../store/store.ts';

function feedHealthLine(feed: FeedRecord): string {
  if (feed.lastCheckedAt === null) return `${feed.url}: not fetched yet`;
  const why = feed.lastError === null ? '' : ` (${feed.lastError})`;
  const changed =
    feed.lastChangedAt === null
      ? 'never changed the graph'
      : `last changed the graph ${feed.lastChangedAt}`;
  const next = feed.nextCheckAt === null ? '' : `, next check ${feed.nextCheckAt}`;
  return `${feed.url}: ${feed.lastStatus}${why}, checked ${feed.lastCheckedAt}, ${feed.episodeCount} episodes in the feed, ${changed}${next}`;
}

/** `{ feeds: [...] }` for the health document; feeds are reported, never a reason for a 503. */
export async function feedsHealth(
  store: GraphStore,
): Promise<{ feeds: string[] } | Record<string, never>> {
  try {
    return { feeds: (await store.listFeeds()).map(feedHealthLine) };
  } catch {
    return {};
  }
}
