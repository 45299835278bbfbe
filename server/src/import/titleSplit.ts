// "Title: note" where the title itself may contain colons ("EAGLE: Speculative Sampling Requires
// Rethinking Feature Uncertainty: The autoregressive drafter lineage …"). Titles are Title Case or
// start lower-case after a colon ("Centaur: a foundation model of …"); notes are sentences.

export interface TitleAndNote {
  title: string;
  note: string | null;
}

/** Share of capitalised long words above which a segment reads like a title, not a sentence. */
const TITLE_CASE_SHARE = 0.6;
const LONG_WORD_LETTERS = 4;

const SENTENCE_START = /^["'“‘]?\p{Lu}/u;
/** At least LONG_WORD_LETTERS letters anywhere in the word (tested without building a match list). */
const LONG_WORD = new RegExp(`\\p{L}(?:[^\\p{L}]*\\p{L}){${LONG_WORD_LETTERS - 1}}`, 'u');
/** The first letter, after any leading non-letters, is upper-case. */
const CAPITALISED_WORD = /^[^\p{L}]*\p{Lu}/u;
const WHITESPACE_RUN = /\s+/;

function startsLikeSentence(segment: string): boolean {
  return SENTENCE_START.test(segment);
}

function readsLikeSentence(segment: string): boolean {
  let longWords = 0;
  let capitalised = 0;
  for (const word of segment.split(WHITESPACE_RUN)) {
    if (!LONG_WORD.test(word)) continue;
    longWords += 1;
    if (CAPITALISED_WORD.test(word)) capitalised += 1;
  }
  if (longWords === 0) return false;
  return capitalised / longWords < TITLE_CASE_SHARE;
}

/**
 * Splits on ": ". The note starts at the first segment after the first that starts upper-case (or
 * with a quote) and reads like a sentence; failing that, the last segment is the note.
 */
export function splitTitleAndNote(text: string): TitleAndNote {
  const segments = text.trim().split(': ');
  if (segments.length === 1) return { title: text.trim().replace(/:$/, '').trim(), note: null };
  let noteStart = segments.length - 1;
  for (let j = 1; j < segments.length; j++) {
    const segment = segments[j] ?? '';
    if (startsLikeSentence(segment) && readsLikeSentence(segment)) {
      noteStart = j;
      break;
    }
  }
  const title = segments.slice(0, noteStart).join(': ').trim();
  const note = segments.slice(noteStart).join(': ').trim();
  return { title, note: note === '' ? null : note };
}
