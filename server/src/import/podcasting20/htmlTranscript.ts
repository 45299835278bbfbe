// The namespace's HTML transcript format: `<cite>` names the speaker, `<time>` the start of the
// monologue that follows (when known), `<p>` holds what is said. htmlparser2 tokenises and decodes
// entities; a monologue without a `<time>` has no start rather than a guessed one.
import { Parser } from 'htmlparser2';

import { ImportError, type ImportIssue } from '../errors.ts';
import { collapseWhitespace, excerpt } from '../text.ts';
import type { TranscriptCue } from './transcript.ts';

/** `0:09`, `1:02:03`, `00:00:09.500`. */
const CLOCK = /^(?:(\d+):)?([0-5]?\d):([0-5]\d)(?:[.,](\d{1,3}))?$/;

function clockSeconds(text: string): number | null {
  const match = CLOCK.exec(text);
  if (!match) return null;
  const [, hours = '0', minutes = '0', seconds = '0', fraction = '0'] = match;
  return (
    Number(hours) * 3600 +
    Number(minutes) * 60 +
    Number(seconds) +
    Number(fraction.padEnd(3, '0')) / 1000
  );
}

type Reading = 'cite' | 'time' | 'p';
const READ = new Set<string>(['cite', 'time', 'p']);

export function parseHtmlTranscript(html: string): TranscriptCue[] {
  const cues: TranscriptCue[] = [];
  const problems: ImportIssue[] = [];
  let speaker: string | null = null;
  let start: number | null = null;
  let reading: Reading | null = null;
  let text = '';
  const parser = new Parser(
    {
      onopentag(name) {
        if (READ.has(name)) {
          reading = name as Reading;
          text = '';
        }
      },
      ontext(data) {
        if (reading !== null) text += data;
      },
      onclosetag(name) {
        if (name !== reading) return;
        const value = collapseWhitespace(text);
        if (reading === 'cite') speaker = value.replace(/\s*:$/, '') || null;
        else if (reading === 'time') {
          start = clockSeconds(value);
          if (start === null)
            problems.push({
              field: 'podcast:transcript',
              message: `HTML transcript: <time>${excerpt(value, 30)}</time> is not a time (0:09 or 1:02:03)`,
            });
        } else if (value !== '') {
          cues.push({ start, end: null, speaker, text: value });
          start = null;
        }
        reading = null;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html);
  if (problems.length > 0) throw new ImportError(problems);
  return cues;
}
