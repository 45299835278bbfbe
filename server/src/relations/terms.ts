// Text → index terms with wink-nlp: the nouns, names and adjectives, English stop words dropped,
// as Porter stems, plus the stem pair of every two adjacent ones ("specul decod"), so a shared
// phrase such as "speculative decoding" counts beyond its two words and can be named as one term.
import type { ItsFunction } from 'wink-nlp';
import { wink } from './wink.ts';

export interface TermCount {
  count: number;
  /** The term as the text first writes it, e.g. `specul decod` → `speculative decoding`. */
  surface: string;
}

/** Each distinct term (stem or stem pair) of a text. */
export type TextTerms = Map<string, TermCount>;

/** Joins the two stems of a phrase term; a space never occurs inside a stem. */
export const PHRASE_SEPARATOR = ' ';

/** Keeps the case of acronyms and names (GPU, DeepSeek), lower-cases ordinary words. */
function displayForm(value: string): string {
  return /\p{Lu}/u.test(value.slice(1)) ? value : value.toLowerCase();
}

/** What an episode is about is in its nouns, names and adjectives; verbs and adverbs say how. */
const CONTENT_POS = new Set(['NOUN', 'PROPN', 'ADJ']);

/**
 * Words worth indexing: content parts of speech, two or more characters, starting with a letter.
 */
function isContentWord(value: string, pos: string, stopWord: boolean): boolean {
  return CONTENT_POS.has(pos) && !stopWord && value.length >= 2 && /^\p{L}/u.test(value);
}

interface Word {
  stem: string;
  value: string;
  /** Whether a phrase may continue from the previous content word to this one. */
  joinsPrevious: boolean;
}

/**
 * Stems by lower-cased word: the stemmer costs more than tokenizing, and vocabularies are small.
 */
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 500_000;

function stemOf(word: string): string {
  const key = word.toLowerCase();
  let stem = stemCache.get(key);
  if (stem === undefined) {
    const { readDoc, its } = wink();
    // its.stem's declared signature takes the model's addons, which the typing of out() omits.
    const stemOfToken = its.stem as ItsFunction<string>;
    stem = (readDoc(key).tokens().out(stemOfToken) as string[])[0] ?? key;
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(key, stem);
  }
  return stem;
}

export function textTerms(text: string): TextTerms {
  const { readDoc, its } = wink();
  const tokens = readDoc(text).tokens();
  const values = tokens.out(its.value) as string[];
  const types = tokens.out(its.type) as string[];
  const partsOfSpeech = tokens.out(its.pos) as string[];
  const stopWords = tokens.out(its.stopWordFlag) as boolean[];
  const spaces = tokens.out(its.precedingSpaces) as string[];

  const words: Word[] = [];
  // A phrase runs over plain spaces and in-word hyphens ("rejection-sampling"); anything else
  // (a stop word, punctuation, a number) ends it.
  let joinable = false;
  let hyphenPending = false;
  values.forEach((value, i) => {
    const type = types[i]!;
    const spaced = spaces[i]!.length > 0;
    if (type === 'punctuation' && value === '-' && !spaced && joinable) {
      hyphenPending = true;
      return;
    }
    const continues = joinable && (hyphenPending ? !spaced : true);
    hyphenPending = false;
    if (!isContentWord(value, partsOfSpeech[i]!, stopWords[i]!)) {
      joinable = false;
      return;
    }
    words.push({ stem: stemOf(value), value, joinsPrevious: continues });
    joinable = true;
  });

  const terms: TextTerms = new Map();
  const add = (term: string, surface: () => string) => {
    const known = terms.get(term);
    if (known) known.count += 1;
    else terms.set(term, { count: 1, surface: surface() });
  };
  words.forEach((word, i) => {
    add(word.stem, () => displayForm(word.value));
    const previous = words[i - 1];
    if (word.joinsPrevious && previous && previous.stem !== word.stem) {
      add(
        `${previous.stem}${PHRASE_SEPARATOR}${word.stem}`,
        () => `${displayForm(previous.value)} ${displayForm(word.value)}`,
      );
    }
  });
  return terms;
}

/** Whether a term is a phrase of two stems rather than a single stem. */
export function isPhrase(term: string): boolean {
  return term.includes(PHRASE_SEPARATOR);
}
