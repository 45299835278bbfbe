// One process owns a DATA_DIR. The store mirrors the SQLite file in memory, so a second process writing
// to it (a CLI import while the server runs) would leave the first one serving stale answers.
// A lock file holding the owner's pid; a lock whose process is gone (kill -9, power loss) is taken over.
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { StoreInUseError } from '../errors.ts';
import { processIsRunning } from '../shared/processIsRunning.ts';

const LOCK_FILE = 'papergraph.lock';

function inUse(dataDir: string, pid: number): StoreInUseError {
  return new StoreInUseError(
    `DATA_DIR ${dataDir} is in use by another papergraph process (pid ${pid}). Stop it first, or import ` +
      `through its API (the importFeed mutation). If no such process runs, delete ${join(dataDir, LOCK_FILE)}.`,
  );
}

/** Takes the DATA_DIR for this process (re-entrant within it); `release` gives it back. */
export function lockDataDir(dataDir: string): { release(): void } {
  const path = join(dataDir, LOCK_FILE);
  const mine = String(process.pid);
  try {
    writeFileSync(path, mine, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number.parseInt(readFileSync(path, 'utf8'), 10);
    if (Number.isInteger(owner) && owner !== process.pid && processIsRunning(owner))
      throw inUse(dataDir, owner);
    writeFileSync(path, mine);
  }
  return {
    release() {
      try {
        if (readFileSync(path, 'utf8') === mine) unlinkSync(path);
      } catch {
        // already gone: nothing to give back
      }
    },
  };
}
