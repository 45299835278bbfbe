// Single-id forms of the store's batched calls, for tests that ask about one node at a time.
import type { EpisodeRelation } from '../../server/src/relations/relatedness.ts';
import type { GraphStore } from '../../server/src/store/store.ts';

/** A limit above any fixture's citation count: "every citation". */
export const EVERY_CITATION = 10_000;

export async function relatedOf(
  store: Pick<GraphStore, 'relatedByEpisodeIds'>,
  episodeId: string,
  limit: number,
): Promise<EpisodeRelation[]> {
  const [related] = await store.relatedByEpisodeIds([episodeId], limit);
  return related ?? [];
}
