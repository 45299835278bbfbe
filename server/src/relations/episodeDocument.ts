// The text an episode is compared by: what it says about itself and what it tells people to read.
// Sections are separate paragraphs so no phrase runs from one into the next.
import { createHash } from 'node:crypto';

import type { EpisodeRecord } from '../domain/model.ts';

/** A paper's title, or null when the store knows none. */
export type PaperTitleOf = (paperId: string) => string | null;

/** The sections of the episode's text. */
export function episodeParts(episode: EpisodeRecord, titleOf: PaperTitleOf): string[] {
  const sourceTitle = episode.sourcePaperId === null ? null : titleOf(episode.sourcePaperId);
  const parts = [
    episode.title,
    sourceTitle === episode.title ? null : sourceTitle,
    episode.summary,
    ...episode.takeaways,
    ...episode.chapters.flatMap((chapter) => [chapter.title, chapter.summary]),
    ...[...episode.recommendations, ...(episode.mentions ?? [])].flatMap((reading) => [
      titleOf(reading.paperId),
      reading.note,
    ]),
    ...(episode.unlinkedReadings ?? []).flatMap((reading) => [reading.title, reading.note]),
  ];
  return parts.filter((part): part is string => part !== null);
}

/** The episode's text as one string, its sections as paragraphs. */
export function episodeDocument(episode: EpisodeRecord, titleOf: PaperTitleOf): string {
  return episodeParts(episode, titleOf).join('.\n\n');
}

/** A digest of the sections: equal for equal texts, so counted terms are found again by it. */
export function contentHash(parts: readonly string[]): string {
  // One update of the joined sections: an update per section cost more than the hashing.
  let sections = '';
  for (const part of parts) sections += `${part.length}:${part}`;
  return createHash('sha1').update(sections).digest('base64');
}

/** The hash of the episode's text: what its counted terms are found by. */
export function textHash(episode: EpisodeRecord, titleOf: PaperTitleOf): string {
  return contentHash(episodeParts(episode, titleOf));
}
