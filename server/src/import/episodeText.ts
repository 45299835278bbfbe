// The episode text parser. A description follows the podcast's conventions (one line on the page,
// HTML-turned-text in feeds):
//
//   <Title> Source: <url> Paper was published on <date> This episode was AI-generated on <date>.
//   The script was written by …. The producer is not affiliated …. <summary prose>
//   Key Takeaways: - <takeaway> - <takeaway> …
//   01:30 - <Chapter title>: <chapter summary> 02:07 - …
//   Recommended Reading: - <Title>: <note>. (<url>) - …
//
// Everything optional that is absent comes back null / []; nothing is invented.
import type { Chapter, EpisodePerson, EpisodeText, UnlinkedReading } from '../domain/model.ts';
import type { TranscriptLine } from '../domain/transcript.ts';
import { type PaperKey, parsePaperRef } from '../ids/paperId.ts';
import { dateTextAtStart, parseDateText } from './dates.ts';
import { parseDuration } from './duration.ts';
import { type EpisodeFeedFields, episodeFeedFields } from './episodeFeedFields.ts';
import { episodeLabel, ImportError, type ImportIssue } from './errors.ts';
import { type NoteSource, paperLinksInNotes } from './notes/paperLinks.ts';
import type { RawEpisode } from './rawEpisode.ts';
import { collapseWhitespace, excerpt } from './text.ts';
import { splitTitleAndNote } from './titleSplit.ts';

interface PaperRef {
  /** The identifier exactly as the feed wrote it (an alias of the paper). */
  ref: string;
  key: PaperKey;
}

interface ParsedReading extends PaperRef {
  title: string | null;
  note: string | null;
}

/** A paper the show notes link to, with the sentence around the link. */
interface ParsedMention extends PaperRef {
  note: string;
  /** The words the notes linked it under (anchor texts, chapter titles): its names in a transcript. */
  linkTexts: string[];
}

export interface ParsedEpisode extends EpisodeText {
  position: number;
  chapters: Chapter[];
  /** The "Source:" paper of the "AI Papers" format; null for any other podcast's episode. */
  source: PaperRef | null;
  readings: ParsedReading[];
  /** Papers linked from the notes of an episode without a source (none when it has one). */
  mentions: ParsedMention[];
  /** Readings named without a link: text only. */
  unlinkedReadings: UnlinkedReading[];
  feedFields: EpisodeFeedFields;
  /** Who the item names (podcast:person), with their ids; absent: none. */
  people?: EpisodePerson[];
  /** Paper id → the second its transcript first discusses it (fetched feeds with a transcript). */
  discussedAt?: ReadonlyMap<string, number>;
  /** What is kept of its transcript (fetched feeds); null: it has none; absent: not known. */
  transcript?: TranscriptLine[] | null;
  /** Its podcast:chapters file could not be read (fetched feeds): a store keeps the chapters it holds. */
  chaptersUnknown?: true;
}

const MAX_TITLE_LENGTH = 500;
const MAX_DURATION_MINUTES = 24 * 60;

const KEY_TAKEAWAYS = /\bKey Takeaways\s*:/i;
const RECOMMENDED_READING = /\bRecommended Readings?\s*:/i;
/** `01:30 - ` or `1:02:03 - ` at the start of the text or after whitespace. */
const CHAPTER_START = /(?<!\S)(\d{1,2}(?::\d{2}){1,2})\s[-–—]\s/g;
/** A trailing "Chapters:" heading some feeds put before the timestamps. */
const CHAPTERS_HEADING = /\b(?:Chapters|Timestamps)\s*:\s*$/i;
const SOURCE = /\bSource:\s*(\S*)/;
const PAPER_PUBLISHED = /\bPaper was published on\s+/i;
const AI_GENERATED = /\bThis episode was AI-generated\b(\s+on\s+)?/i;
const DISCLAIMERS = [
  /\bThe script was written by\b[^.]*\.?/i,
  /\bThe producer is not affiliated\b[^.]*\.?/i,
];
/** `(link)` closing a reading: balanced parentheses inside, then the next ` - ` item or the end. */
const READING_LINK = /\(([^\s()]+(?:\([^\s()]*\)[^\s()]*)*)\)(?=\s*$|\s+[-–—]\s)/g;
const LEADING_DASH = /^[-–—]\s*/;
const ITEM_SEPARATOR = /\s[-–—]\s+/;
const SENTENCE_END = /[.!?…]["'”’)]*$/;
const ITEM_START = /^["'“‘]?\p{Lu}/u;

type Range = [start: number, end: number];

/** Collects problems for one episode; every check runs, so all of them are reported together. */
class Problems {
  readonly list: Omit<ImportIssue, 'episode'>[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
}

function withoutRanges(text: string, ranges: Range[]): string {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let kept = '';
  let cursor = 0;
  for (const [start, end] of sorted) {
    if (start > cursor) kept += `${text.slice(cursor, start)} `;
    cursor = Math.max(cursor, end);
  }
  return collapseWhitespace(kept + text.slice(cursor));
}

/** A date right after a phrase; the range covers phrase + date (+ a closing full stop). */
function dateAfter(
  head: string,
  phraseEnd: number,
  field: string,
  problems: Problems,
): { date: string | null; end: number } {
  const rest = head.slice(phraseEnd);
  const dateText = dateTextAtStart(rest);
  const date = dateText === null ? null : parseDateText(dateText);
  if (date === null) {
    // Nothing date-shaped: show the first few words, which is where the date should have been.
    const words = rest.split(' ');
    const shown = dateText ?? (words.length > 3 ? `${words.slice(0, 3).join(' ')}…` : rest);
    problems.add(field, `unrecognised date "${excerpt(shown, 40)}"`);
    return { date: null, end: phraseEnd };
  }
  const end = phraseEnd + (dateText?.length ?? 0);
  return { date, end: head[end] === '.' ? end + 1 : end };
}

function trimLinkPunctuation(link: string): string {
  let trimmed = link.replace(/[.,;:!?]+$/, '');
  const open = (trimmed.match(/\(/g) ?? []).length;
  const close = (trimmed.match(/\)/g) ?? []).length;
  if (close > open && trimmed.endsWith(')')) trimmed = trimmed.slice(0, -1);
  return trimmed;
}

function paperRef(link: string, field: string, problems: Problems): PaperRef | null {
  const parsed = parsePaperRef(link);
  if (!parsed.ok) {
    problems.add(field, `"${excerpt(link)}" is not a paper link: ${parsed.reason}`);
    return null;
  }
  return { ref: link, key: parsed.key };
}

interface Head {
  title: string | null;
  source: PaperRef | null;
  paperPublishedAt: string | null;
  generatedAt: string | null;
  summary: string | null;
}

/** Title, source, dates and summary prose: everything before the takeaways. */
function parseHead(head: string, readerTitle: string | null, problems: Problems): Head {
  const cut: Range[] = [];
  const source = SOURCE.exec(head);
  let title = readerTitle;
  if (
    title !== null &&
    head.startsWith(title) &&
    (head.length === title.length || head[title.length] === ' ')
  ) {
    cut.push([0, title.length]);
  } else if (title === null && source && source.index > 0) {
    // No title from the reader: the page convention puts it right before "Source:".
    title = head.slice(0, source.index).trim();
    cut.push([0, source.index]);
  }

  let sourceRef: PaperRef | null = null;
  const link = source?.[1] ? trimLinkPunctuation(source[1]) : '';
  // Without a "Source:" line the episode is another podcast's, read for the papers its notes link.
  if (source && link === '') {
    problems.add('source', 'missing the link after "Source:"');
  } else if (source) {
    cut.push([source.index, source.index + source[0].length]);
    sourceRef = paperRef(link, 'source', problems);
  }

  let paperPublishedAt: string | null = null;
  const published = PAPER_PUBLISHED.exec(head);
  if (published) {
    const parsed = dateAfter(
      head,
      published.index + published[0].length,
      'paperPublishedAt',
      problems,
    );
    paperPublishedAt = parsed.date;
    cut.push([published.index, parsed.end]);
  }

  let generatedAt: string | null = null;
  const generated = AI_GENERATED.exec(head);
  if (generated) {
    let end = generated.index + generated[0].length;
    if (generated[1]) {
      const parsed = dateAfter(head, end, 'publishedAt', problems);
      generatedAt = parsed.date;
      end = parsed.end;
    } else if (head[end] === '.') {
      end += 1;
    }
    cut.push([generated.index, end]);
  }

  for (const disclaimer of DISCLAIMERS) {
    const sentence = disclaimer.exec(head);
    if (sentence) cut.push([sentence.index, sentence.index + sentence[0].length]);
  }

  const summary = withoutRanges(head, cut);
  return {
    title,
    source: sourceRef,
    paperPublishedAt,
    generatedAt,
    summary: summary === '' ? null : summary,
  };
}

function parseTakeaways(text: string): string[] {
  return text
    .replace(CHAPTERS_HEADING, '')
    .split(/(?:^|\s)[-–]\s+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

function startSeconds(start: string): number | null {
  const parts = start.split(':').map(Number);
  if (parts.length === 2) {
    const [minutes = 0, seconds = 0] = parts;
    return seconds < 60 ? minutes * 60 + seconds : null;
  }
  const [hours = 0, minutes = 0, seconds = 0] = parts;
  return minutes < 60 && seconds < 60 ? hours * 3600 + minutes * 60 + seconds : null;
}

function parseChapters(text: string, problems: Problems): Chapter[] {
  const starts = [...text.matchAll(CHAPTER_START)];
  const chapters: Chapter[] = [];
  starts.forEach((match, i) => {
    const start = match[1] ?? '';
    const bodyEnd = starts[i + 1]?.index ?? text.length;
    const body = text.slice(match.index + match[0].length, bodyEnd).trim();
    const seconds = startSeconds(start);
    const { title, note } = splitTitleAndNote(body);
    if (seconds === null) problems.add(`chapter #${i + 1}`, `invalid timestamp "${start}"`);
    if (title === '') problems.add(`chapter #${i + 1}`, `chapter at ${start} has no title`);
    if (seconds !== null && title !== '')
      chapters.push({ start, startSeconds: seconds, title, summary: note });
  });
  return chapters;
}

/**
 * The items of the text between two reading links, split at ` - `. A dash starts a new item only after
 * a finished sentence or before a "Title: note" in title case, so a dash inside a note stays in it.
 */
function readingItems(text: string): string[] {
  const segments = text.trim().replace(LEADING_DASH, '').split(ITEM_SEPARATOR);
  const items: string[] = [];
  for (const raw of segments) {
    const segment = raw.trim();
    const previous = items.at(-1);
    if (previous === undefined) items.push(segment);
    else if (SENTENCE_END.test(previous) || (ITEM_START.test(segment) && segment.includes(': ')))
      items.push(segment);
    else items[items.length - 1] = `${previous} - ${segment}`;
  }
  return items.filter((item) => item !== '');
}

function unlinkedReading(item: string): UnlinkedReading {
  const { title, note } = splitTitleAndNote(item);
  return title === '' ? { title: item, note: null } : { title, note };
}

/**
 * Readings are never glued together: every item before a reading's own text, and every item after the
 * last link, is a reading the episode names without a link — kept as text (title and note), no paper.
 */
function parseReadings(
  text: string,
  problems: Problems,
): { readings: ParsedReading[]; unlinked: UnlinkedReading[] } {
  const readings: ParsedReading[] = [];
  const unlinked: UnlinkedReading[] = [];
  let cursor = 0;
  let number = 0;
  for (const match of text.matchAll(READING_LINK)) {
    const items = readingItems(text.slice(cursor, match.index));
    const body = items.pop() ?? '';
    unlinked.push(...items.map(unlinkedReading));
    number += items.length + 1;
    cursor = match.index + match[0].length;
    const ref = paperRef(match[1] ?? '', `reading #${number}`, problems);
    if (!ref) continue;
    const { title, note } = body === '' ? { title: '', note: null } : splitTitleAndNote(body);
    readings.push({ ...ref, title: title === '' ? null : title, note });
  }
  unlinked.push(...readingItems(text.slice(cursor)).map(unlinkedReading));
  return { readings, unlinked };
}

/** The audio file's name, to call an untitled episode by: `…/ep-41.mp3` → `ep-41.mp3`. */
function audioFileName(raw: RawEpisode): string | null {
  const url = raw.enclosure?.url;
  if (url === undefined || !URL.canParse(url)) return null;
  const name = new URL(url).pathname
    .split('/')
    .filter((part) => part !== '')
    .at(-1);
  if (name === undefined) return null;
  try {
    return collapseWhitespace(decodeURIComponent(name)) || null;
  } catch {
    return name;
  }
}

/**
 * Papers the notes link to. The notes' own problems (an `arXiv:` id naming no paper, a refused link)
 * do not refuse the episode: they are the show's text, and a followed feed would fail at every poll.
 * Without notes HTML (the page format), the description text is the notes.
 */
function mentionsInNotes(
  raw: RawEpisode,
  title: string | null,
  notes: readonly NoteSource[],
  text: string,
): ParsedMention[] {
  const sources: readonly NoteSource[] =
    notes.length > 0
      ? notes
      : text === ''
        ? []
        : [{ field: 'description', html: escapeHtml(text) }];
  const { papers } = paperLinksInNotes(sources, { episode: episodeLabel(raw.position, title) });
  return papers.map((paper) => ({
    ref: paper.written,
    key: paper.key,
    note: paper.note,
    linkTexts: paper.linkTexts,
  }));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function findChapterStart(body: string, from: number): number | null {
  const pattern = new RegExp(CHAPTER_START.source, 'g');
  pattern.lastIndex = from;
  return pattern.exec(body)?.index ?? null;
}

/**
 * Parses one raw episode. Throws ImportError listing every problem found in it (a title missing with
 * no audio to tell the episode by, dates or durations that do not parse, a "Source:" line without a
 * paper link, malformed chapters or readings). An episode with a "Source:" line is read in the "AI
 * Papers" format (takeaways, chapters, readings); any other is read as show notes: its summary is the
 * text, and every paper its notes link to is a mention.
 */
export function parseEpisode(raw: RawEpisode, notes: readonly NoteSource[] = []): ParsedEpisode {
  const problems = new Problems();
  const readerTitle = raw.title ? collapseWhitespace(raw.title) : '';
  const text = collapseWhitespace(raw.description);
  const aiPapersFormat = SOURCE.test(text);

  const readingsMatch = aiPapersFormat ? RECOMMENDED_READING.exec(text) : null;
  const body = readingsMatch ? text.slice(0, readingsMatch.index) : text;
  const readingsText = readingsMatch
    ? text.slice(readingsMatch.index + readingsMatch[0].length)
    : '';
  const takeawaysMatch = aiPapersFormat ? KEY_TAKEAWAYS.exec(body) : null;
  const takeawaysStart = takeawaysMatch ? takeawaysMatch.index + takeawaysMatch[0].length : 0;
  const chapterStart = aiPapersFormat ? findChapterStart(body, takeawaysStart) : null;
  const headEnd = takeawaysMatch?.index ?? chapterStart ?? body.length;

  const head =
    text === ''
      ? null
      : parseHead(
          body.slice(0, headEnd).replace(CHAPTERS_HEADING, '').trim(),
          readerTitle || null,
          problems,
        );
  const title = head?.title ?? (readerTitle || audioFileName(raw) || null);
  // Not an episode at all: nothing to call it by and nothing to play.
  if (!title) problems.add('title', 'missing title');
  else if (title.length > MAX_TITLE_LENGTH) {
    problems.add(
      'title',
      `title is ${title.length} characters long; the limit is ${MAX_TITLE_LENGTH}`,
    );
  }

  const takeaways = takeawaysMatch
    ? parseTakeaways(body.slice(takeawaysStart, chapterStart ?? body.length))
    : [];
  const chapters = chapterStart === null ? [] : parseChapters(body.slice(chapterStart), problems);
  const { readings, unlinked: unlinkedReadings } = parseReadings(readingsText, problems);
  const mentions = aiPapersFormat ? [] : mentionsInNotes(raw, title, notes, text);

  let publishedAt = head?.generatedAt ?? null;
  if (publishedAt === null && raw.pubDateText !== undefined) {
    publishedAt = parseDateText(raw.pubDateText);
    if (publishedAt === null)
      problems.add('publishedAt', `unrecognised pubDate "${excerpt(raw.pubDateText, 40)}"`);
  }

  let durationMinutes: number | null = null;
  if (raw.durationText !== undefined) {
    const duration = parseDuration(raw.durationText);
    if (!duration.ok)
      problems.add('duration', `unrecognised duration "${excerpt(raw.durationText, 30)}"`);
    else if (duration.minutes !== null && duration.minutes > MAX_DURATION_MINUTES) {
      problems.add('duration', `"${raw.durationText}" is longer than 24 hours`);
    } else durationMinutes = duration.minutes;
  }

  const feedFields = episodeFeedFields(raw, (field, message) => problems.add(field, message));

  const label = episodeLabel(raw.position, title);
  if (problems.list.length > 0 || !title) {
    throw new ImportError(problems.list.map((problem) => ({ episode: label, ...problem })));
  }
  return {
    position: raw.position,
    title,
    publishedAt,
    paperPublishedAt: head?.paperPublishedAt ?? null,
    durationMinutes,
    summary: head?.summary ?? null,
    takeaways,
    chapters,
    source: head?.source ?? null,
    readings,
    mentions,
    unlinkedReadings,
    feedFields,
  };
}
