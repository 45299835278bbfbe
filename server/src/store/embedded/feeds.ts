// Feed subscriptions and guid lookups in the SQLite file (tables from schema.ts, version 2).
import type { DatabaseSync, StatementSync } from 'node:sqlite';

import { type FeedRecord, feedRecordSchema } from '../../domain/feed.ts';

interface FeedRow {
  url: string;
  added_at: string;
  title: string | null;
  etag: string | null;
  last_modified: string | null;
  last_checked_at: string | null;
  last_changed_at: string | null;
  last_status: string | null;
  last_error: string | null;
  episode_count: number;
  next_check_at: string | null;
}

function toFeedRecord(row: FeedRow): FeedRecord {
  return feedRecordSchema.parse({
    url: row.url,
    addedAt: row.added_at,
    title: row.title,
    etag: row.etag,
    lastModified: row.last_modified,
    lastCheckedAt: row.last_checked_at,
    lastChangedAt: row.last_changed_at,
    lastStatus: row.last_status,
    lastError: row.last_error,
    episodeCount: row.episode_count,
    nextCheckAt: row.next_check_at,
  });
}

export class FeedRows {
  readonly #list: StatementSync;
  readonly #save: StatementSync;
  readonly #remove: StatementSync;
  readonly #idsByGuids: StatementSync;

  /** Reads on the reading connection, writes on the writer (which the importer also uses, serially). */
  constructor(reader: DatabaseSync, writer: DatabaseSync) {
    this.#list = reader.prepare('SELECT * FROM feeds ORDER BY url');
    this.#save = writer.prepare(
      `INSERT OR REPLACE INTO feeds (url, added_at, title, etag, last_modified, last_checked_at, last_changed_at,
         last_status, last_error, episode_count, next_check_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#remove = writer.prepare('DELETE FROM feeds WHERE url = ?');
    this.#idsByGuids = reader.prepare(
      `SELECT json_extract(extras, '$.guid') AS guid, id FROM episodes
       WHERE json_extract(extras, '$.guid') IN (SELECT value FROM json_each(?))`,
    );
  }

  list(): FeedRecord[] {
    return (this.#list.all() as unknown as FeedRow[]).map(toFeedRecord);
  }

  save(feed: FeedRecord): void {
    const f = feedRecordSchema.parse(feed);
    this.#save.run(
      f.url,
      f.addedAt,
      f.title,
      f.etag,
      f.lastModified,
      f.lastCheckedAt,
      f.lastChangedAt,
      f.lastStatus,
      f.lastError,
      f.episodeCount,
      f.nextCheckAt,
    );
  }

  remove(url: string): boolean {
    return Number(this.#remove.run(url).changes) > 0;
  }

  episodeIdsByGuids(guids: readonly string[]): (string | null)[] {
    if (guids.length === 0) return [];
    const rows = this.#idsByGuids.all(JSON.stringify([...new Set(guids)])) as {
      guid: string;
      id: string;
    }[];
    const found = new Map(rows.map((row) => [row.guid, row.id]));
    return guids.map((guid) => found.get(guid) ?? null);
  }
}
