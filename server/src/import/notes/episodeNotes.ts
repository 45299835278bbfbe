// Which of an episode's fields are its notes, fullest first: content:encoded usually holds the whole
// show notes and description a summary of them, so a paper linked from both gets the fuller sentence.
import type { Chapter } from '../podcasting20/chapters.ts';
import type { PodcastEpisode } from '../podcasting20/podcastFeed.ts';
import type { NoteSource } from './paperLinks.ts';

export function notesOfEpisode(
  episode: PodcastEpisode,
  chapters: readonly Chapter[] = [],
): NoteSource[] {
  const sources: NoteSource[] = [];
  if (episode.contentEncodedHtml !== null)
    sources.push({ field: 'content:encoded', html: episode.contentEncodedHtml });
  if (episode.descriptionHtml !== null)
    sources.push({ field: 'description', html: episode.descriptionHtml });
  if (episode.summaryHtml !== null)
    sources.push({ field: 'itunes:summary', html: episode.summaryHtml });
  if (chapters.length > 0) sources.push({ field: 'podcast:chapters', chapters });
  return sources;
}
