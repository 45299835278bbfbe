// Shared CLI plumbing: config, importing feed files, readable errors, exit codes.
import { ConfigError, loadConfig } from '../config.ts';
import { ImportError } from '../import/errors.ts';
import { importFiles, type FileImportResult } from '../import/importFiles.ts';
import { createStore } from '../store/createStore.ts';
import { DataDirInUseError } from '../store/embedded/dataDirLock.ts';
import { StoreAuthError, StoreUnavailableError } from '../store/neo4j/errors.ts';
import type { GraphStore } from '../store/store.ts';

/** Failures a person can act on print as one message; anything else keeps its stack for a bug report. */
const EXPLAINED = [ImportError, ConfigError, DataDirInUseError, StoreAuthError, StoreUnavailableError];

/** Imports the files as one all-or-nothing import (a bad file stores nothing) and prints what changed. */
export async function importFilesCommand(files: readonly string[]): Promise<void> {
  let store: GraphStore | undefined;
  try {
    const config = loadConfig();
    store = await createStore(config.store);
    printImportResults(await importFiles(store, files));
  } catch (error) {
    console.error(EXPLAINED.some((kind) => error instanceof kind) ? (error as Error).message : error);
    process.exitCode = 1;
  } finally {
    await store?.close();
  }
}

function printImportResults(results: FileImportResult[]): void {
  for (const r of results) {
    console.log(`${r.file}: ${r.added.length} added, ${r.updated.length} updated, ${r.unchanged.length} unchanged`);
  }
}
