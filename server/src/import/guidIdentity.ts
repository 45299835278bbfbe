// Episode identity across edits. An episode's id derives from its source paper (domain/episodeId.ts),
// which survives title and text edits in every format. A feed guid goes further: when an incoming
// episode carries a guid the store already holds under another id (its source link was corrected),
// the incoming episode takes the stored id, so it updates that episode and its links keep working.
import type { ImportBatch, ImportResult } from '../domain/model.ts';
import type { GraphStore } from '../store/store.ts';

async function withStoredGuidIds(store: GraphStore, batch: ImportBatch): Promise<ImportBatch> {
  const guided = batch.episodes.filter((e) => e.guid != null);
  if (guided.length === 0) return batch;
  const storedIds = await store.episodeIdsByGuids(guided.map((e) => e.guid!));
  const adopted = new Map<string, string>();
  guided.forEach((episode, i) => {
    const storedId = storedIds[i];
    if (storedId != null && storedId !== episode.id) adopted.set(episode.id, storedId);
  });
  if (adopted.size === 0) return batch;
  // A rewritten batch is no longer the sealed one: the store validates it again (and refuses a clash).
  return {
    ...batch,
    episodes: batch.episodes.map((e) => ({ ...e, id: adopted.get(e.id) ?? e.id })),
  };
}

/** store.importBatch, with episodes the store knows by guid keeping their stored ids. */
export async function importWithGuidIdentity(
  store: GraphStore,
  batch: ImportBatch,
): Promise<ImportResult> {
  return store.importBatch(await withStoredGuidIds(store, batch));
}

/** withStoredGuidIds for each batch of a multi-batch import, as the batches arrive. */
export async function* eachWithStoredGuidIds(
  store: GraphStore,
  batches: AsyncIterable<ImportBatch> | Iterable<ImportBatch>,
): AsyncGenerator<ImportBatch> {
  for await (const batch of batches) yield withStoredGuidIds(store, batch);
}
