// What the Atom feeds list: the episodes citing a paper, newest first, and the graph's newest episodes.
import type { Citation, EpisodeRecord, PaperView } from '../domain/model.ts';
import { newestFirst } from '../domain/newestFirst.ts';
import type { GraphStore } from '../store/store.ts';
import { storeLookups } from './lookups.ts';
import { findPaperByRef } from './nodeRef.ts';

export interface CitingEpisode {
  citation: Citation;
  episode: EpisodeRecord;
}

/**
 * The paper for any identifier form, resolved as `paper(ref:)` does, with its `limit` newest citing
 * episodes; null when no episode cites it.
 */
export async function paperCiters(
  store: GraphStore,
  ref: string,
  limit: number,
): Promise<{ paper: PaperView; citing: CitingEpisode[] } | null> {
  const paper = await findPaperByRef(storeLookups(store), ref);
  if (paper === null) return null;
  // Stores list the source first, then the newest citers: these are the newest entries.
  const [citations = []] = await store.citationsByPaperIds([paper.id], limit + 1);
  const episodes = await store.episodesByIds([...new Set(citations.map((c) => c.episodeId))]);
  const byId = new Map(episodes.flatMap((e) => (e === null ? [] : [[e.id, e] as const])));
  const citing = citations.flatMap((citation) => {
    const episode = byId.get(citation.episodeId);
    return episode ? [{ citation, episode }] : [];
  });
  citing.sort(
    (a, b) => newestFirst(a.episode, b.episode) || a.citation.position - b.citation.position,
  );
  return { paper, citing: citing.slice(0, limit) };
}

/** The graph's `limit` newest episodes, and when the graph last changed (null when never). */
export async function newestEpisodes(
  store: GraphStore,
  limit: number,
): Promise<{ episodes: EpisodeRecord[]; changedAt: string | null }> {
  const [{ items }, changedAt] = await Promise.all([
    store.listEpisodes({ offset: 0, limit }),
    store.graphChangedAt(),
  ]);
  return { episodes: items, changedAt };
}
