// The batched reads the use cases go through. A GraphQL request passes its loaders (one store call
// per kind and round of resolvers); callers outside a request (the Atom routes) pass the store's.
import type { EpisodeRecord, PaperView } from '../domain/model.ts';
import type { GraphStore } from '../store/store.ts';

export interface Lookups {
  /** The episode with this id, or null. */
  findEpisode(id: string): Promise<EpisodeRecord | null>;
  /** The paper with this id, or null. */
  findPaper(id: string): Promise<PaperView | null>;
  /** The stored paper id behind each candidate key (canonical key or normalised alias), or null. */
  resolvePaperKeys(keys: readonly string[]): Promise<(string | null)[]>;
}

/** Each look-up straight from the store, for callers that make one or two. */
export function storeLookups(store: GraphStore): Lookups {
  return {
    findEpisode: async (id) => (await store.episodesByIds([id]))[0] ?? null,
    findPaper: async (id) => (await store.papersByIds([id]))[0] ?? null,
    resolvePaperKeys: (keys) => store.resolvePaperKeys(keys),
  };
}
