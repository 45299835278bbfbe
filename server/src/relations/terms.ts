// Text → index terms with wink-nlp: the nouns, names and adjectives, English stop words dropped,
// as Porter stems, plus the stem pair of every two adjacent ones ("specul decod"), so a shared
// phrase such as "speculative decoding" counts beyond its two words and can be named as one term.
//
// wink splits a text on spaces and tokenizes each piece on its own, so a vocabulary tokenizes each
// distinct piece once and reuses its words: the cost of wink grows with the vocabulary, not with the
// corpus. Parts of speech are therefore wink's tags of a piece by itself, without the sentence
// around it; an uninflected word tagged as a verb by itself ("reward") still counts when a noun
// follows it in the same phrase ("reward model"), as a tagger reading the sentence would have it.
import type { ItsFunction } from 'wink-nlp';

import { wink } from './wink.ts';

export interface TermCount {
  count: number;
  /** The term as the text first writes it, e.g. `specul decod` → `speculative decoding`. */
  surface: string;
}

/** Each distinct term (stem or stem pair) of a text. */
export type TextTerms = Map<string, TermCount>;

/** A text's distinct terms as vocabulary ids, ascending, with counts and first ways of writing. */
export interface CountedTerms {
  ids: Int32Array;
  counts: Uint32Array;
  /** Per term, the form id of the way the text first wrote it. */
  forms: Int32Array;
}

/**
 * A text's terms in the order a vocabulary meeting it first would number them: every stem of each
 * piece as the piece comes (counted or not), each phrase as it is formed. Ids are the tokenizing
 * vocabulary's; a TermNumbering renumbers them for an index, so an index numbers its terms as if it
 * had tokenized its texts itself, in its own order, wherever they were tokenized.
 */
export interface CountedText {
  terms: Int32Array;
  /** Occurrences per term; 0 for a word met only where it does not count (a verb before a verb). */
  counts: Uint32Array;
  /** Form id of the way the text first wrote each counted term; -1 for an uncounted one. */
  forms: Int32Array;
  /** 1 where the text uses the stem as a noun or a name (what lets it name a subject). */
  nouns: Uint8Array;
}

/** A counted text with the hash of its parts (contentHash), as a batch carries it. */
export interface HashedText {
  hash: string;
  text: CountedText;
}

/**
 * Counted texts in ids of their own, so they cross threads as plain data and another vocabulary
 * adopts them (Vocabulary.adopt): per batch term, a stem or the pair of batch terms of a phrase; per
 * batch form, a word or the pair of forms of a phrase's way of writing. The texts lie end to end in
 * flat arrays (text `at` is [textStarts[at], textStarts[at + 1])), so a batch crosses threads as a
 * few buffers rather than four per text.
 */
export interface CountedBatch {
  /** The stem, or '' for a phrase. */
  termStems: string[];
  /** Two per term: the phrase's batch terms, or -1, -1 for a stem. */
  termPairs: Int32Array;
  formWords: string[];
  formPairs: Int32Array;
  /** Per text, its contentHash. */
  hashes: string[];
  /** Where each text starts in the flat arrays below, and where the last ends. */
  textStarts: Int32Array;
  /** Every text's CountedText fields, end to end; terms and forms in batch ids. */
  terms: Int32Array;
  counts: Uint32Array;
  forms: Int32Array;
  nouns: Uint8Array;
}

/** Joins the two stems of a phrase term; a space never occurs inside a stem. */
const PHRASE_SEPARATOR = ' ';

/** Whether a term is a phrase of two stems rather than a single stem. */
export function isPhrase(term: string): boolean {
  return term.includes(PHRASE_SEPARATOR);
}

/** Keeps the case of acronyms and names (GPU, DeepSeek), lower-cases ordinary words. */
function displayForm(value: string): string {
  return /\p{Lu}/u.test(value.slice(1)) ? value : value.toLowerCase();
}

/** What an episode is about is in its nouns, names and adjectives; verbs and adverbs say how. */
const CONTENT_POS = new Set(['NOUN', 'PROPN', 'ADJ']);
/** Of those, the ones that can name a subject by themselves. */
const NOUN_POS = new Set(['NOUN', 'PROPN']);

/** A token of a piece: a content word, a word that is one only before a noun, or neither. */
const OTHER = 0;
const HYPHEN = 1;
const CONTENT = 2;
const MODIFIER = 3;
/** A content word tagged as a noun or a name. */
const NOUN = 4;

/** How a text met a term, as bits: at all, and as a noun. */
const MET_AS_NOUN = 1;
const MET_AS_ANY = 2;

/** A piece's tokens, three numbers each: role, then stem id and form id (-1 for other roles). */
type PieceTokens = Int32Array;

const isWordLike = (value: string) => value.length >= 2 && /^\p{L}/u.test(value);

/** Char codes of whitespace that ends a phrase (a line or a tab, not a plain space). */
const isBreakingSpace = (code: number) => code === 10 || code === 13 || code === 9;
const isSpace = (code: number) =>
  code === 32 || isBreakingSpace(code) || code === 0xa0 || code === 12 || code === 11;

/**
 * Ids by pair of ids: an open-addressing hash table, since phrases are met millions of times. Each
 * slot holds first, second and id side by side, so a probe reads one cache line.
 */
class PairIds {
  private slots = new Int32Array(3 << 16).fill(-1);
  private size = 0;

  private start(first: number, second: number): number {
    const mask = this.slots.length / 3 - 1;
    return (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) & mask;
  }

  /** The id of the pair, or -1. */
  find(first: number, second: number): number {
    const slots = this.slots;
    const mask = slots.length / 3 - 1;
    for (let at = this.start(first, second); ; at = (at + 1) & mask) {
      const i = at * 3;
      const stored = slots[i]!;
      if (stored === -1) return -1;
      if (stored === first && slots[i + 1] === second) return slots[i + 2]!;
    }
  }

  /** Records the id of a pair `find` did not find. */
  add(first: number, second: number, id: number): void {
    const slots = this.slots;
    const mask = slots.length / 3 - 1;
    let at = this.start(first, second);
    while (slots[at * 3] !== -1) at = (at + 1) & mask;
    slots[at * 3] = first;
    slots[at * 3 + 1] = second;
    slots[at * 3 + 2] = id;
    this.size += 1;
    if (this.size * 2 > slots.length / 3) this.rehash();
  }

  private rehash(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    this.size = 0;
    for (let i = 0; i < old.length; i += 3) {
      if (old[i] !== -1) this.add(old[i]!, old[i + 1]!, old[i + 2]!);
    }
  }
}

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

function grownInts(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (size <= array.length) return array;
  const next = new Int32Array(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

/** Int32 values appended one by one, then handed over as one array. */
class GrowingInts {
  private values = new Int32Array(1 << 12);
  private size = 0;

  push(first: number, second: number): void {
    if (this.size + 2 > this.values.length) this.values = grownInts(this.values, this.size + 2);
    this.values[this.size] = first;
    this.values[this.size + 1] = second;
    this.size += 2;
  }

  /** The values pushed, in an array of their length. */
  done(): Int32Array {
    return this.values.slice(0, this.size);
  }
}

/**
 * Pieces of text by their FNV-1a hash, found without cutting them out of the text they are in:
 * most of counting is looking pieces up, and a slice costs a string each time. Characters and
 * tokens live in flat typed pools, so a lookup reads a few adjacent numbers rather than strings
 * scattered over the heap.
 */
class PieceTable {
  private slots = new Int32Array(1 << 14).fill(-1);
  private size = 0;
  private hashes = new Int32Array(1 << 13);
  /** Per piece: where its characters and its tokens start in the pools, and how many. */
  private charStarts = new Int32Array(1 << 13);
  private charLengths = new Int32Array(1 << 13);
  private tokenStarts = new Int32Array(1 << 13);
  private tokenLengths = new Int32Array(1 << 13);
  private chars = new Uint16Array(1 << 16);
  private charsUsed = 0;
  /** Every piece's tokens, three numbers each (see PieceTokens). */
  tokens = new Int32Array(1 << 16);
  private tokensUsed = 0;

  /** The piece text[start, end) whose hash is `hash`, or -1 when not yet added. */
  find(text: string, start: number, end: number, hash: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    const length = end - start;
    for (let at = hash & mask; ; at = (at + 1) & mask) {
      const entry = slots[at]!;
      if (entry === -1) return -1;
      if (this.hashes[entry] !== hash || this.charLengths[entry] !== length) continue;
      const chars = this.chars;
      const from = this.charStarts[entry]!;
      let k = 0;
      while (k < length && chars[from + k] === text.charCodeAt(start + k)) k += 1;
      if (k === length) return entry;
    }
  }

  /** Where the piece's tokens start in `tokens`. */
  tokenStart(entry: number): number {
    return this.tokenStarts[entry]!;
  }

  /** Where the piece's tokens end in `tokens`. */
  tokenEnd(entry: number): number {
    return this.tokenStarts[entry]! + this.tokenLengths[entry]!;
  }

  /** Adds a piece with its tokens; returns its entry. */
  add(piece: string, hash: number, tokens: PieceTokens): number {
    const entry = this.size;
    this.size += 1;
    this.hashes = grownInts(this.hashes, this.size);
    this.charStarts = grownInts(this.charStarts, this.size);
    this.charLengths = grownInts(this.charLengths, this.size);
    this.tokenStarts = grownInts(this.tokenStarts, this.size);
    this.tokenLengths = grownInts(this.tokenLengths, this.size);
    this.hashes[entry] = hash;
    if (this.charsUsed + piece.length > this.chars.length) {
      const chars = new Uint16Array(Math.max(this.charsUsed + piece.length, this.chars.length * 2));
      chars.set(this.chars);
      this.chars = chars;
    }
    for (let k = 0; k < piece.length; k += 1) this.chars[this.charsUsed + k] = piece.charCodeAt(k);
    this.charStarts[entry] = this.charsUsed;
    this.charLengths[entry] = piece.length;
    this.charsUsed += piece.length;
    this.tokens = grownInts(this.tokens, this.tokensUsed + tokens.length);
    this.tokens.set(tokens, this.tokensUsed);
    this.tokenStarts[entry] = this.tokensUsed;
    this.tokenLengths[entry] = tokens.length;
    this.tokensUsed += tokens.length;
    if (this.size * 2 >= this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2).fill(-1);
      for (let each = 0; each < this.size; each += 1) this.place(each);
    } else this.place(entry);
    return entry;
  }

  private place(entry: number): void {
    const mask = this.slots.length - 1;
    let at = this.hashes[entry]! & mask;
    while (this.slots[at] !== -1) at = (at + 1) & mask;
    this.slots[at] = entry;
  }
}

/** Interns terms and their ways of writing, and tokenizes texts into them. */
export class Vocabulary {
  /** Whether each term is a phrase. */
  readonly phrases: boolean[] = [];
  /** Stem or phrase by term id, and ways of writing by form id; a phrase's is written on demand. */
  private readonly termStrings: (string | undefined)[] = [];
  private readonly formStrings: (string | undefined)[] = [];
  /** Per term and per form, the two it joins (-1 for a single word). */
  private readonly termPairs: number[] = [];
  private readonly formPairs: number[] = [];
  private readonly termIds = new Map<string, number>();
  private readonly formIds = new Map<string, number>();
  private readonly pieces = new PieceTable();
  private readonly stems = new Map<string, number>();
  private readonly phraseIds = new PairIds();
  private readonly phraseForms = new PairIds();
  /** Per-text scratch, indexed by term id. */
  private counts = new Uint32Array(1024);
  private firstForms = new Int32Array(1024);
  private metAs = new Uint8Array(1024);

  termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.phrases.length;
      this.termStrings.push(term);
      this.phrases.push(isPhrase(term));
      this.termPairs.push(-1, -1);
      this.termIds.set(term, id);
    }
    return id;
  }

  formId(form: string): number {
    let id = this.formIds.get(form);
    if (id === undefined) {
      id = this.formStrings.length;
      this.formStrings.push(form);
      this.formPairs.push(-1, -1);
      this.formIds.set(form, id);
    }
    return id;
  }

  /** How many terms there are: term ids are below it. */
  get size(): number {
    return this.phrases.length;
  }

  /** The stem or phrase of stems ("specul decod"). */
  term(id: number): string {
    let term = this.termStrings[id];
    if (term === undefined) {
      const [first, second] = [this.termPairs[id * 2]!, this.termPairs[id * 2 + 1]!];
      term = `${this.term(first)}${PHRASE_SEPARATOR}${this.term(second)}`;
      this.termStrings[id] = term;
    }
    return term;
  }

  /** A way of writing a term ("speculative decoding"). */
  form(id: number): string {
    let form = this.formStrings[id];
    if (form === undefined) {
      form = `${this.form(this.formPairs[id * 2]!)} ${this.form(this.formPairs[id * 2 + 1]!)}`;
      this.formStrings[id] = form;
    }
    return form;
  }

  /** The terms of a text made of separate parts (no phrase runs from one part into the next). */
  count(parts: readonly string[]): CountedTerms {
    const text = this.countText(parts);
    const order: number[] = [];
    text.counts.forEach((count, i) => {
      if (count > 0) order.push(i);
    });
    order.sort((a, b) => text.terms[a]! - text.terms[b]!);
    return {
      ids: Int32Array.from(order, (i) => text.terms[i]!),
      counts: Uint32Array.from(order, (i) => text.counts[i]!),
      forms: Int32Array.from(order, (i) => text.forms[i]!),
    };
  }

  /** The terms of a text made of separate parts, in the order they are met (see CountedText). */
  countText(parts: readonly string[]): CountedText {
    this.met = [];
    for (const part of parts) this.countPart(part);
    const met = this.met;
    const terms = new Int32Array(met);
    const counts = new Uint32Array(met.length);
    const forms = new Int32Array(met.length);
    const nouns = new Uint8Array(met.length);
    for (let i = 0; i < met.length; i += 1) {
      const term = met[i]!;
      const count = this.counts[term]!;
      counts[i] = count;
      forms[i] = count > 0 ? this.firstForms[term]! : -1;
      nouns[i] = this.metAs[term]! & MET_AS_NOUN;
      this.counts[term] = 0;
      this.metAs[term] = 0;
    }
    return { terms, counts, forms, nouns };
  }

  /** The texts in ids of their own, for another vocabulary to adopt. */
  encode(texts: readonly HashedText[]): CountedBatch {
    const termStems: string[] = [];
    const termPairs = new GrowingInts();
    const formWords: string[] = [];
    const formPairs = new GrowingInts();
    const termAt = new Int32Array(this.phrases.length).fill(-1);
    const formAt = new Int32Array(this.formStrings.length).fill(-1);
    // A phrase joins two stems and a phrase's way of writing two words: one level deep.
    const termOf = (id: number): number => {
      let at = termAt[id]!;
      if (at >= 0) return at;
      const first = this.termPairs[id * 2]!;
      if (first < 0) termPairs.push(-1, -1);
      else termPairs.push(termOf(first), termOf(this.termPairs[id * 2 + 1]!));
      at = termStems.length;
      termStems.push(first < 0 ? this.termStrings[id]! : '');
      termAt[id] = at;
      return at;
    };
    const formOf = (id: number): number => {
      let at = formAt[id]!;
      if (at >= 0) return at;
      const first = this.formPairs[id * 2]!;
      if (first < 0) formPairs.push(-1, -1);
      else formPairs.push(formOf(first), formOf(this.formPairs[id * 2 + 1]!));
      at = formWords.length;
      formWords.push(first < 0 ? this.formStrings[id]! : '');
      formAt[id] = at;
      return at;
    };
    const textStarts = new Int32Array(texts.length + 1);
    for (let i = 0; i < texts.length; i += 1)
      textStarts[i + 1] = textStarts[i]! + texts[i]!.text.terms.length;
    const length = textStarts[texts.length]!;
    const terms = new Int32Array(length);
    const counts = new Uint32Array(length);
    const forms = new Int32Array(length);
    const nouns = new Uint8Array(length);
    const hashes: string[] = [];
    texts.forEach(({ hash, text }, i) => {
      hashes.push(hash);
      const start = textStarts[i]!;
      counts.set(text.counts, start);
      nouns.set(text.nouns, start);
      // Plain loops, the lookups inline: every term of every text passes here.
      for (let k = 0; k < text.terms.length; k += 1) {
        const term = text.terms[k]!;
        const at = termAt[term]!;
        terms[start + k] = at >= 0 ? at : termOf(term);
        const form = text.forms[k]!;
        forms[start + k] = form < 0 ? -1 : formAt[form]! >= 0 ? formAt[form]! : formOf(form);
      }
    });
    return {
      termStems,
      termPairs: termPairs.done(),
      formWords,
      formPairs: formPairs.done(),
      hashes,
      textStarts,
      terms,
      counts,
      forms,
      nouns,
    };
  }

  /** The batch's `at`-th text in this vocabulary's ids. */
  adopt(batch: CountedBatch, at: number): CountedText {
    let ids = this.adopted.get(batch);
    if (!ids) {
      ids = {
        terms: new Int32Array(batch.termStems.length).fill(-1),
        forms: new Int32Array(batch.formWords.length).fill(-1),
      };
      this.adopted.set(batch, ids);
    }
    const { terms: termIds, forms: formIds } = ids;
    const termOf = (j: number): number => {
      const first = batch.termPairs[j * 2]!;
      const id =
        first < 0
          ? this.termId(batch.termStems[j]!)
          : this.phraseId(termIdOf(first), termIdOf(batch.termPairs[j * 2 + 1]!));
      termIds[j] = id;
      return id;
    };
    const termIdOf = (j: number) => (termIds[j]! >= 0 ? termIds[j]! : termOf(j));
    const formOf = (j: number): number => {
      const first = batch.formPairs[j * 2]!;
      const id =
        first < 0
          ? this.formId(batch.formWords[j]!)
          : this.phraseForm(formIdOf(first), formIdOf(batch.formPairs[j * 2 + 1]!));
      formIds[j] = id;
      return id;
    };
    const formIdOf = (j: number) => (formIds[j]! >= 0 ? formIds[j]! : formOf(j));
    const start = batch.textStarts[at]!;
    const end = batch.textStarts[at + 1]!;
    const terms = new Int32Array(end - start);
    const forms = new Int32Array(end - start);
    // Plain loops, the lookups inline: every term of every text passes here.
    for (let i = 0; i < terms.length; i += 1) {
      const j = batch.terms[start + i]!;
      const id = termIds[j]!;
      terms[i] = id >= 0 ? id : termOf(j);
      const k = batch.forms[start + i]!;
      if (k < 0) forms[i] = -1;
      else {
        const form = formIds[k]!;
        forms[i] = form >= 0 ? form : formOf(k);
      }
    }
    // Copies: a view would keep the whole batch alive as long as one of its texts is kept.
    return {
      terms,
      counts: batch.counts.slice(start, end),
      forms,
      nouns: batch.nouns.slice(start, end),
    };
  }

  /** Per batch adopted from: its terms' and forms' ids here (-1: not yet looked up). */
  private readonly adopted = new WeakMap<CountedBatch, { terms: Int32Array; forms: Int32Array }>();

  /** Terms of the text being counted, in the order they are met. */
  private met: number[] = [];

  /** Notes that the text met a term (as a noun: `asNoun`). */
  private meet(term: number, asNoun: number): void {
    if (term >= this.counts.length) this.grow(term);
    const was = this.metAs[term]!;
    if (was === 0) this.met.push(term);
    this.metAs[term] = was | MET_AS_ANY | asNoun;
  }

  private add(term: number, form: number): void {
    if (this.counts[term] === 0) this.firstForms[term] = form;
    this.counts[term]! += 1;
  }

  /** Counts the phrase of two words; its way of writing is looked up on its first use in the text. */
  private addPhrase(first: number, second: number, firstForm: number, secondForm: number): void {
    const term = this.phraseId(first, second);
    this.meet(term, 0);
    if (this.counts[term] === 0) this.firstForms[term] = this.phraseForm(firstForm, secondForm);
    this.counts[term]! += 1;
  }

  /**
   * Counts one part's words and phrases. A phrase runs over plain spaces and in-word hyphens
   * ("rejection-sampling"); anything else (a stop word, punctuation, a number, a new line) ends it.
   */
  private countPart(text: string): void {
    // The previous word a phrase may continue from (-1: none), its form and role.
    let previousTerm = -1;
    let previousForm = -1;
    let previousRole = OTHER;
    let hyphenPending = false;
    let start = -1;
    let hash = 0;
    for (let i = 0; i <= text.length; i += 1) {
      const code = i < text.length ? text.charCodeAt(i) : 32;
      if (!isSpace(code)) {
        if (start < 0) {
          start = i;
          hash = FNV_OFFSET;
        }
        hash = Math.imul(hash ^ code, FNV_PRIME);
        continue;
      }
      if (start >= 0) {
        const pieces = this.pieces;
        let entry = pieces.find(text, start, i, hash);
        if (entry < 0)
          entry = pieces.add(text.slice(start, i), hash, this.tokenize(text, start, i));
        const tokens = pieces.tokens;
        const first = pieces.tokenStart(entry);
        const end = pieces.tokenEnd(entry);
        // A vocabulary meeting this piece first would number all its stems before any phrase.
        for (let t = first; t < end; t += 3) {
          const role = tokens[t]!;
          if (role >= CONTENT) this.meet(tokens[t + 1]!, role === NOUN ? MET_AS_NOUN : 0);
        }
        for (let t = first; t < end; t += 3) {
          const role = tokens[t]!;
          const spaced = t === first;
          if (role === HYPHEN && !spaced && previousTerm >= 0) {
            hyphenPending = true;
            continue;
          }
          const joins = previousTerm >= 0 && !(hyphenPending && spaced);
          hyphenPending = false;
          if (role === OTHER || role === HYPHEN) {
            previousTerm = -1;
            continue;
          }
          const term = tokens[t + 1]!;
          const form = tokens[t + 2]!;
          if (role === CONTENT || role === NOUN) {
            this.add(term, form);
            if (joins && previousTerm !== term) {
              this.addPhrase(previousTerm, term, previousForm, form);
              if (previousRole === MODIFIER) this.add(previousTerm, previousForm);
            }
          }
          previousTerm = term;
          previousForm = form;
          previousRole = role;
        }
        start = -1;
      }
      if (isBreakingSpace(code)) {
        previousTerm = -1;
        hyphenPending = false;
      }
    }
  }

  /** wink's tokens of the piece text[start, end) between spaces. */
  private tokenize(text: string, start: number, end: number): PieceTokens {
    const { readDoc, its } = wink();
    const read = readDoc(text.slice(start, end)).tokens();
    const values = read.out(its.value) as string[];
    const types = read.out(its.type) as string[];
    const partsOfSpeech = read.out(its.pos) as string[];
    const stopWords = read.out(its.stopWordFlag) as boolean[];
    // its.lemma's declared signature takes the model's addons, which the typing of out() omits.
    const lemmas = read.out(its.lemma as ItsFunction<string>) as string[];
    const tokens = new Int32Array(values.length * 3).fill(-1);
    values.forEach((value, i) => {
      const pos = partsOfSpeech[i]!;
      const uninflected = lemmas[i] === value.toLowerCase();
      let role = OTHER;
      if (types[i] === 'punctuation' && value === '-') role = HYPHEN;
      else if (stopWords[i] || !isWordLike(value)) role = OTHER;
      else if (CONTENT_POS.has(pos)) role = CONTENT;
      else if (pos === 'VERB' && uninflected) role = MODIFIER;
      if (role === CONTENT && NOUN_POS.has(pos)) role = NOUN;
      tokens[i * 3] = role;
      if (role >= CONTENT) {
        const stem = this.stemId(value);
        tokens[i * 3 + 1] = stem;
        tokens[i * 3 + 2] = this.formId(displayForm(value));
      }
    });
    return tokens;
  }

  private stemId(word: string): number {
    const key = word.toLowerCase();
    let id = this.stems.get(key);
    if (id === undefined) {
      const { readDoc, its } = wink();
      // its.stem's declared signature takes the model's addons, which the typing of out() omits.
      const stemOfToken = its.stem as ItsFunction<string>;
      const stem = (readDoc(key).tokens().out(stemOfToken) as string[])[0] ?? key;
      id = this.termId(stem);
      this.stems.set(key, id);
    }
    return id;
  }

  private phraseId(first: number, second: number): number {
    let id = this.phraseIds.find(first, second);
    if (id < 0) {
      id = this.phrases.length;
      this.termStrings.push(undefined);
      this.phrases.push(true);
      this.termPairs.push(first, second);
      this.phraseIds.add(first, second, id);
    }
    return id;
  }

  private phraseForm(first: number, second: number): number {
    let id = this.phraseForms.find(first, second);
    if (id < 0) {
      id = this.formStrings.length;
      this.formStrings.push(undefined);
      this.formPairs.push(first, second);
      this.phraseForms.add(first, second, id);
    }
    return id;
  }

  private grow(term: number): void {
    const size = Math.max(term + 1, this.counts.length * 2);
    const counts = new Uint32Array(size);
    counts.set(this.counts);
    const forms = new Int32Array(size);
    forms.set(this.firstForms);
    const metAs = new Uint8Array(size);
    metAs.set(this.metAs);
    this.counts = counts;
    this.firstForms = forms;
    this.metAs = metAs;
  }
}

/** The terms of one text, by term. */
export function textTerms(text: string): TextTerms {
  const vocabulary = new Vocabulary();
  const counted = vocabulary.count([text]);
  const terms: TextTerms = new Map();
  counted.ids.forEach((term, i) => {
    terms.set(vocabulary.term(term), {
      count: counted.counts[i]!,
      surface: vocabulary.form(counted.forms[i]!),
    });
  });
  return terms;
}
