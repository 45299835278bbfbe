// Piscina tasks: one feed file through the import pipeline, on a worker thread, so the next file is
// parsed while the store writes the one before; and the counting of a parsed batch's episode texts
// for the relations (relations/countedTexts.ts), so the importing thread does not tokenize them.
// Problems come back as data (an Error crossing threads keeps only its message, and the issues are
// the point).
import type { ImportBatch } from '../domain/model.ts';
import type { CountedBatch, Vocabulary } from '../relations/terms.ts';
import { ImportError, type ImportIssue } from './errors.ts';
import { importFeedFile } from './pipeline.ts';

export type ParsedFeed = { ok: true; batch: ImportBatch } | { ok: false; issues: ImportIssue[] };

export default async function parseFeedFile(file: string): Promise<ParsedFeed> {
  try {
    return { ok: true, batch: await importFeedFile(file) };
  } catch (error) {
    if (error instanceof ImportError) return { ok: false, issues: error.issues };
    return {
      ok: false,
      issues: [{ file, message: error instanceof Error ? error.message : String(error) }],
    };
  }
}

/** This thread's tokenizer: kept from one batch to the next, so a piece of text is tokenized once. */
let tokenizer: Promise<Vocabulary> | null = null;

/**
 * The counted terms of texts, each given as its sections (relations/episodeDocument.ts), keyed by
 * their hash. wink-nlp loads here, on the worker, on the first batch.
 */
export async function countTexts(texts: readonly (readonly string[])[]): Promise<CountedBatch> {
  tokenizer ??= Promise.all([
    import('../relations/terms.ts'),
    import('../relations/episodeDocument.ts'),
  ]).then(([{ Vocabulary }]) => new Vocabulary());
  const vocabulary = await tokenizer;
  const { contentHash } = await import('../relations/episodeDocument.ts');
  return vocabulary.encode(
    texts.map((parts) => ({ hash: contentHash(parts), text: vocabulary.countText(parts) })),
  );
}
