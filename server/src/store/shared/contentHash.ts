// Decides added / updated / unchanged on import: a digest of everything an episode record says, independent of the
// key order the reader happened to build the object with.
import { createHash } from 'node:crypto';

import { episodeExtras } from '../../domain/episodeExtras.ts';
import type { EpisodeRecord, ImportResult } from '../../domain/model.ts';

export function episodeContentHash(episode: EpisodeRecord): string {
  // Fields listed explicitly (not JSON.stringify(episode)) so extra or reordered keys cannot change it.
  const canonical: unknown[] = [
    episode.id,
    episode.title,
    episode.publishedAt,
    episode.paperPublishedAt,
    episode.durationMinutes,
    episode.summary,
    episode.takeaways,
    // A chapter's link only when it has one: the description's chapters keep their hashes.
    episode.chapters.map((c) =>
      c.url === undefined
        ? [c.start, c.startSeconds, c.title, c.summary]
        : [c.start, c.startSeconds, c.title, c.summary, c.url],
    ),
    episode.sourcePaperId,
    episode.recommendations.map((r) => [r.paperId, r.note]),
  ];
  // Appended only when present: episodes stored before these fields existed keep their hashes.
  const extras = episodeExtras(episode);
  if (extras !== null) {
    const { guid, url, audio, imageUrl, unlinkedReadings } = extras;
    canonical.push([
      guid,
      url,
      audio && [audio.url, audio.type, audio.bytes],
      imageUrl,
      unlinkedReadings.map((r) => [r.title, r.note]),
    ]);
  }
  // Likewise: episodes without mentions (every "AI Papers" episode) keep theirs.
  if (episode.mentions !== undefined && episode.mentions.length > 0)
    canonical.push(['mentions', episode.mentions.map((m) => [m.paperId, m.note])]);
  // And episodes no transcript times: a second a paper is first discussed is part of what it says.
  const times = [...episode.recommendations, ...(episode.mentions ?? [])].map(
    (citation) => citation.discussedAt ?? null,
  );
  if (times.some((time) => time !== null)) canonical.push(['discussedAt', times]);
  // A transcript that appears or changes updates the episode; none hashes as before.
  if (episode.transcript != null && episode.transcript.length > 0)
    canonical.push(['transcript', episode.transcript.map((line) => [line.start, line.text])]);
  // People likewise: an episode naming no one hashes as before they were read.
  if (episode.people !== undefined && episode.people.length > 0)
    canonical.push([
      'people',
      episode.people.map((p) => [p.personId, p.name, p.role, p.group, p.href, p.imageUrl]),
    ]);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

export interface HashedEpisode {
  record: EpisodeRecord;
  hash: string;
}

/**
 * The one rule both stores apply to a batch: an episode whose stored hash matches is unchanged, one
 * with no stored hash is added, any other is updated. `storedHashes` holds the batch's stored episodes.
 */
export function classifyEpisodes(
  episodes: readonly EpisodeRecord[],
  storedHashes: ReadonlyMap<string, unknown>,
): { result: ImportResult; added: HashedEpisode[]; updated: HashedEpisode[] } {
  const result: ImportResult = { added: [], updated: [], unchanged: [] };
  const added: HashedEpisode[] = [];
  const updated: HashedEpisode[] = [];
  for (const record of episodes) {
    const hash = episodeContentHash(record);
    if (!storedHashes.has(record.id)) {
      result.added.push(record.id);
      added.push({ record, hash });
    } else if (storedHashes.get(record.id) === hash) {
      result.unchanged.push(record.id);
    } else {
      result.updated.push(record.id);
      updated.push({ record, hash });
    }
  }
  return { result, added, updated };
}
