// Shared CLI plumbing: config and store set-up, readable errors, exit codes.
import { ConfigError, loadConfig } from '../config.ts';
import { ImportError } from '../import/errors.ts';
import { createStore } from '../store/createStore.ts';
import { DataDirInUseError } from '../store/embedded/dataDirLock.ts';
import { StoreAuthError, StoreUnavailableError } from '../store/neo4j/errors.ts';
import type { GraphStore } from '../store/store.ts';

/** Failures a person can act on print as one message; anything else keeps its stack for a bug report. */
const EXPLAINED = [ImportError, ConfigError, DataDirInUseError, StoreAuthError, StoreUnavailableError];

export async function runWithStore(task: (store: GraphStore) => Promise<void>): Promise<void> {
  let store: GraphStore | undefined;
  try {
    store = await createStore(loadConfig().store);
    await task(store);
  } catch (error) {
    console.error(EXPLAINED.some((kind) => error instanceof kind) ? (error as Error).message : error);
    process.exitCode = 1;
  } finally {
    await store?.close();
  }
}

export function printImportResults(results: { file: string; added: string[]; updated: string[]; unchanged: string[] }[]): void {
  for (const r of results) {
    console.log(`${r.file}: ${r.added.length} added, ${r.updated.length} updated, ${r.unchanged.length} unchanged`);
  }
}
