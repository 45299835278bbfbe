// Which committed state of the graph tables (episodes, papers, citations) a graph file reflects: a
// random token replaced inside every transaction that changes them, so it commits or rolls back with
// them. Random rather than a counter: a restored backup that then takes other imports must not match a
// file written on the other timeline, nor a file copied from another DATA_DIR.
import type { DatabaseSync } from 'node:sqlite';

const NEW_TOKEN = 'lower(hex(randomblob(16)))';

/** Created on open when missing (an existing DATA_DIR gets a token and, at first, no matching file). */
export function ensureGraphVersion(db: DatabaseSync): void {
  db.exec(`CREATE TABLE IF NOT EXISTS graph_version (only INTEGER PRIMARY KEY CHECK (only = 1), token TEXT NOT NULL);
           INSERT OR IGNORE INTO graph_version (only, token) VALUES (1, ${NEW_TOKEN});`);
}

export function readGraphVersion(db: DatabaseSync): string {
  return (db.prepare('SELECT token FROM graph_version').get() as { token: string }).token;
}

/** A new token, to run inside the transaction that changes the graph tables. */
export function graphVersionBump(db: DatabaseSync): () => void {
  const bump = db.prepare(`UPDATE graph_version SET token = ${NEW_TOKEN}`);
  return () => void bump.run();
}
