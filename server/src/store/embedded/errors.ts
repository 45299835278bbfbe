// SQLite failures the API can explain to a person, mapped to the store-neutral errors.
import { StoreBusyError } from '../errors.ts';

/** SQLite result codes that mean "another writer holds the database" (SQLITE_BUSY, SQLITE_LOCKED). */
const SQLITE_BUSY_CODES = new Set([5, 6]);

function isSqliteBusy(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  // Extended result codes keep the primary code in their low byte.
  return (
    code === 'ERR_SQLITE_ERROR' &&
    typeof errcode === 'number' &&
    SQLITE_BUSY_CODES.has(errcode & 0xff)
  );
}

/** The store error for a SQLite failure, or the error itself when it is not one we can explain. */
export function toStoreError(error: unknown): unknown {
  if (!isSqliteBusy(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new StoreBusyError(`SQLite is busy with another writer: ${detail}`, { cause: error });
}

/** Runs `work`, rethrowing SQLite failures as store errors. */
export async function mappingStoreErrors<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toStoreError(error);
  }
}
