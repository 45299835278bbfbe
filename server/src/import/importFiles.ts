// Reads feed files and imports them through the pipeline. Every file is parsed and validated before
// the store is even opened, so one bad file means nothing is stored.
import type { ImportBatch, ImportResult } from '../domain/model.ts';
import type { GraphStore } from '../store/store.ts';
import { ImportError } from './errors.ts';
import { importFeedFile } from './pipeline.ts';

export interface FeedFile {
  file: string;
  batch: ImportBatch;
}

export interface FileImportResult extends ImportResult {
  file: string;
}

/** Every file read and validated; all problems of all files in one ImportError. */
export async function readFeedFiles(files: readonly string[]): Promise<FeedFile[]> {
  const feeds: FeedFile[] = [];
  const issues: ImportError['issues'] = [];
  for (const file of files) {
    try {
      feeds.push({ file, batch: await importFeedFile(file) });
    } catch (error) {
      if (error instanceof ImportError) issues.push(...error.issues);
      else issues.push({ file, message: error instanceof Error ? error.message : String(error) });
    }
  }
  if (issues.length > 0) throw new ImportError(issues);
  return feeds;
}

export async function importFeeds(store: GraphStore, feeds: readonly FeedFile[]): Promise<FileImportResult[]> {
  const results: FileImportResult[] = [];
  for (const { file, batch } of feeds) results.push({ file, ...(await store.importBatch(batch)) });
  return results;
}

export async function importFiles(store: GraphStore, files: readonly string[]): Promise<FileImportResult[]> {
  return importFeeds(store, await readFeedFiles(files));
}
