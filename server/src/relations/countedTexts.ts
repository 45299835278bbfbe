// Episode texts counted ahead, off the importing thread: a multi-file import counts each parsed
// batch's texts on its parse worker (import/parseFeedWorker.ts) and offers them here by the hash of
// each text; the relation keeper takes them instead of tokenizing the same text again. Keyed by the
// text alone (a text's counted terms depend on nothing else), so an episode whose id or paper titles
// the store changes is simply not found, and tokenized where it is needed. No wink-nlp here: the
// importing side loads nothing it may not use.
import type { CountedBatch } from './terms.ts';

export interface OfferedText {
  batch: CountedBatch;
  at: number;
}

const offered = new Map<string, OfferedText>();

/** Counts texts, each given as its sections, on another thread. */
export type TextCounter = (texts: readonly (readonly string[])[]) => Promise<CountedBatch>;

let lentCounter: TextCounter | null = null;

/**
 * Lends the counter of an import in progress (its parse workers, whose tokenizers have seen the
 * feed's pieces of text) until the returned function is called: texts the store finds uncounted
 * at the end (a later file retitled a paper they name) are counted there rather than here.
 */
export function lendTextCounter(counter: TextCounter): () => void {
  lentCounter = counter;
  return () => {
    if (lentCounter === counter) lentCounter = null;
  };
}

/** The counter an import lends now, if any. */
export function lentTextCounter(): TextCounter | null {
  return lentCounter;
}

type CountedBatchListener = (batch: CountedBatch) => void;
const listeners = new Set<CountedBatchListener>();

/**
 * Calls `listener` with every batch offered from now on, as it arrives: a store importing takes
 * them while it waits for the next parsed file rather than after its last write. Returns what stops it.
 */
export function onCountedBatch(listener: CountedBatchListener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

/** Offers the batch's texts; returns what withdraws them (once the import that counted them ends). */
export function offerCountedBatch(batch: CountedBatch): () => void {
  batch.hashes.forEach((hash, at) => offered.set(hash, { batch, at }));
  for (const listener of listeners) listener(batch);
  // Weakly: a batch a listener took is withdrawn already and need not live until the import ends.
  const offeredBatch = new WeakRef(batch);
  return () => {
    const stillHeld = offeredBatch.deref();
    if (stillHeld) withdrawCountedBatch(stillHeld);
  };
}

/** Withdraws the batch's texts: the import ended, or a listener took them all. */
export function withdrawCountedBatch(batch: CountedBatch): void {
  for (const hash of batch.hashes) {
    if (offered.get(hash)?.batch === batch) offered.delete(hash);
  }
}

/** The counted text of this hash, if an import offered it. */
export function offeredText(hash: string): OfferedText | undefined {
  return offered.get(hash);
}
