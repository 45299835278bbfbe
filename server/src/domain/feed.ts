// A feed subscription: what papergraph polls, with the HTTP validators of the last fetch and what
// the last poll did. Both stores keep these durably (subscriptions survive a restart).
import { z } from 'zod';

import { MAX_URL_LENGTH } from '../ids/webUrl.ts';

export const FEED_STATUSES = [
  /** Fetched and imported (added or updated episodes, or nothing new). */
  'OK',
  /** 304: nothing changed since the stored ETag / Last-Modified. */
  'NOT_MODIFIED',
  'HTTP_ERROR',
  'TIMEOUT',
  'TOO_LARGE',
  'TOO_MANY_REDIRECTS',
  'NOT_A_FEED',
  /** Fetched, but the import pipeline refused it (nothing stored). */
  'INVALID_FEED',
  'NETWORK_ERROR',
  /** Fetched and valid, but the store could not take it (nothing stored). */
  'STORE_ERROR',
] as const;
export type FeedStatus = (typeof FEED_STATUSES)[number];

const isoInstant = z.iso.datetime();

/**
 * A feed the operator subscribes to (admin token): any http(s) URL, IP addresses and loopback included
 * (a podcast's feed may live on the same network). Papers' links stay web links only (model.ts).
 */
export const feedUrlSchema = z.url({ protocol: /^https?$/ }).max(MAX_URL_LENGTH);

export const feedRecordSchema = z.object({
  url: feedUrlSchema,
  addedAt: isoInstant,
  /** The channel's <title>, from the last good fetch. */
  title: z.string().min(1).max(500).nullable(),
  etag: z.string().max(1024).nullable(),
  lastModified: z.string().max(200).nullable(),
  lastCheckedAt: isoInstant.nullable(),
  /** When a poll last added or updated an episode. */
  lastChangedAt: isoInstant.nullable(),
  lastStatus: z.enum(FEED_STATUSES).nullable(),
  lastError: z.string().max(2000).nullable(),
  /** Items in the feed at the last good fetch (episodes that left the feed stay in the graph). */
  episodeCount: z.number().int().nonnegative(),
  nextCheckAt: isoInstant.nullable(),
});
export type FeedRecord = z.infer<typeof feedRecordSchema>;

export function newFeedRecord(url: string, now: Date): FeedRecord {
  return {
    url,
    addedAt: now.toISOString(),
    title: null,
    etag: null,
    lastModified: null,
    lastCheckedAt: null,
    lastChangedAt: null,
    lastStatus: null,
    lastError: null,
    episodeCount: 0,
    nextCheckAt: null,
  };
}
