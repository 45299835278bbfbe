// What an episode keeps of the transcript it was fetched with (domain/transcript.ts): each cue's start
// in whole seconds and its text on one line, up to the cap, cut at a cue boundary.
import { MAX_AUDIO_SECONDS } from '../../domain/audio.ts';
import {
  MAX_CUE_CHARS,
  MAX_TRANSCRIPT_CHARS,
  type TranscriptLine,
} from '../../domain/transcript.ts';
import { collapseWhitespace } from '../text.ts';
import type { TranscriptCue } from './transcript.ts';

interface KeptTranscript {
  lines: TranscriptLine[];
  /** The characters of text the cut left out; 0 when all of it is kept. */
  charsLeftOut: number;
}

export function keptTranscript(cues: readonly TranscriptCue[]): KeptTranscript {
  const lines: TranscriptLine[] = [];
  let kept = 0;
  let charsLeftOut = 0;
  for (const cue of cues) {
    const text = collapseWhitespace(cue.text).slice(0, MAX_CUE_CHARS).trim();
    if (text === '') continue;
    if (charsLeftOut > 0 || kept + text.length > MAX_TRANSCRIPT_CHARS) {
      charsLeftOut += text.length;
      continue;
    }
    kept += text.length;
    const start =
      cue.start === null || !Number.isFinite(cue.start)
        ? null
        : Math.min(MAX_AUDIO_SECONDS, Math.max(0, Math.floor(cue.start)));
    lines.push({ start, text });
  }
  return { lines, charsLeftOut };
}
