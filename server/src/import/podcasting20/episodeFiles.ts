// The files an item of a fetched feed points at: its podcast:chapters file and its transcript, the
// first of its podcast:transcript tags that reads, timed formats (WebVTT, SRT, JSON) before HTML.
// A file that cannot be fetched or read never costs the episode: it is a warning naming the episode
// and the URL, and the episode is imported without it (chapters or a transcript its tags did not
// give are not known, so a store keeps the ones it holds).
import type { Chapter as EpisodeChapter } from '../../domain/model.ts';
import { MAX_TRANSCRIPT_CHARS, type TranscriptLine } from '../../domain/transcript.ts';
import { episodeLabel } from '../errors.ts';
import type { Chapter } from './chapters.ts';
import { fetchChapters } from './fetchChapters.ts';
import type { FetchPodcastFileOptions } from './fetchPodcastFile.ts';
import { fetchTranscript } from './fetchTranscript.ts';
import type { HostLimit } from './hostLimit.ts';
import { keptChapters } from './keptChapters.ts';
import { keptTranscript } from './keptTranscript.ts';
import type { PodcastEpisode, TranscriptLink } from './podcastFeed.ts';
import { type TranscriptCue, type TranscriptFormat, transcriptFormat } from './transcript.ts';

interface EpisodeFiles {
  /** Every chapter the file gives, read as notes; none without a file read. */
  chapters: Chapter[];
  /** The episode's chapters from the file; null: it has no chapters tag; absent: the file did not read. */
  episodeChapters?: EpisodeChapter[] | null;
  /** The cues of the transcript read, null without one. */
  cues: TranscriptCue[] | null;
  /** What the episode keeps of it; null: it has no transcript tag; absent: none of its tags read. */
  transcript?: TranscriptLine[] | null;
  warnings: string[];
}

const PREFERENCE: readonly TranscriptFormat[] = ['vtt', 'srt', 'json', 'html'];

/** The transcript tags in the order they are tried: by format as the tag names it, then as listed. */
function transcriptsByPreference(links: readonly TranscriptLink[]): TranscriptLink[] {
  const rank = (link: TranscriptLink): number => {
    const format = transcriptFormat([link.type], '');
    return format === null ? PREFERENCE.length : PREFERENCE.indexOf(format);
  };
  return links
    .map((link, index) => ({ link, index, rank: rank(link) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map(({ link }) => link);
}

export async function fetchEpisodeFiles(
  episode: PodcastEpisode,
  options: FetchPodcastFileOptions,
  limit: HostLimit,
): Promise<EpisodeFiles> {
  const label = episodeLabel(episode.raw.position, episode.raw.title);
  const warnings: string[] = [];
  const warn = (error: string) => warnings.push(`episode ${label}: ${error}`);

  const readChapters = async (): Promise<Pick<EpisodeFiles, 'chapters' | 'episodeChapters'>> => {
    const url = episode.chaptersUrl;
    if (url === null) return { chapters: [], episodeChapters: null };
    const outcome = await limit.run(url, () => fetchChapters(url, options));
    if (outcome.kind === 'failed') {
      warn(outcome.error);
      return { chapters: [] };
    }
    // A chapter's link that is no web link is the show's text, dropped like one in the notes.
    const kept = keptChapters(outcome.chapters);
    for (const warning of kept.warnings) warn(`${outcome.finalUrl}: ${warning}`);
    return { chapters: outcome.chapters, episodeChapters: kept.chapters };
  };

  const readTranscript = async (): Promise<TranscriptCue[] | null> => {
    for (const link of transcriptsByPreference(episode.transcripts)) {
      const outcome = await limit.run(link.url, () => fetchTranscript(link, options));
      if (outcome.kind === 'read') {
        url = outcome.finalUrl;
        return outcome.cues;
      }
      warn(outcome.error);
    }
    return null;
  };
  let url = '';

  const [chapters, cues] = await Promise.all([readChapters(), readTranscript()]);
  if (cues === null)
    return {
      ...chapters,
      cues,
      warnings,
      ...(episode.transcripts.length > 0 ? {} : { transcript: null }),
    };
  const kept = keptTranscript(cues);
  if (kept.charsLeftOut > 0)
    warn(
      `${url}: the transcript is cut at a cue after ${MAX_TRANSCRIPT_CHARS} characters (the limit); ${kept.charsLeftOut} characters left out`,
    );
  return { ...chapters, cues, warnings, transcript: kept.lines };
}
