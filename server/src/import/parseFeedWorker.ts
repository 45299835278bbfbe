// A piscina task: one feed file through the import pipeline, on a worker thread, so the next file is
// parsed while the store writes the one before. Problems come back as data (an Error crossing threads
// keeps only its message, and the issues are the point).
import type { ImportBatch } from '../domain/model.ts';
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
