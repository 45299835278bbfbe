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

function startsLikeSentence(segment: string): boolean {
  return /^["'“‘]?\p{Lu}/u.test(segment);
}

function readsLikeSentence(segment: string): boolean {
  const longWords = segment
    .split(/\s+/)
    .map((word) => word.replace(/^[^\p{L}]+/u, ''))
    .filter((word) => (word.match(/\p{L}/gu) ?? []).length >= LONG_WORD_LETTERS);
  if (longWords.length === 0) return false;
  const capitalised = longWords.filter((word) => /^\p{Lu}/u.test(word)).length;
  return capitalised / longWords.length < TITLE_CASE_SHARE;
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
