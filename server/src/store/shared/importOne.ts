import type { ImportBatch, ImportResult } from '../../domain/model.ts';
import type { GraphStore } from '../store.ts';

/** Both stores' importBatch: a run of one batch, so it cannot differ from importBatches. */
export async function importOne(
  store: Pick<GraphStore, 'importBatches'>,
  batch: ImportBatch,
): Promise<ImportResult> {
  const [result] = await store.importBatches([batch]);
  return result!;
}
