// Opens the store's SQLite file with the settings durability depends on.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { ensureSchema } from './schema.ts';

export const DATABASE_FILE = 'papergraph.sqlite';

export function databasePath(dataDir: string): string {
  return join(resolve(dataDir), DATABASE_FILE);
}

export function openDatabase(dataDir: string): { db: DatabaseSync; path: string } {
  mkdirSync(resolve(dataDir), { recursive: true });
  const path = databasePath(dataDir);
  // A second process (a CLI import next to a running server) waits for the write lock instead of failing.
  const db = new DatabaseSync(path, { enableForeignKeyConstraints: true, timeout: 10_000 });
  try {
    // WAL + FULL: a COMMIT that returned is on disk, and a crash mid-transaction rolls back on reopen.
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA synchronous = FULL');
    ensureSchema(db, path);
  } catch (error) {
    db.close();
    throw error;
  }
  return { db, path };
}
