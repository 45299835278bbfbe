// Imports feed files as one import: all files or nothing. With several files, each is parsed on a
// worker thread while the store writes the ones before it (on 2 cores: the slower of the two, not
// their sum); a bad file means nothing is stored, and every file is still read so one error lists the
// problems of all of them.
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ImportBatch, ImportResult } from '../domain/model.ts';
import type { GraphStore } from '../store/store.ts';
import { ImportError, type ImportIssue } from './errors.ts';
import { eachWithStoredGuidIds } from './guidIdentity.ts';
import parseFeedFile, { type ParsedFeed } from './parseFeedWorker.ts';

export interface FileImportResult extends ImportResult {
  file: string;
}

/** The main thread runs the store's writes; the other cores parse. */
const PARSE_THREADS = Math.max(1, Math.min(4, availableParallelism() - 1));
/** Parsed batches waiting for the store: enough to keep it busy, few enough to bound memory. */
const PARSED_AHEAD = PARSE_THREADS + 1;

export async function importFiles(
  store: GraphStore,
  files: readonly string[],
): Promise<FileImportResult[]> {
  const results = await store.importBatches(eachWithStoredGuidIds(store, parsedInOrder(files)));
  return results.map((result, i) => ({ file: files[i]!, ...result }));
}

async function* parsedInOrder(files: readonly string[]): AsyncGenerator<ImportBatch> {
  // One file has nothing to overlap with: parsed here, its batch keeps the pipeline's validated seal.
  const pool =
    files.length > 1
      ? new Piscina<string, ParsedFeed>({
          filename: new URL('./parseFeedWorker.ts', import.meta.url).href,
          minThreads: PARSE_THREADS,
          maxThreads: PARSE_THREADS,
        })
      : undefined;
  const parse = (file: string) => (pool ? pool.run(file) : parseFeedFile(file));
  const pending: Promise<ParsedFeed>[] = [];
  let next = 0;
  const refill = () => {
    while (next < files.length && pending.length < PARSED_AHEAD)
      pending.push(parse(files[next++]!));
  };
  const issues: ImportIssue[] = [];
  try {
    refill();
    while (pending.length > 0) {
      const parsed = await pending.shift()!;
      refill();
      if (!parsed.ok) issues.push(...parsed.issues);
      else if (issues.length === 0) yield parsed.batch;
    }
    if (issues.length > 0) throw new ImportError(issues);
  } finally {
    // The store stopped early (a write failed): nobody waits for the files still being parsed.
    for (const task of pending) task.catch(() => undefined);
    await pool?.destroy();
  }
}
