// Reads feed files and imports them through the pipeline. Every file is parsed and validated before
// anything is written, so one bad file means nothing is stored.
import type { ImportBatch, ImportResult } from '../domain/model.ts';
import type { GraphStore } from '../store/store.ts';
import { ImportError } from './errors.ts';
import { importFeedFile } from './pipeline.ts';

export interface FileImportResult extends ImportResult {
  file: string;
}

export async function importFiles(store: GraphStore, files: readonly string[]): Promise<FileImportResult[]> {
  const batches: { file: string; batch: ImportBatch }[] = [];
  const issues: ImportError['issues'] = [];
  for (const file of files) {
    try {
      batches.push({ file, batch: await importFeedFile(file) });
    } catch (error) {
      if (error instanceof ImportError) issues.push(...error.issues);
      else issues.push({ file, message: error instanceof Error ? error.message : String(error) });
    }
  }
  if (issues.length > 0) throw new ImportError(issues);
  const results: FileImportResult[] = [];
  for (const { file, batch } of batches) results.push({ file, ...(await store.importBatch(batch)) });
  return results;
}
