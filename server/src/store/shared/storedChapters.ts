// What a store keeps when an import does not know an episode's chapters (its podcast:chapters file
// could not be fetched or read): the chapters it holds, and the mentions it holds that the incoming
// record lacks, since the file's links were mentions too. A failed re-poll of an unchanged episode is
// then unchanged. A mention the notes dropped at the same time stays until a fetch reads the file.
import type { Chapter, EpisodeRecord, Recommendation } from '../../domain/model.ts';

/** The domain's limit on an episode's mentions (domain/model.ts). */
const MAX_MENTIONS = 200;

/** What a store holds of an episode's chapters and mentions. */
export interface StoredChapters {
  chapters: Chapter[];
  mentions: Recommendation[];
}

/** The record as a store writes it: with the stored chapters when it does not know its own, never flagged. */
export function withStoredChapters(
  record: EpisodeRecord,
  stored: StoredChapters | undefined,
): EpisodeRecord {
  if (record.chaptersUnknown === undefined) return record;
  const { chaptersUnknown: _unknown, ...known } = record;
  if (stored === undefined) return known;
  const incoming = known.mentions ?? [];
  const cited = new Set(incoming.map((mention) => mention.paperId));
  const mentions = [
    ...incoming,
    ...stored.mentions.filter((mention) => !cited.has(mention.paperId)),
  ].slice(0, MAX_MENTIONS);
  return {
    ...known,
    chapters: stored.chapters,
    ...(mentions.length === 0 ? {} : { mentions }),
  };
}
