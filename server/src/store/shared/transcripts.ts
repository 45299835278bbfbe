// How both stores keep a transcript: its cues grouped into passages (search rows of a few sentences, so
// a phrase said across cues is found and one episode is tens of rows, not thousands), each passage its
// cues' text one per line beside the start of each line; and what a store keeps when an import does
// not know the transcript.
import type { CitationKind, EpisodeRecord, Recommendation } from '../../domain/model.ts';
import type { TranscriptLine } from '../../domain/transcript.ts';

/** A passage ends at the cue that takes it past this many characters. */
const PASSAGE_CHARS = 1_000;

export interface TranscriptPassage {
  /** 0, 1, … in the transcript's order. */
  position: number;
  /** Each line's start second, null where the transcript gives none; JSON, as both stores keep it. */
  startsJson: string;
  /** The cues' text, one per line. */
  text: string;
}

export function transcriptPassages(lines: readonly TranscriptLine[]): TranscriptPassage[] {
  const passages: TranscriptPassage[] = [];
  let starts: (number | null)[] = [];
  let texts: string[] = [];
  let chars = 0;
  const close = () => {
    if (texts.length === 0) return;
    passages.push({
      position: passages.length,
      startsJson: JSON.stringify(starts),
      text: texts.join('\n'),
    });
    starts = [];
    texts = [];
    chars = 0;
  };
  for (const line of lines) {
    starts.push(line.start);
    texts.push(line.text);
    chars += line.text.length + 1;
    if (chars >= PASSAGE_CHARS) close();
  }
  close();
  return passages;
}

/** A passage's lines: its text split at line breaks, each with its start. */
export function passageLines(passage: { startsJson: string; text: string }): TranscriptLine[] {
  const starts = JSON.parse(passage.startsJson) as (number | null)[];
  return passage.text.split('\n').map((text, i) => ({ start: starts[i] ?? null, text }));
}

/** What a store holds of an episode's transcript and the times its citations got from it. */
export interface StoredTranscript {
  /** null: none stored. */
  lines: TranscriptLine[] | null;
  times: { kind: CitationKind; paperId: string; discussedAt: number }[];
}

/**
 * An incoming episode that does not know its transcript (a file import, a fetch that failed) keeps the
 * stored one and the stored times of the papers it still cites (as the same kind), so such a
 * re-import of an unchanged episode is unchanged. One that knows (a transcript or null) is as it says.
 */
export function withStoredTranscript(
  record: EpisodeRecord,
  stored: StoredTranscript | undefined,
): EpisodeRecord {
  if (record.transcript !== undefined || stored === undefined) return record;
  const times = new Map(stored.times.map((t) => [`${t.kind} ${t.paperId}`, t.discussedAt]));
  const timed = (kind: CitationKind, citations: readonly Recommendation[]): Recommendation[] =>
    citations.map((citation) => {
      const discussedAt = times.get(`${kind} ${citation.paperId}`);
      return citation.discussedAt !== undefined || discussedAt === undefined
        ? citation
        : { ...citation, discussedAt };
    });
  return {
    ...record,
    recommendations: timed('RECOMMENDED', record.recommendations),
    ...(record.mentions === undefined ? {} : { mentions: timed('MENTIONS', record.mentions) }),
    ...(stored.lines === null ? {} : { transcript: stored.lines }),
  };
}

/** Where a search matched in a transcript: the line that best matches and its start. */
export interface TranscriptMatch {
  excerpt: string;
  startSeconds: number | null;
}

const EXCERPT_CHARS = 200;

const foldWords = (text: string): string[] =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * A typed word matches a said word as the full-text indexes do, near enough: as a prefix ("optim"
 * finds "optimization"), or, for words without digits, sharing a stem-like start ("preferences"
 * finds "preference"; "cue1999" is not "cue1990").
 */
function sameWord(typed: string, said: string): boolean {
  if (said.startsWith(typed)) return true;
  if (/\p{N}/u.test(typed)) return false;
  let common = 0;
  while (common < typed.length && common < said.length && typed[common] === said[common]) common++;
  return common >= 4 && common >= Math.min(typed.length, said.length) - 3;
}

/**
 * The line of a passage the full-text index ranked first that holds most of the typed words (the
 * earliest on ties, the first line when none does), cut to a short excerpt around its first match.
 */
export function transcriptMatch(
  query: string,
  passage: { startsJson: string; text: string },
): TranscriptMatch {
  const typed = [...new Set(foldWords(query))];
  const lines = passageLines(passage);
  let best = { index: 0, found: 0 };
  lines.forEach((line, index) => {
    const said = foldWords(line.text);
    const found = typed.filter((word) => said.some((w) => sameWord(word, w))).length;
    if (found > best.found) best = { index, found };
  });
  const line = lines[best.index] ?? { start: null, text: '' };
  return { excerpt: excerptOf(line.text, typed), startSeconds: line.start };
}

function excerptOf(text: string, typed: readonly string[]): string {
  if (text.length <= EXCERPT_CHARS) return text;
  const lower = text.toLowerCase();
  const at = typed.reduce((first, word) => {
    const i = lower.indexOf(word);
    return i >= 0 && i < first ? i : first;
  }, text.length);
  const from = at === text.length ? 0 : Math.max(0, at - EXCERPT_CHARS / 4);
  const cut = text.slice(from, from + EXCERPT_CHARS);
  return `${from > 0 ? '…' : ''}${cut}${from + EXCERPT_CHARS < text.length ? '…' : ''}`;
}
