// What is kept of an episode's transcript: each cue's start (whole seconds, as a player seeks) and its
// text. Speakers and end times are left out: search and seeking need only where the words are said.
import { z } from 'zod';

import { MAX_AUDIO_SECONDS } from './audio.ts';

/** Characters of cue text kept per episode (a three-hour conversation is about 180,000). */
export const MAX_TRANSCRIPT_CHARS = 200_000;
/** Characters of one cue's text. */
export const MAX_CUE_CHARS = 5_000;

const transcriptLineSchema = z.object({
  /** Null when the transcript gives the cue no time (an HTML monologue). */
  start: z.number().int().nonnegative().max(MAX_AUDIO_SECONDS).nullable(),
  /** One line: whitespace collapsed, no line breaks (the stores keep a passage's cues one per line). */
  text: z
    .string()
    .max(MAX_CUE_CHARS)
    .regex(/^\S(?:.*\S)?$/, 'a cue is one trimmed line of text'),
});
export type TranscriptLine = z.infer<typeof transcriptLineSchema>;

export const transcriptSchema = z
  .array(transcriptLineSchema)
  .refine(
    (lines) => transcriptChars(lines) <= MAX_TRANSCRIPT_CHARS,
    `a transcript keeps at most ${MAX_TRANSCRIPT_CHARS} characters`,
  );

function transcriptChars(lines: readonly TranscriptLine[]): number {
  return lines.reduce((sum, line) => sum + line.text.length, 0);
}
