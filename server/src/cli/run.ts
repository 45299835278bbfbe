// Shared CLI plumbing: config and store set-up, readable errors, exit codes.
import { ConfigError, loadConfig } from '../config.ts';
import { ImportError } from '../import/errors.ts';
import { createStore } from '../store/createStore.ts';
import type { GraphStore } from '../store/store.ts';

export async function runWithStore(task: (store: GraphStore) => Promise<void>): Promise<void> {
  let store: GraphStore | undefined;
  try {
    store = await createStore(loadConfig().store);
    await task(store);
  } catch (error) {
    if (error instanceof ImportError || error instanceof ConfigError) console.error(error.message);
    else console.error(error);
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
