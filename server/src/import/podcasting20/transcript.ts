// podcast:transcript files as cues: SubRip (SRT), WebVTT, the Podcasting 2.0 JSON format and its HTML
// format (podcast-namespace transcripts.md). A file that breaks its format is refused with every
// place it breaks it (line, segment or tag), never half read.
import { decodeHTML } from 'entities';
import { z } from 'zod';

import { ImportError, type ImportIssue } from '../errors.ts';
import { cleanControlCharacters, collapseWhitespace, excerpt } from '../text.ts';
import { parseHtmlTranscript } from './htmlTranscript.ts';

export interface TranscriptCue {
  /** Seconds from the start of the audio; null for an HTML transcript's monologue without a time. */
  start: number | null;
  end: number | null;
  speaker: string | null;
  text: string;
}

export type TranscriptFormat = 'srt' | 'vtt' | 'json' | 'html';

const FIELD = 'podcast:transcript';

/** `HH:MM:SS,mmm`, `MM:SS.mmm`: hours optional, comma (SRT) or full stop (WebVTT) before the fraction. */
const TIMECODE = String.raw`(?:(\d+):)?([0-5]?\d):([0-5]\d)[,.](\d{1,3})`;
const TIMING = new RegExp(String.raw`^\s*${TIMECODE}\s*-->\s*${TIMECODE}(?:\s+.*)?$`);

function seconds(hours = '0', minutes = '0', secs = '0', fraction = '0'): number {
  return (
    Number(hours) * 3600 +
    Number(minutes) * 60 +
    Number(secs) +
    Number(fraction.padEnd(3, '0')) / 1000
  );
}

function timingOf(line: string): { start: number; end: number } | null {
  const match = TIMING.exec(line);
  if (!match) return null;
  const [, h1, m1, s1, f1, h2, m2, s2, f2] = match;
  return { start: seconds(h1, m1, s1, f1), end: seconds(h2, m2, s2, f2) };
}

/** Blank-line separated blocks with the 1-based line each starts on. */
function blocksOf(text: string): { line: number; lines: string[] }[] {
  const blocks: { line: number; lines: string[] }[] = [];
  let current: { line: number; lines: string[] } | null = null;
  cleanControlCharacters(text)
    .split('\n')
    .forEach((line, index) => {
      if (line.trim() === '') current = null;
      else if (current) current.lines.push(line);
      else {
        current = { line: index + 1, lines: [line] };
        blocks.push(current);
      }
    });
  return blocks;
}

function refuse(problems: ImportIssue[]): never {
  throw new ImportError(problems.map((problem) => ({ ...problem, field: FIELD })));
}

/** SRT's speaker convention: a card starting with a capitalised name and a colon. */
const SRT_SPEAKER = /^(\p{Lu}[\p{L}.'’-]*(?: \p{Lu}[\p{L}.'’-]*){0,3}):\s+/u;

export function parseSrt(text: string): TranscriptCue[] {
  const cues: TranscriptCue[] = [];
  const problems: ImportIssue[] = [];
  let speaker: string | null = null;
  for (const block of blocksOf(text)) {
    const lines = /^\d+$/.test(block.lines[0]?.trim() ?? '') ? block.lines.slice(1) : block.lines;
    const timingLine = lines[0] ?? '';
    const timing = timingOf(timingLine);
    if (!timing) {
      const line = block.line + block.lines.length - lines.length;
      problems.push({
        message: `SRT line ${line}: "${excerpt(timingLine)}" is not a cue timing (00:00:01,000 --> 00:00:04,000)`,
      });
      continue;
    }
    let body = collapseWhitespace(lines.slice(1).join(' '));
    const named = SRT_SPEAKER.exec(body);
    // A card names its speaker when the speaker changes; later cards are the same speaker's.
    if (named?.[1]) {
      speaker = named[1];
      body = body.slice(named[0].length);
    }
    cues.push({ ...timing, speaker, text: body });
  }
  if (problems.length > 0) refuse(problems);
  return cues;
}

/** WebVTT cue text: `<v Name>` names the speaker; other tags and timestamps are markup, not words. */
function vttCueText(payload: string): { speaker: string | null; text: string } {
  let speaker: string | null = null;
  const words = payload.replace(/<([^>]*)>/g, (_tag, inside: string) => {
    const voice = /^v(?:\.[^\s]+)*\s+(.+)$/.exec(inside.trim());
    if (voice?.[1] && speaker === null) speaker = voice[1].trim();
    return '';
  });
  return { speaker, text: collapseWhitespace(decodeHTML(words)) };
}

export function parseVtt(text: string): TranscriptCue[] {
  const blocks = blocksOf(text);
  const header = blocks[0];
  if (!header || !/^WEBVTT(?:[ \t].*)?$/.test(header.lines[0] ?? ''))
    refuse([{ message: 'WebVTT line 1: the file does not start with "WEBVTT"' }]);
  const cues: TranscriptCue[] = [];
  const problems: ImportIssue[] = [];
  for (const block of blocks.slice(1)) {
    const first = block.lines[0] ?? '';
    if (/^(?:NOTE|STYLE|REGION)(?:\s|$)/.test(first)) continue;
    const timingIndex = block.lines.findIndex((line) => line.includes('-->'));
    const timing =
      timingIndex >= 0 && timingIndex <= 1 ? timingOf(block.lines[timingIndex] ?? '') : null;
    if (!timing) {
      const at = block.line + Math.max(0, Math.min(timingIndex, 1));
      problems.push({
        message: `WebVTT line ${at}: "${excerpt(block.lines[Math.max(0, timingIndex)] ?? first)}" is not a cue timing (00:01.000 --> 00:04.000)`,
      });
      continue;
    }
    cues.push({ ...timing, ...vttCueText(block.lines.slice(timingIndex + 1).join('\n')) });
  }
  if (problems.length > 0) refuse(problems);
  return cues;
}

const jsonTranscriptSchema = z.object({
  version: z.string().optional(),
  segments: z.array(
    z.object({
      speaker: z.string().optional(),
      startTime: z.number().nonnegative(),
      endTime: z.number().nonnegative().optional(),
      body: z.string(),
    }),
  ),
});

export function parseJsonTranscript(text: string): TranscriptCue[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    refuse([
      { message: `JSON transcript: ${error instanceof Error ? error.message : String(error)}` },
    ]);
  }
  const parsed = jsonTranscriptSchema.safeParse(json);
  if (!parsed.success)
    refuse(
      parsed.error.issues.map((issue) => ({
        message: `JSON transcript at ${issue.path.length > 0 ? issue.path.join('.') : 'the top level'}: ${issue.message}`,
      })),
    );
  return parsed.data.segments.map((segment) => ({
    start: segment.startTime,
    end: segment.endTime ?? null,
    speaker: segment.speaker?.trim() || null,
    text: collapseWhitespace(segment.body),
  }));
}

const FORMAT_OF_TYPE: ReadonlyMap<string, TranscriptFormat> = new Map([
  ['application/x-subrip', 'srt'],
  ['application/srt', 'srt'],
  ['text/srt', 'srt'],
  ['text/vtt', 'vtt'],
  ['application/json', 'json'],
  ['text/html', 'html'],
]);

/**
 * The format of a transcript: the first of `types` (MIME types, most trusted first) that names one,
 * else the file's start tells (for text/plain, octet-stream and unknown types).
 */
export function transcriptFormat(types: readonly string[], text: string): TranscriptFormat | null {
  for (const type of types) {
    const known = FORMAT_OF_TYPE.get(type.split(';')[0]?.trim().toLowerCase() ?? '');
    if (known) return known;
  }
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('WEBVTT')) return 'vtt';
  if (start.startsWith('{')) return 'json';
  if (/^\d+\s*\r?\n[^\n]*-->/.test(start)) return 'srt';
  return null;
}

export function parseTranscript(format: TranscriptFormat, text: string): TranscriptCue[] {
  switch (format) {
    case 'srt':
      return parseSrt(text);
    case 'vtt':
      return parseVtt(text);
    case 'json':
      return parseJsonTranscript(text);
    case 'html':
      return parseHtmlTranscript(text);
  }
}
