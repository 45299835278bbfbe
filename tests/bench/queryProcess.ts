// The in-process query rows, taken in a fresh child process (queryWorker.ts) on an imported store.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import type { QuerySample } from './queryRows.ts';
import type { Row } from './report.ts';

const QUERY_WORKER = fileURLToPath(new URL('./queryWorker.ts', import.meta.url));

/** Opens the store in `dataDir` in a child process and returns its query rows and the sample it used. */
export function runQueryWorker(
  dataDir: string,
  quick: boolean,
): { rows: Row[]; sample: QuerySample } {
  const child = spawnSync(process.execPath, [QUERY_WORKER, dataDir, quick ? '1' : '0'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (child.status !== 0)
    throw new Error(`query worker failed (${child.status}):\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as {
    rows: Row[];
    sample: QuerySample;
  };
}
