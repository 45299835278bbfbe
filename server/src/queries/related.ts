// An episode's related episodes: by shared readings (the store ranks those) and by their source papers'
// references (metadata/referenceRelated.ts), combined into one ranking.
import type { RelatedEpisode } from '../domain/model.ts';
import {
  byScoreThenId,
  relatedByReferences,
  type ReferenceRelatedEpisode,
} from '../metadata/referenceRelated.ts';
import type { GraphStore } from '../store/store.ts';
import type { Lookups } from './lookups.ts';

export interface RelatedWithReferences extends RelatedEpisode {
  sharedReferenceIds: string[];
}

/** One ranking from both kinds of link: scores add, each list of shared papers kept. */
function combineRelated(
  byReadings: readonly RelatedEpisode[],
  byReferences: readonly ReferenceRelatedEpisode[],
  limit: number,
): RelatedWithReferences[] {
  const merged = new Map<string, RelatedWithReferences>();
  for (const r of byReadings) merged.set(r.episodeId, { ...r, sharedReferenceIds: [] });
  for (const r of byReferences) {
    const known = merged.get(r.episodeId);
    merged.set(
      r.episodeId,
      known
        ? { ...known, score: known.score + r.score, sharedReferenceIds: r.sharedReferenceIds }
        : {
            episodeId: r.episodeId,
            score: r.score,
            sharedPaperIds: [],
            sharedReferenceIds: r.sharedReferenceIds,
          },
    );
  }
  return [...merged.values()].sort(byScoreThenId).slice(0, limit);
}

/**
 * The `first` best related episodes of each episode, one list per id in order. Each side's best
 * `first` are combined, so an episode just outside one side's list can miss a place the sum of both
 * would give it.
 */
export async function relatedEpisodes(
  store: GraphStore,
  lookups: Lookups,
  episodeIds: readonly string[],
  first: number,
): Promise<RelatedWithReferences[][]> {
  const [byReadings, byReferences] = await Promise.all([
    store.relatedByEpisodeIds(episodeIds, first),
    Promise.all(episodeIds.map((id) => lookups.findEpisode(id))).then((episodes) =>
      relatedByReferences(store, episodes, first),
    ),
  ]);
  return episodeIds.map((_, i) =>
    combineRelated(byReadings[i] ?? [], byReferences[i] ?? [], first),
  );
}
