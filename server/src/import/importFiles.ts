// Imports feed files as one import: all files or nothing. With several files, each is parsed on a
// worker thread while the store writes the ones before it (on 2 cores: the slower of the two, not
// their sum); a bad file means nothing is stored, and every file is still read so one error lists the
// problems of all of them. The same workers then count each parsed batch's episode texts for the
// relations the store keeps at the end of the import (relations/countedTexts.ts), while the store
// writes: the importing thread finds them counted instead of tokenizing them itself.
import { availableParallelism } from 'node:os';

import { Piscina } from 'piscina';

import type { ImportBatch, ImportResult } from '../domain/model.ts';
import { lendTextCounter, offerCountedBatch } from '../relations/countedTexts.ts';
import { episodeParts } from '../relations/episodeDocument.ts';
import type { CountedBatch } from '../relations/terms.ts';
import {
  relationKeepingChannel,
  type RelationKeepingTime,
} from '../store/shared/relationKeeper.ts';
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
  const withdrawals: (() => void)[] = [];
  const titles = new Map<string, string>();
  // One file has nothing to overlap with: parsed here, its batch keeps the pipeline's validated seal.
  const pool =
    files.length > 1
      ? new Piscina<unknown, unknown>({
          filename: new URL('./parseFeedWorker.ts', import.meta.url).href,
          minThreads: PARSE_THREADS,
          maxThreads: PARSE_THREADS,
        })
      : undefined;
  // Until the store has kept its relations: the texts a later file retitled are counted there.
  const stopLending = pool
    ? lendTextCounter((texts) => pool.run(texts, { name: 'countTexts' }) as Promise<CountedBatch>)
    : () => undefined;
  try {
    const results = await store.importBatches(
      eachWithStoredGuidIds(store, parsedInOrder(pool, files, withdrawals, titles)),
    );
    return results.map((result, i) => ({ file: files[i]!, ...result }));
  } finally {
    stopLending();
    // The store has kept its relations by now: the counted texts served their one import.
    for (const withdraw of withdrawals) withdraw();
    await pool?.destroy();
  }
}

/** Each episode's text as the relations will read it, with the paper titles known so far. */
function episodeTexts(batch: ImportBatch, titles: ReadonlyMap<string, string>): string[][] {
  return batch.episodes.map((episode) => episodeParts(episode, (id) => titles.get(id) ?? null));
}

/**
 * Counts texts on the pool and offers them to the relations; a batch left uncounted (a worker
 * failed) is tokenized by the store instead: same terms, more time.
 */
function countAhead(
  pool: Piscina<unknown, unknown>,
  texts: readonly (readonly string[])[],
  withdrawals: (() => void)[],
): Promise<void> {
  const counted = pool.run(texts, { name: 'countTexts' }) as Promise<CountedBatch>;
  return counted.then(
    (batch) => void withdrawals.push(offerCountedBatch(batch)),
    () => undefined,
  );
}

async function* parsedInOrder(
  pool: Piscina<unknown, unknown> | undefined,
  files: readonly string[],
  withdrawals: (() => void)[],
  titles: Map<string, string>,
): AsyncGenerator<ImportBatch> {
  const counting: Promise<void>[] = [];
  // Whether a file parsed so far had problems: nothing is counted after it.
  let failed = false;
  let parsedBefore: Promise<unknown> = Promise.resolve();
  const parse = (file: string): Promise<ParsedFeed> => {
    if (!pool) return parseFeedFile(file);
    // Counted as soon as parsed, in file order (a text names the papers of the files up to its
    // own), not when the store takes the file: the worker counts while the store still writes
    // the files before, instead of idling and leaving the counting to the end.
    const parsed = Promise.all([pool.run(file) as Promise<ParsedFeed>, parsedBefore]).then(
      ([feed]) => {
        if (!feed.ok) failed = true;
        else if (!failed) {
          for (const paper of feed.batch.papers) {
            if (paper.title !== null) titles.set(paper.id, paper.title);
          }
          // A text a later file changes (it titles a paper the text names) is read again by the
          // store at the end and counted then, on the pool it lends (holding every file's
          // episodes to count them here would hold the whole feed).
          counting.push(countAhead(pool, episodeTexts(feed.batch, titles), withdrawals));
        }
        return feed;
      },
    );
    parsedBefore = parsed.catch(() => undefined);
    return parsed;
  };
  const pending: Promise<ParsedFeed>[] = [];
  let next = 0;
  let completed = false;
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
    completed = true;
  } finally {
    // The store stopped early (a write failed): nobody waits for the files still being parsed.
    for (const task of pending) task.catch(() => undefined);
    // Done: the store keeps its relations next, with the texts counted. Waiting for them is
    // relation work: reported as such, so the bench does not count it as the import's own.
    if (completed) {
      const started = performance.now();
      await Promise.all(counting);
      if (relationKeepingChannel.hasSubscribers) {
        const time: RelationKeepingTime = {
          episodes: 0,
          milliseconds: performance.now() - started,
        };
        relationKeepingChannel.publish(time);
      }
    }
  }
}
