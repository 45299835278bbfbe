// What an episode id is: its shape (which tells episodes from papers wherever an id arrives, in the
// API and in the web app) and how it is derived from the episode's source paper.
import { shortHashId } from './shortHashId.ts';

/** `ep_` and twelve hex digits of the source paper key's SHA-256 (see `episodeIdFor`). */
export const EPISODE_ID_PATTERN = /^ep_[0-9a-f]{12}$/;

/** Episode ids have one fixed shape; every other node id in the graph is a paper's. */
export function isEpisodeId(id: string): boolean {
  return EPISODE_ID_PATTERN.test(id);
}

/**
 * One episode per source paper is the podcast's premise, so the source paper's canonical id is the
 * most stable thing an episode has: titles get edited, feeds change format. Hashing keeps ids short
 * and URL-safe whatever the paper key looks like.
 */
export function episodeIdFor(sourcePaperId: string): string {
  return shortHashId('ep', sourcePaperId);
}
