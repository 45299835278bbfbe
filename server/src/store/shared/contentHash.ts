// Decides "unchanged" on re-import: a digest of everything an episode record says, independent of the
// key order the reader happened to build the object with.
import { createHash } from 'node:crypto';
import type { EpisodeRecord } from '../../domain/model.ts';

export function episodeContentHash(episode: EpisodeRecord): string {
  // Fields listed explicitly (not JSON.stringify(episode)) so extra or reordered keys cannot change it.
  const canonical = [
    episode.id,
    episode.title,
    episode.publishedAt,
    episode.paperPublishedAt,
    episode.durationMinutes,
    episode.summary,
    episode.takeaways,
    episode.chapters.map((c) => [c.start, c.startSeconds, c.title, c.summary]),
    episode.sourcePaperId,
    episode.recommendations.map((r) => [r.paperId, r.note]),
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
