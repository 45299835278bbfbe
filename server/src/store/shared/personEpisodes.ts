// The keyset window over one person's episodes, the same for both stores: a person is named by a
// show's episodes (hundreds, not the whole graph), so a store reads them all in order and pages here.
import { newestFirst } from '../../domain/newestFirst.ts';
import type { EpisodeSortKey, EpisodeSummary, Keyset, Page } from '../store.ts';

/** `episodes` newest first: those strictly between the keyset's bounds, the first or last `limit`. */
export function personEpisodeWindow(
  episodes: readonly EpisodeSummary[],
  keyset: Keyset<EpisodeSortKey>,
  limit: number,
): Page<EpisodeSummary> {
  const { after, before } = keyset;
  const between = episodes.filter(
    (episode) =>
      (after === undefined || newestFirst(after, episode) < 0) &&
      (before === undefined || newestFirst(episode, before) < 0),
  );
  const items = keyset.fromEnd
    ? between.slice(Math.max(0, between.length - limit))
    : between.slice(0, Math.max(0, limit));
  return { items, totalCount: episodes.length };
}
