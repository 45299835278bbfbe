// The seed data shipped in seed/: loaded into an empty store on first start and by `npm run seed`.
import { fileURLToPath } from 'node:url';

import { type FileImportResult, importFiles } from './import/importFiles.ts';
import type { GraphStore } from './store/store.ts';

export const SEED_FILES = [
  fileURLToPath(new URL('../../seed/ai-papers-deep-dive.txt', import.meta.url)),
];

export async function seedIfEmpty(store: GraphStore): Promise<FileImportResult[] | null> {
  const stats = await store.stats();
  return stats.episodes === 0 ? importFiles(store, SEED_FILES) : null;
}
