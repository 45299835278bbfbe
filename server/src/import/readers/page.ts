// The podcast's web page copied as text (see seed/ai-papers-deep-dive.txt):
//
//   <show header…>
//     1. 9 hr ago             ← marker: position + relative date (not an episode date)
//       <title>
//       <description, one long line>
//       23 min
//   About / You Might Also Like   ← page sections after the list, ignored
import { isDurationLine } from '../duration.ts';
import type { RawEpisode } from '../rawEpisode.ts';

/** `  1. 9 hr ago`: a number and a dot at the list's (shallow) indentation, a short tail. */
const EPISODE_MARKER = /^ {0,3}\d{1,5}\.(?:\s.{0,60})?$/;
const PAGE_SECTIONS = new Set(['About', 'You Might Also Like']);

export function looksLikePage(content: string): boolean {
  return content.split('\n').some((line) => EPISODE_MARKER.test(line));
}

function toRawEpisode(lines: string[], position: number): RawEpisode {
  const texts = lines.map((line) => line.trim()).filter((line) => line !== '');
  const last = texts[texts.length - 1];
  const durationText =
    texts.length > 1 && last !== undefined && isDurationLine(last) ? last : undefined;
  const body = durationText === undefined ? texts : texts.slice(0, -1);
  const [title, ...description] = body;
  return {
    position,
    ...(title === undefined ? {} : { title }),
    description: description.join('\n'),
    ...(durationText === undefined ? {} : { durationText }),
  };
}

/** What the page says of its show above the episode list: its heading, and its site when a line names one. */
export interface PageHeading {
  title: string | null;
  /** A line like `paperdive.ai` just under the heading, as an https link. */
  link: string | null;
}

const SITE_LINE = /^(?:https?:\/\/)?((?:[a-z0-9-]+\.)+[a-z]{2,}(?:\/\S*)?)$/i;

export function readPageHeading(content: string): PageHeading {
  const header: string[] = [];
  for (const line of content.split('\n')) {
    if (EPISODE_MARKER.test(line)) break;
    if (line.trim() !== '') header.push(line.trim());
  }
  const [title, second] = header;
  const site = second === undefined ? null : SITE_LINE.exec(second);
  return {
    title: title === undefined ? null : title.replace(/\s+/g, ' ').slice(0, 500),
    link: site?.[1] === undefined ? null : `https://${site[1]}`,
  };
}

export function readPage(content: string): RawEpisode[] {
  const episodes: RawEpisode[] = [];
  let current: string[] | null = null;
  const finish = (): void => {
    if (current) episodes.push(toRawEpisode(current, episodes.length + 1));
    current = null;
  };
  for (const line of content.split('\n')) {
    if (EPISODE_MARKER.test(line)) {
      finish();
      current = [];
    } else if (PAGE_SECTIONS.has(line.trim())) {
      finish();
    } else if (current) {
      current.push(line);
    }
  }
  finish();
  return episodes;
}
