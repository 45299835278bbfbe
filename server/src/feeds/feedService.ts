// Feed subscriptions at run time: add, remove, refresh, and the poller that refreshes every feed
// every FEED_REFRESH_MINUTES (with jitter, one feed at a time per host). Each poll goes through the
// import pipeline like a file: a feed that fails stores nothing, and its status says why, poll after
// poll, without ever throwing into the server. Episodes that leave a feed stay in the graph.
import type { FeedsConfig } from '../config.ts';
import { type FeedRecord, type FeedStatus, feedUrlSchema, newFeedRecord } from '../domain/feed.ts';
import { MAX_FEED_BYTES } from '../domain/feedLimits.ts';
import { decodeFeedBytes } from '../import/encoding.ts';
import { ImportError } from '../import/errors.ts';
import { importWithGuidIdentity } from '../import/guidIdentity.ts';
import { SerialQueue } from '../store/shared/serialQueue.ts';
import { InvalidImportBatchError } from '../store/shared/validateBatch.ts';
import type { GraphStore } from '../store/store.ts';
import { fetchFeed, type FetchFeedOptions, USER_AGENT } from './fetchFeed.ts';

export interface FeedServiceOptions {
  store: GraphStore;
  refreshMinutes: number;
  http: Omit<FetchFeedOptions, 'etag' | 'lastModified'>;
  now?: () => Date;
  /** In [0, 1): spreads polls so feeds added together do not stay in lockstep. */
  random?: () => number;
  log?: (line: string) => void;
}

/** Polls land within ±10% of the refresh interval. */
const JITTER = 0.1;
/** How often the poller looks for due feeds, at most. */
const TICK_MS = 30_000;
const MAX_ERROR_LENGTH = 2000;

export class FeedUrlError extends Error {
  override name = 'FeedUrlError';
}

function hostOf(url: string): string {
  return new URL(url).host;
}

/** The import problems as one line, cut to what a status field holds. */
function errorLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

export class FeedService {
  readonly #store: GraphStore;
  readonly #options: FeedServiceOptions;
  readonly #now: () => Date;
  readonly #random: () => number;
  readonly #log: (line: string) => void;
  readonly #hostQueues = new Map<string, SerialQueue>();
  readonly #inFlight = new Map<string, Promise<FeedRecord | null>>();
  #timer: NodeJS.Timeout | undefined;

  constructor(options: FeedServiceOptions) {
    this.#store = options.store;
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
    this.#random = options.random ?? Math.random;
    this.#log = options.log ?? ((line) => console.error(line));
  }

  list(): Promise<FeedRecord[]> {
    return this.#store.listFeeds();
  }

  /** Subscribes to the urls not subscribed yet (FEEDS at start); the poller fetches them first. */
  async subscribe(urls: readonly string[]): Promise<void> {
    const known = new Set((await this.#store.listFeeds()).map((f) => f.url));
    for (const url of urls) {
      const checked = this.#checkUrl(url);
      if (!known.has(checked)) await this.#store.saveFeed(newFeedRecord(checked, this.#now()));
      known.add(checked);
    }
  }

  /** Subscribes (or keeps an existing subscription) and polls the feed at once. */
  async add(url: string): Promise<FeedRecord> {
    const checked = this.#checkUrl(url);
    const existing = (await this.#store.listFeeds()).find((f) => f.url === checked);
    if (!existing) await this.#store.saveFeed(newFeedRecord(checked, this.#now()));
    const polled = await this.poll(checked);
    if (polled === null)
      throw new FeedUrlError(`${checked} was removed while it was being fetched`);
    return polled;
  }

  /** The feed's episodes stay in the graph. */
  remove(url: string): Promise<boolean> {
    return this.#store.removeFeed(url);
  }

  /** Polls every feed now (one at a time per host, hosts side by side); the records afterwards. */
  async refreshAll(): Promise<FeedRecord[]> {
    const feeds = await this.#store.listFeeds();
    await Promise.all(feeds.map((feed) => this.poll(feed.url)));
    return this.#store.listFeeds();
  }

  /** Polls the feeds whose next check is due. */
  async pollDue(): Promise<void> {
    const now = this.#now().toISOString();
    const due = (await this.#store.listFeeds()).filter(
      (f) => f.nextCheckAt === null || f.nextCheckAt <= now,
    );
    await Promise.all(due.map((feed) => this.poll(feed.url)));
  }

  /**
   * Starts the poller: subscribes to `urls` (FEEDS) and polls due feeds right away, then whenever
   * they come due. A store that is down at start (Neo4j) is retried at every tick, never fatal.
   */
  start(urls: readonly string[] = []): void {
    if (this.#timer) return;
    let unsubscribed = urls.length > 0 ? [...urls] : null;
    const round = async () => {
      if (unsubscribed !== null) {
        await this.subscribe(unsubscribed);
        unsubscribed = null;
      }
      await this.pollDue();
    };
    const tick = () =>
      void round().catch((error: unknown) =>
        this.#log(`feeds: poll round failed: ${errorLine(error)}`),
      );
    const every = Math.min(TICK_MS, this.#options.refreshMinutes * 60_000);
    this.#timer = setInterval(tick, every);
    this.#timer.unref();
    tick();
  }

  /** Stops the poller and waits for polls under way. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await Promise.allSettled([...this.#inFlight.values()]);
  }

  /**
   * Fetches and imports one feed and records what happened; a poll of a feed already being polled
   * joins it. null when the feed is (or became) unsubscribed.
   */
  poll(url: string): Promise<FeedRecord | null> {
    const running = this.#inFlight.get(url);
    if (running) return running;
    const host = hostOf(url);
    const queue = this.#hostQueues.get(host) ?? new SerialQueue();
    this.#hostQueues.set(host, queue);
    const task = queue.enqueue(() => this.#pollNow(url)).finally(() => this.#inFlight.delete(url));
    this.#inFlight.set(url, task);
    return task;
  }

  #checkUrl(url: string): string {
    const trimmed = url.trim();
    if (!feedUrlSchema.safeParse(trimmed).success) {
      throw new FeedUrlError(
        `"${trimmed.slice(0, 200)}" is not a feed URL: only http and https URLs (at most 2,048 characters)`,
      );
    }
    return trimmed;
  }

  #nextCheck(from: Date, retryAfterMs: number | null): string {
    const interval =
      this.#options.refreshMinutes * 60_000 * (1 - JITTER + 2 * JITTER * this.#random());
    return new Date(from.getTime() + Math.max(interval, retryAfterMs ?? 0)).toISOString();
  }

  async #pollNow(url: string): Promise<FeedRecord | null> {
    const feed = (await this.#store.listFeeds()).find((f) => f.url === url);
    if (!feed) return null;
    const checkedAt = this.#now();
    const outcome = await fetchFeed(
      url,
      { ...this.#options.http, etag: feed.etag, lastModified: feed.lastModified },
      this.#now,
    );
    let next: FeedRecord = { ...feed, lastCheckedAt: checkedAt.toISOString() };
    let retryAfter: number | null = null;
    if (outcome.kind === 'not-modified') {
      next = {
        ...next,
        lastStatus: 'NOT_MODIFIED',
        lastError: null,
        etag: outcome.etag,
        lastModified: outcome.lastModified,
      };
    } else if (outcome.kind === 'failed') {
      // Validators stay those of the last good fetch, so a fixed feed is fetched in full next time.
      next = { ...next, lastStatus: outcome.status, lastError: outcome.error };
      retryAfter = outcome.retryAfterMs;
    } else {
      next = await this.#imported(next, outcome.content, outcome.etag, outcome.lastModified);
    }
    next.nextCheckAt = this.#nextCheck(this.#now(), retryAfter);
    if (next.lastError !== null) this.#log(`feed ${url}: ${next.lastStatus}: ${next.lastError}`);
    // Unsubscribed while fetching: do not bring the subscription back.
    if (!(await this.#store.listFeeds()).some((f) => f.url === url)) return null;
    await this.#store.saveFeed(next);
    return next;
  }

  async #imported(
    feed: FeedRecord,
    bytes: Uint8Array,
    etag: string | null,
    lastModified: string | null,
  ): Promise<FeedRecord> {
    // The pipeline loads with the first fetched feed, not at start: most starts fetch none before they answer.
    const [{ importFetchedFeed }, { rssChannelTitle }] = await Promise.all([
      import('../import/pipeline.ts'),
      import('../import/readers/rss.ts'),
    ]);
    let status: FeedStatus = 'INVALID_FEED';
    try {
      const content = decodeFeedBytes(bytes);
      const { batch, warnings } = await importFetchedFeed(content, feed.url, this.#options.http);
      status = 'STORE_ERROR';
      const result = await importWithGuidIdentity(this.#store, batch);
      const changed = result.added.length + result.updated.length > 0;
      return {
        ...feed,
        title: rssChannelTitle(content)?.slice(0, 500) ?? feed.title,
        etag,
        lastModified,
        lastStatus: 'OK',
        // Transcripts or chapters files that could not be had: the feed is imported, and says so.
        lastError: warnings.length === 0 ? null : errorLine(warnings.join('; ')),
        episodeCount: batch.episodes.length,
        lastChangedAt: changed ? feed.lastCheckedAt : feed.lastChangedAt,
      };
    } catch (error) {
      const refused = error instanceof ImportError || error instanceof InvalidImportBatchError;
      return {
        ...feed,
        lastStatus: refused ? 'INVALID_FEED' : status,
        lastError: errorLine(error),
      };
    }
  }
}

/** The service as `npm start` runs it: FEED_* settings, the importer's 20 MB feed limit. */
export function feedServiceFor(store: GraphStore, config: FeedsConfig): FeedService {
  return new FeedService({
    store,
    refreshMinutes: config.refreshMinutes,
    http: { timeoutMs: config.timeoutMs, maxBytes: MAX_FEED_BYTES, userAgent: USER_AGENT },
  });
}
