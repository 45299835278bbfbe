// An index's own numbering of the terms of a tokenizing vocabulary (terms.ts). The tokenizer lives
// longer than any index (it keeps every piece of text it has tokenized, so a rebuild tokenizes
// nothing it has seen, and texts may be tokenized on another thread), but an index numbers its terms
// as a fresh vocabulary tokenizing its texts in its own order would: term ids break ties between
// equally weighted terms and order the sums of a cosine, so the same corpus gives the same
// relations to the bit however and wherever its texts were tokenized.
import type { CountedTerms, CountedText, Vocabulary } from './terms.ts';

export class TermNumbering {
  /** Whether each term is a phrase. */
  readonly phrases: boolean[] = [];
  /**
   * Whether each term can name a subject by itself: a phrase, or a word wink tagged as a noun or a
   * name in some text ("decoding", "GPU"), not one only ever an adjective ("optimal", "cheap").
   */
  private readonly subjects: boolean[] = [];
  private readonly tokenizerIds: number[] = [];
  /**
   * Tokenizer id → id here; NOT_YET when not numbered yet, LEFT_OUT for a phrase this numbering
   * leaves out (see the constructor). One array, so adopting a term reads one place for both.
   */
  private ids: Int32Array;
  /** Scratch of adopt: by id here, the term's position in the text. */
  private positions = new Int32Array(1024);
  private readonly tokenizer: Vocabulary;

  /**
   * With `corpus`, the texts an index is built from, leaves out the phrases fewer than two of them
   * use: the index drops those anyway (a phrase one text uses links nothing, and an update keeps
   * only phrases the build indexed), and most phrases are such. The terms numbered keep their
   * order, so the ids the index compares and sums by are in the same order as with every phrase.
   */
  constructor(tokenizer: Vocabulary, corpus: readonly CountedText[] = []) {
    this.tokenizer = tokenizer;
    this.ids = new Int32Array(Math.max(1024, tokenizer.size)).fill(NOT_YET);
    if (corpus.length > 0) leaveOutUnsharedPhrases(tokenizer, corpus, this.ids);
  }

  /** How many terms there are: term ids are below it. */
  get size(): number {
    return this.phrases.length;
  }

  /**
   * The text's counted terms in this numbering, ascending; numbers the terms it meets first in the
   * order it meets them.
   */
  adopt(text: CountedText): CountedTerms {
    const { terms, counts, nouns } = text;
    const numbered = new Int32Array(terms.length);
    let at = 0;
    for (let i = 0; i < terms.length; i += 1) {
      const term = terms[i]!;
      if (term >= this.ids.length) this.grow(term);
      let id = this.ids[term]!;
      if (id === LEFT_OUT) continue;
      if (id === NOT_YET) {
        id = this.phrases.length;
        const phrase = this.tokenizer.phrases[term] === true;
        this.phrases.push(phrase);
        this.subjects.push(phrase || nouns[i] === 1);
        this.tokenizerIds.push(term);
        this.ids[term] = id;
        if (id >= this.positions.length) this.positions = grownTo(this.positions, id + 1);
      } else if (nouns[i] === 1) {
        this.subjects[id] = true;
      }
      if (counts[i]! > 0) {
        numbered[at++] = id;
        this.positions[id] = i;
      }
    }
    const counted = at;
    const ids = numbered.subarray(0, counted).sort();
    const countsById = new Uint32Array(counted);
    const forms = new Int32Array(counted);
    for (let k = 0; k < counted; k += 1) {
      const i = this.positions[ids[k]!]!;
      countsById[k] = counts[i]!;
      forms[k] = text.forms[i]!;
    }
    return { ids, counts: countsById, forms };
  }

  /** Whether the term can name a subject by itself (a phrase, a noun, a name). */
  namesSubject(term: number): boolean {
    return this.subjects[term] === true;
  }

  /** The stem or phrase of stems ("specul decod"). */
  term(id: number): string {
    return this.tokenizer.term(this.tokenizerIds[id]!);
  }

  /** A way of writing a term ("speculative decoding"), by the tokenizer's form id. */
  form(id: number): string {
    return this.tokenizer.form(id);
  }

  private grow(term: number): void {
    const ids = new Int32Array(Math.max(term + 1, this.ids.length * 2)).fill(NOT_YET);
    ids.set(this.ids);
    this.ids = ids;
  }
}

function grownTo(array: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

const NOT_YET = -1;
const LEFT_OUT = -2;

/** Marks LEFT_OUT in `ids` each phrase fewer than two of the texts use. */
function leaveOutUnsharedPhrases(
  tokenizer: Vocabulary,
  texts: readonly CountedText[],
  ids: Int32Array,
): void {
  // Every term's users up to two, phrase or not: one read per term met, the phrase test after.
  const users = new Uint8Array(tokenizer.size);
  for (const { terms } of texts) {
    for (let i = 0; i < terms.length; i += 1) {
      const term = terms[i]!;
      if (users[term]! < 2) users[term]! += 1;
    }
  }
  const phrases = tokenizer.phrases;
  for (let term = 0; term < users.length; term += 1) {
    if (users[term]! < 2 && phrases[term] === true) ids[term] = LEFT_OUT;
  }
}
