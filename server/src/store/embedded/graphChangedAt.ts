// When the graph tables (episodes, papers, citations) last changed: one row, stamped inside every
// transaction that changes them, so it commits or rolls back with them. A table of its own, created on
// open when missing: an existing DATA_DIR gains it (empty: its past changes were never timed) and an
// older papergraph opening the file reads nothing it does not know.
import type { DatabaseSync } from 'node:sqlite';

export function ensureGraphChangedAt(db: DatabaseSync): void {
  db.exec(
    `CREATE TABLE IF NOT EXISTS graph_changed_at (only INTEGER PRIMARY KEY CHECK (only = 1), at TEXT NOT NULL)`,
  );
}

/** ISO-8601 UTC time of the last committed change; null when none was recorded. */
export function graphChangedAtReader(db: DatabaseSync): () => string | null {
  const read = db.prepare('SELECT at FROM graph_changed_at');
  return () => (read.get() as { at: string } | undefined)?.at ?? null;
}

/** Stamps now, to run inside the transaction that changes the graph tables. */
export function graphChangedAtStamp(db: DatabaseSync): () => void {
  const stamp = db.prepare(
    'INSERT INTO graph_changed_at (only, at) VALUES (1, ?) ON CONFLICT (only) DO UPDATE SET at = excluded.at',
  );
  return () => void stamp.run(new Date().toISOString());
}
