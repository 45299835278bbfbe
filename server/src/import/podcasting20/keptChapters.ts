// What an episode keeps of the podcast:chapters file it was fetched with: its table of contents, each
// chapter's start (whole seconds and as printed), title and link, in the order they start. Chapters
// the namespace hides from a table of contents (`toc: false`, often image changes or sponsor slots)
// and untitled ones are not listed; their links are still read as notes. Past the limits a chapter is
// cut or left out with a warning, never refused.
import { MAX_AUDIO_SECONDS } from '../../domain/audio.ts';
import { type Chapter as EpisodeChapter, MAX_CHAPTERS } from '../../domain/model.ts';
import type { Chapter } from './chapters.ts';

/** The domain's limit on a chapter's title (domain/model.ts chapterSchema). */
const MAX_CHAPTER_TITLE = 1000;

interface KeptChapters {
  chapters: EpisodeChapter[];
  /** What was cut or left out, one sentence each. */
  warnings: string[];
}

const twoDigits = (n: number): string => String(n).padStart(2, '0');

/** `01:30` under an hour, `1:02:03` from one, as the description's chapters print their starts. */
function printedStart(seconds: number): string {
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  return hours === 0
    ? `${twoDigits(minutes)}:${twoDigits(rest)}`
    : `${hours}:${twoDigits(minutes)}:${twoDigits(rest)}`;
}

export function keptChapters(chapters: readonly Chapter[]): KeptChapters {
  const warnings: string[] = [];
  const listed = chapters
    .filter((chapter) => chapter.listed && chapter.title !== undefined)
    .map((chapter) => ({ ...chapter, start: Math.floor(chapter.start) }));
  const late = listed.filter((chapter) => chapter.start > MAX_AUDIO_SECONDS);
  if (late.length > 0)
    warnings.push(
      `${late.length} chapter(s) start past ${MAX_AUDIO_SECONDS} seconds (the limit) and are left out`,
    );
  const inAudio = listed
    .filter((chapter) => chapter.start <= MAX_AUDIO_SECONDS)
    .sort((a, b) => a.start - b.start);
  if (inAudio.length > MAX_CHAPTERS)
    warnings.push(
      `${inAudio.length} chapters; the first ${MAX_CHAPTERS} (the limit) are kept, ${inAudio.length - MAX_CHAPTERS} left out`,
    );
  let longTitles = 0;
  const kept = inAudio.slice(0, MAX_CHAPTERS).map((chapter): EpisodeChapter => {
    const title = chapter.title ?? '';
    if (title.length > MAX_CHAPTER_TITLE) longTitles++;
    return {
      start: printedStart(chapter.start),
      startSeconds: chapter.start,
      title: title.slice(0, MAX_CHAPTER_TITLE).trim(),
      summary: null,
      ...(chapter.url === undefined ? {} : { url: chapter.url }),
    };
  });
  if (longTitles > 0)
    warnings.push(
      `${longTitles} chapter title(s) cut at ${MAX_CHAPTER_TITLE} characters (the limit)`,
    );
  return { chapters: kept, warnings };
}
