// The batched reads the use cases go through. A GraphQL request passes its loaders (one store call
// per kind and round of resolvers); callers outside a request (the Atom routes) pass the store's.
import type { EpisodeRecord, PaperView } from '../domain/model.ts';
import type { EpisodeSummary, GraphStore } from '../store/store.ts';

export interface Lookups {
  /** The episode with this id, or null. */
  findEpisode(id: string): Promise<EpisodeRecord | null>;
  /** What lists show of the episode with this id, or null. */
  findEpisodeSummary(id: string): Promise<EpisodeSummary | null>;
  /** The paper with this id, or null. */
  findPaper(id: string): Promise<PaperView | null>;
  /**
   * The paper the first resolving key names (candidate keys, in order), read together with its first
   * `first` citations and their episodes' summaries; null when no key resolves.
   */
  findPaperCitedBy(keys: readonly string[], first: number): Promise<PaperView | null>;
  /** The stored paper id behind each candidate key (canonical key or normalised alias), or null. */
  resolvePaperKeys(keys: readonly string[]): Promise<(string | null)[]>;
}

/** Each look-up straight from the store, for callers that make one or two. */
export function storeLookups(store: GraphStore): Lookups {
  return {
    findEpisode: async (id) => (await store.episodesByIds([id]))[0] ?? null,
    findEpisodeSummary: async (id) => (await store.episodeSummariesByIds([id]))[0] ?? null,
    findPaper: async (id) => (await store.papersByIds([id]))[0] ?? null,
    findPaperCitedBy: async (keys, first) => (await store.paperCitedBy(keys, first))?.paper ?? null,
    resolvePaperKeys: (keys) => store.resolvePaperKeys(keys),
  };
}
