// The sentence around a place in a block of text, as written: Intl.Segmenter finds sentence ends in
// any language; a few abbreviations it takes for ends ("et al.", "e.g.", initials) are joined back.
import { collapseWhitespace } from '../text.ts';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });

/** Segments ending like this continue into the next one: the full stop is an abbreviation's. */
const ABBREVIATION_END =
  /(?:\bet al|\be\.g|\bi\.e|\bcf|\bvs|\bfig|\beq|\bno|(?:^|\s)\p{L})\.\s*$/iu;

interface Sentence {
  start: number;
  end: number;
}

/** Line breaks, which the segmenter takes for paragraph ends; in HTML they are spaces. */
const LINE_BREAKS = /[\n\r\t\f\v\u0085\u2028\u2029]/g;

function sentencesOf(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  // Replaced one for one, so offsets in the segmented copy are offsets in `text`.
  for (const { segment, index } of segmenter.segment(text.replace(LINE_BREAKS, ' '))) {
    const previous = sentences.at(-1);
    if (previous && ABBREVIATION_END.test(text.slice(previous.start, previous.end)))
      previous.end = index + segment.length;
    else sentences.push({ start: index, end: index + segment.length });
  }
  return sentences;
}

/**
 * The sentence or sentences that [start, end) overlaps, whitespace runs shown as one space (as HTML
 * shows them); the text is otherwise as written.
 */
export function sentenceAround(text: string, start: number, end: number): string {
  const covering = sentencesOf(text).filter(
    (sentence) =>
      (sentence.start < end && sentence.end > start) ||
      (start === end && sentence.start <= start && start <= sentence.end),
  );
  const first = covering[0];
  const last = covering.at(-1);
  if (!first || !last) return collapseWhitespace(text);
  return collapseWhitespace(text.slice(first.start, last.end));
}
