import { createHash } from 'node:crypto';

/**
 * One episode per source paper is the podcast's premise, so the source paper's canonical id is the
 * most stable thing an episode has: titles get edited, feeds change format. Hashing keeps ids short
 * and URL-safe whatever the paper key looks like.
 */
export function episodeIdFor(sourcePaperId: string): string {
  return `ep_${createHash('sha256').update(sourcePaperId).digest('hex').slice(0, 12)}`;
}
