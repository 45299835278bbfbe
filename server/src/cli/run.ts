// Shared CLI plumbing: config, importing feed files, readable errors, exit codes.
import { loadConfig } from '../config.ts';
import type { ImportBatch } from '../domain/model.ts';
import { fetchFeedBatch, isFeedUrl } from '../feeds/importUrl.ts';
import { ImportError } from '../import/errors.ts';
import { eachWithStoredGuidIds } from '../import/guidIdentity.ts';
import { type FileImportResult, importFiles } from '../import/importFiles.ts';
import { importFeedFile } from '../import/pipeline.ts';
import { createStore } from '../store/createStore.ts';
import type { GraphStore } from '../store/store.ts';
import { printable } from './explained.ts';

/** Imports the files as one all-or-nothing import (a bad file stores nothing) and prints what changed. */
export async function importFilesCommand(files: readonly string[]): Promise<void> {
  let store: GraphStore | undefined;
  try {
    const config = loadConfig();
    // An import never queries the embedded store's in-memory graph, so it is not loaded.
    store = await createStore(config.store, { loadGraph: 'whenQueried' });
    const urlsToo = files.some(isFeedUrl);
    printImportResults(
      urlsToo
        ? await importFilesAndUrls(store, files, config.feeds.timeoutMs)
        : await importFiles(store, files),
    );
  } catch (error) {
    console.error(printable(error));
    process.exitCode = 1;
  } finally {
    await store?.close();
  }
}

/**
 * Files and feed URLs as one import, all of them or nothing. Every source is read first, so one error
 * lists the problems of all of them; parsed here, not on worker threads (URLs are few and small).
 */
async function importFilesAndUrls(
  store: GraphStore,
  sources: readonly string[],
  timeoutMs: number,
): Promise<FileImportResult[]> {
  const read = await Promise.allSettled(
    sources.map((source) =>
      isFeedUrl(source) ? fetchFeedBatch(source, timeoutMs) : importFeedFile(source),
    ),
  );
  const failures = read.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
  const unexplained = failures.find((reason) => !(reason instanceof ImportError));
  if (unexplained !== undefined) throw unexplained;
  if (failures.length > 0)
    throw new ImportError(failures.flatMap((reason: ImportError) => reason.issues));
  const batches = read.map((r) => (r as PromiseFulfilledResult<ImportBatch>).value);
  const results = await store.importBatches(eachWithStoredGuidIds(store, batches));
  return results.map((result, i) => ({ file: sources[i]!, ...result }));
}

function printImportResults(results: FileImportResult[]): void {
  for (const r of results) {
    console.log(
      `${r.file}: ${r.added.length} added, ${r.updated.length} updated, ${r.unchanged.length} unchanged`,
    );
  }
}
