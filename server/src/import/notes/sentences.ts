// The sentence around a place in a block of text, as written: Intl.Segmenter finds sentence ends in
// any language; a few abbreviations it takes for ends ("et al.", "e.g.", initials) are joined back.
import { collapseWhitespace } from '../text.ts';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });

/** Segments ending like this continue into the next one: the full stop is an abbreviation's. */
const ABBREVIATION_END = /(?:\bet al|\be\.g|\bi\.e|\bcf|\bvs|\bfig|\beq|(?:^|\s)\p{L})\.\s*$/iu;

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

/** The index of the first sentence ending after `offset` (sentences are in order and touch). */
function sentenceIndexAt(sentences: readonly Sentence[], offset: number): number {
  let low = 0;
  let high = sentences.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((sentences[middle]?.end ?? 0) <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * A reader of the sentences of `text`: given [start, end), the sentence or sentences it overlaps,
 * whitespace runs shown as one space (as HTML shows them), otherwise as written. Sentences are found
 * once per text, however many places are asked for.
 */
export function sentenceFinder(text: string): (start: number, end: number) => string {
  let sentences: Sentence[] | null = null;
  return (start, end) => {
    sentences ??= sentencesOf(text);
    const first = sentences[sentenceIndexAt(sentences, start)];
    const last = sentences[sentenceIndexAt(sentences, Math.max(start, end - 1))];
    if (!first || !last) return collapseWhitespace(text);
    return collapseWhitespace(text.slice(first.start, last.end));
  };
}
