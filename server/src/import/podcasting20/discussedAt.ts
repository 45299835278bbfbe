// Each reading and mention of an episode gets the second its transcript first discusses the paper
// (firstDiscussed.ts), in whole seconds, the way a player seeks and a page prints it.
import type { ParsedEpisode } from '../episodeText.ts';
import { firstDiscussed, type MentionedPaper } from './firstDiscussed.ts';
import type { TranscriptCue } from './transcript.ts';

export function withDiscussedAt(
  episode: ParsedEpisode,
  cues: readonly TranscriptCue[],
): ParsedEpisode {
  const papers: MentionedPaper[] = [
    ...episode.readings.map((reading) => ({
      key: reading.key,
      titles: reading.title === null ? [] : [reading.title],
    })),
    ...episode.mentions.map((mention) => ({ key: mention.key, titles: mention.linkTexts })),
  ];
  if (papers.length === 0) return episode;
  const discussedAt = new Map(
    firstDiscussed(cues, papers).map((found) => [found.paperId, Math.floor(found.seconds)]),
  );
  return { ...episode, discussedAt };
}
