// Content similarity between episodes. Each episode's terms (terms.ts) are weighted by BM25 into a
// unit vector (bm25.ts); its key terms are its `keyTerms` heaviest terms that at least one other
// episode also uses, less those it is not a champion of (one of the `championsPerTerm` episodes
// with the term as a key term that it weighs most in), and the similarity of two episodes is their
// cosine over the key terms of both:
//   similarity(a, b) = Σ over key terms t of both  wa(t) · wb(t)          (in [0, 1])
// which is the cosine of the BM25 vectors without the long tail of light terms. Key terms make the
// comparison an inverted-index walk (only episodes sharing a key term are ever compared) and the
// similarity exact and symmetric, so an update gives what a rebuild with the same corpus statistics
// would give. Champions bound every posting list (champion lists: Manning, Raghavan and Schütze,
// "Introduction to Information Retrieval", 7.1.3), so the walk costs an episode the same however
// large the corpus grows: a term hundreds of episodes share links the ones it matters most to.
//
// Incremental: an update weighs the changed episodes against the statistics and champion floors
// learnt last, re-ranks the episodes whose neighbours they enter or leave, and learns the corpus
// again (from the stored term counts, no re-tokenizing) once more than `relearnAfter` of it has
// changed since, so idf drift stays bounded (between learns a term may gain a few champions).
// Phrases ("speculative decoding") are terms when two or more episodes used them at the last learn;
// a phrase first used after it is not a term until the corpus is built again from its texts.
import { type Bm25Statistics, bm25Statistics } from './bm25.ts';
import { NearestLists } from './nearest.ts';
import { Postings } from './postings.ts';
import { TermForms } from './termForms.ts';
import { TermNumbering } from './termNumbering.ts';
import { type CountedTerms, type TextTerms, Vocabulary } from './terms.ts';

export interface TextDocument {
  id: string;
  terms: TextTerms;
}

/** A document already tokenized into the index's vocabulary. */
export interface CountedDocument {
  id: string;
  terms: CountedTerms;
}

export interface TextNeighbour {
  id: string;
  similarity: number;
}

export interface TextIndexOptions {
  /** Most similar episodes kept per episode. */
  neighbours: number;
  /** Below this cosine two episodes are not similar. */
  minSimilarity: number;
  /** Fewer shared key terms than this is a coincidence, not a common subject. */
  minSharedTerms: number;
  /** Heaviest shared-vocabulary terms per episode that take part in comparisons. */
  keyTerms: number;
  /**
   * Most documents a term is a key term of: those it weighs most in (its champions), so a term
   * many documents share links a bounded number of them.
   */
  championsPerTerm: number;
  /** Share of the corpus that may change before its statistics are learnt again. */
  relearnAfter: number;
}

const DEFAULT_TEXT_OPTIONS: TextIndexOptions = {
  neighbours: 10,
  minSimilarity: 0.04,
  minSharedTerms: 2,
  keyTerms: 64,
  championsPerTerm: 32,
  relearnAfter: 0.1,
};

interface IndexedDocument {
  id: string;
  /** Position in the per-slot scratch arrays and postings. */
  slot: number;
  /** Distinct term ids, ascending, with their occurrence counts and first ways of writing. */
  termIds: Int32Array;
  counts: Uint32Array;
  forms: Int32Array;
  /** Sum of the counts: the document's length for BM25. */
  length: number;
  /** Key term ids, ascending, with their weights in the document's unit vector. */
  keyIds: Int32Array;
  keyWeights: Float64Array;
  /** The `listed` most similar documents, exactly, best first: the kept neighbours and their spares. */
  listed: TextNeighbour[];
  /** Whether `listed` holds every similar document (else some rank below its last). */
  complete: boolean;
  /** The first `neighbours` of `listed`: what the index answers. */
  neighbours: TextNeighbour[];
}

const PHRASE_PREFERENCE = 2;

// Spares listed beyond the kept neighbours, so one that leaves is replaced without a walk.
const SPARE_NEIGHBOURS_PER_KEPT = 1;

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const bySimilarity = (a: TextNeighbour, b: TextNeighbour) =>
  b.similarity - a.similarity || byId(a.id, b.id);

/** Fills `target` with `source` at the positions `at`, in order. */
function picked<T extends Int32Array | Uint32Array | Float64Array>(
  target: T,
  source: ArrayLike<number>,
  at: readonly number[],
): T {
  for (let i = 0; i < at.length; i += 1) target[i] = source[at[i]!]!;
  return target;
}

/**
 * Positions of the `limit` heaviest terms at least two documents have, ascending (ties by position):
 * the weight the `limit`-th has is found by a numeric sort of the weights alone, then one pass picks.
 */
function heaviestShared(
  termIds: Int32Array,
  weights: Float64Array,
  statistics: Bm25Statistics,
  limit: number,
): number[] {
  if (weightScratch.length < termIds.length) {
    weightScratch = new Float64Array(termIds.length * 2);
    eligibleScratch = new Uint8Array(termIds.length * 2);
  }
  // Whether each position is eligible, noted in the first pass: the second reads no term's statistics.
  const isEligible = eligibleScratch;
  let eligible = 0;
  for (let i = 0; i < termIds.length; i += 1) {
    const weight = weights[i]!;
    const takes = weight > 0 && statistics.shared(termIds[i]!);
    isEligible[i] = takes ? 1 : 0;
    if (takes) weightScratch[eligible++] = weight;
  }
  let threshold = 0;
  let tiesTaken = limit;
  if (eligible > limit) {
    const sorted = weightScratch.subarray(0, eligible).sort();
    threshold = sorted[eligible - limit]!;
    let firstAbove = eligible - limit;
    while (firstAbove < eligible && sorted[firstAbove] === threshold) firstAbove += 1;
    tiesTaken = limit - (eligible - firstAbove);
  }
  const keys: number[] = [];
  for (let i = 0; i < termIds.length; i += 1) {
    if (isEligible[i] === 0) continue;
    const weight = weights[i]!;
    if (weight > threshold) keys.push(i);
    else if (weight === threshold && tiesTaken > 0) {
      keys.push(i);
      tiesTaken -= 1;
    }
  }
  return keys;
}

/** heaviestShared's scratch: the eligible weights, sorted in place, and which positions are. */
let weightScratch = new Float64Array(1024);
let eligibleScratch = new Uint8Array(1024);

export class TextIndex {
  private readonly options: TextIndexOptions;
  readonly vocabulary: TermNumbering;
  /** Per term: whether it is an index term (a phrase is one only when two documents shared it). */
  private indexed = new Uint8Array(0);
  /** How the texts wrote each term (the most common way is the one shown). */
  private readonly forms = new TermForms();
  /**
   * Per term, side by side at term × 2 (one read finds both): its occurrences over the current
   * corpus and how many documents have it.
   */
  private termCounts = new Uint32Array(0);
  private corpusTotal = 0;
  private readonly documents = new Map<string, IndexedDocument>();
  private bySlot: (IndexedDocument | undefined)[] = [];
  private readonly freeSlots: number[] = [];
  /** Key term → the documents having it as a key term (unordered, except right after a learn). */
  private postings = Postings.laidOut(new Int32Array(0));
  private statistics: Bm25Statistics | null = null;
  /**
   * Per term that more documents took as a key term than championsPerTerm at the last learn: the
   * weight and id of its last champion. A document weighing it less (or as much, with a later id)
   * does not take it as a key term.
   */
  private readonly championFloors = new Map<number, { weight: number; id: string }>();
  /** Per-slot scratch of an inverted-index walk. */
  private overlapWeights = new Float64Array(0);
  private overlapTerms = new Uint32Array(0);
  /** Per-term scratch of distinctiveTerms: occurrences among the members, members using it. */
  private termScratch = new Uint32Array(0);
  private userScratch = new Uint32Array(0);
  /** Per-term scratch of withNameableSimilarity: a document's key weights, 0 elsewhere. */
  private keyScratch = new Float64Array(0);
  private learntSize = 0;
  private changedSinceLearn = 0;
  /** How many most similar documents each document lists: its neighbours and their spares. */
  private readonly listedCount: number;

  constructor(
    options: Partial<TextIndexOptions> = {},
    vocabulary = new TermNumbering(new Vocabulary()),
  ) {
    this.options = { ...DEFAULT_TEXT_OPTIONS, ...options };
    this.listedCount = this.options.neighbours * (1 + SPARE_NEIGHBOURS_PER_KEPT);
    this.vocabulary = vocabulary;
  }

  /** A corpus learnt from these texts; phrases used by fewer than two of them are dropped. */
  static build(documents: readonly TextDocument[], options?: Partial<TextIndexOptions>): TextIndex {
    const tokenizer = new Vocabulary();
    const numbering = new TermNumbering(tokenizer);
    const counted = documents.map(({ id, terms }): CountedDocument => {
      const entries = [...terms];
      return {
        id,
        terms: numbering.adopt({
          terms: Int32Array.from(entries, ([term]) => tokenizer.termId(term)),
          counts: Uint32Array.from(entries, ([, { count }]) => count),
          forms: Int32Array.from(entries, ([, { surface }]) => tokenizer.formId(surface)),
          nouns: new Uint8Array(entries.length),
        }),
      };
    });
    return TextIndex.fromCounted(numbering, counted, options);
  }

  /** A corpus learnt from documents tokenized into `vocabulary`. */
  static fromCounted(
    vocabulary: TermNumbering,
    documents: readonly CountedDocument[],
    options?: Partial<TextIndexOptions>,
  ): TextIndex {
    const index = new TextIndex(options, vocabulary);
    const users = new Uint32Array(vocabulary.size);
    for (const { terms } of documents) for (const term of terms.ids) users[term]! += 1;
    const phrases = vocabulary.phrases;
    const kept = new Uint8Array(vocabulary.size);
    for (let term = 0; term < kept.length; term += 1) {
      kept[term] = !phrases[term] || users[term]! >= 2 ? 1 : 0;
    }
    // By id, so the way a term is first written (shown when ways tie) does not depend on input
    // order.
    const byDocumentId = [...documents].sort((a, b) => byId(a.id, b.id));
    for (const document of byDocumentId) index.store(document.id, document.terms, kept);
    index.learn();
    return index;
  }

  /**
   * Adds or replaces `upserts` and drops `removed`; returns every document whose neighbours changed
   * (the changed ones included). Re-learns, and so returns every document, when the corpus drifted.
   */
  update(upserts: readonly CountedDocument[], removed: readonly string[]): Set<string> {
    const touched = new Set<string>();
    const leaving = [...new Set([...removed, ...upserts.map((d) => d.id)])];
    for (const id of leaving) {
      if (!this.documents.has(id)) continue;
      for (const other of this.detach(id)) touched.add(other);
    }
    const phrases = this.vocabulary.phrases;
    const known = new Uint8Array(this.vocabulary.size);
    for (let term = 0; term < known.length; term += 1) {
      known[term] = !phrases[term] || this.indexed[term] === 1 ? 1 : 0;
    }
    for (const document of upserts) {
      this.store(document.id, document.terms, known);
      touched.add(document.id);
    }
    this.changedSinceLearn += leaving.length;
    if (this.changedSinceLearn > this.options.relearnAfter * this.learntSize) {
      this.learn();
      return new Set(this.documents.keys());
    }
    for (const { id } of upserts) this.weighDocument(this.documents.get(id)!);
    for (const { id } of upserts) {
      const document = this.documents.get(id)!;
      this.rank(document);
      for (const neighbour of this.similarDocuments(document)) {
        if (this.offerNeighbour(neighbour.id, { id, similarity: neighbour.similarity })) {
          touched.add(neighbour.id);
        }
      }
    }
    for (const id of removed) touched.delete(id);
    return touched;
  }

  /** The most similar documents, most similar first (ties by id). */
  neighbours(id: string): readonly TextNeighbour[] {
    return this.documents.get(id)?.neighbours ?? [];
  }

  /** The similarity of two documents; 0 when they are not similar enough, or either is unknown. */
  similarity(a: string, b: string): number {
    const x = this.documents.get(a);
    const y = this.documents.get(b);
    if (!x || !y || a === b) return 0;
    let similarity = 0;
    let sharedTerms = 0;
    this.eachSharedKey(x, y, (_, weight) => {
      similarity += weight;
      sharedTerms += 1;
    });
    return this.similar(similarity, sharedTerms) ? similarity : 0;
  }

  /**
   * Runs `score` with a function giving, for another document, its similarity with `id` when the
   * two are similar and share a key term `readable` would show (so sharedTerms names some), else 0:
   * one pass over the other's key terms against `id`'s, held in a per-term scratch. The sum runs
   * over the shared key terms in ascending order, as `similarity` does, so it is the same number.
   */
  withNameableSimilarity<T>(id: string, score: (similarityTo: (other: string) => number) => T): T {
    const x = this.documents.get(id);
    if (!x) return score(() => 0);
    if (this.keyScratch.length < this.vocabulary.size) {
      this.keyScratch = new Float64Array(this.vocabulary.size * 2);
    }
    const weightOf = this.keyScratch;
    for (let i = 0; i < x.keyIds.length; i += 1) weightOf[x.keyIds[i]!] = x.keyWeights[i]!;
    const common = this.commonDocumentCount();
    const nameableKeys = new Set<number>();
    for (const term of x.keyIds) if (this.nameableBelow(term, common)) nameableKeys.add(term);
    const similarityTo = (other: string): number => {
      const y = this.documents.get(other);
      if (!y || y === x) return 0;
      let similarity = 0;
      let sharedTerms = 0;
      let nameable = false;
      const { keyIds, keyWeights } = y;
      for (let j = 0; j < keyIds.length; j += 1) {
        const term = keyIds[j]!;
        const weight = weightOf[term]!;
        if (weight === 0) continue;
        similarity += weight * keyWeights[j]!;
        sharedTerms += 1;
        nameable ||= nameableKeys.has(term);
      }
      return nameable && this.similar(similarity, sharedTerms) ? similarity : 0;
    };
    try {
      return score(similarityTo);
    } finally {
      for (let i = 0; i < x.keyIds.length; i += 1) weightOf[x.keyIds[i]!] = 0;
    }
  }

  /** The key terms two documents share, heaviest first, as written; phrases absorb their words. */
  sharedTerms(a: string, b: string, limit: number): string[] {
    const x = this.documents.get(a);
    const y = this.documents.get(b);
    if (!x || !y) return [];
    const shared: [number, number][] = [];
    this.eachSharedKey(x, y, (term, weight) => shared.push([term, weight]));
    return this.readable(shared, limit);
  }

  /**
   * The terms that set these documents apart from the rest of the corpus (class-based TF-IDF:
   * frequency among them × log(1 + average terms per group / frequency in the corpus)), counting
   * only terms at least two of them use. `groups` is how many groups the corpus is divided into.
   */
  distinctiveTerms(ids: readonly string[], groups: number, limit: number): string[] {
    const members = ids.flatMap((id) => this.documents.get(id) ?? []);
    const size = this.vocabulary.size;
    if (this.termScratch.length < size) {
      this.termScratch = new Uint32Array(size * 2);
      this.userScratch = new Uint32Array(size * 2);
    }
    const counts = this.termScratch;
    const users = this.userScratch;
    const terms: number[] = [];
    let total = 0;
    for (const document of members) {
      const { termIds } = document;
      for (let i = 0; i < termIds.length; i += 1) {
        const term = termIds[i]!;
        const n = document.counts[i]!;
        if (users[term] === 0) terms.push(term);
        counts[term]! += n;
        users[term]! += 1;
        total += n;
      }
    }
    const averagePerGroup = this.corpusTotal / Math.max(1, groups);
    const minUsers = Math.min(2, members.length);
    const scored: [number, number][] = [];
    for (const term of terms) {
      const n = counts[term]!;
      if (users[term]! >= minUsers) {
        const inCorpus = this.termCounts[term * 2] || n;
        scored.push([term, (n / total) * Math.log(1 + averagePerGroup / inCorpus)]);
      }
      counts[term] = 0;
      users[term] = 0;
    }
    return this.readable(scored, limit);
  }

  /**
   * Terms by weight, as written, phrases counting double (a reader recognises "speculative
   * decoding" sooner than "speculative"); a word inside a chosen phrase is dropped in its favour,
   * and so is a term more than half the corpus uses (it describes the whole podcast, not these
   * episodes).
   */
  private readable(weighted: [number, number][], limit: number): string[] {
    const vocabulary = this.vocabulary;
    const { phrases } = vocabulary;
    const shown = (term: number, weight: number) =>
      phrases[term] ? weight * PHRASE_PREFERENCE : weight;
    const ranked = weighted
      .filter(([term]) => this.nameable(term))
      .map(([term, weight]): [number, number] => [term, shown(term, weight)])
      .sort((a, b) => b[1] - a[1] || byId(vocabulary.term(a[0]), vocabulary.term(b[0])))
      .slice(0, limit * 3)
      .map(([term]) => term);
    const inPhrases = new Set(
      ranked
        .filter((term) => phrases[term])
        .flatMap((phrase) => vocabulary.term(phrase).split(' ')),
    );
    return ranked
      .filter((term) => phrases[term] || !inPhrases.has(vocabulary.term(term)))
      .slice(0, limit)
      .map((term) => this.displayForm(term));
  }

  /**
   * Whether a term may be shown as a subject: a phrase, a noun or a name, and not a word of the
   * corpus' own stop list, learnt from document frequency: the terms half its episodes or more use
   * ("AI", "model", "episode" in a podcast about AI papers) say what the podcast is, not what two
   * of its episodes share. Below three episodes nothing is common enough to be that.
   */
  private nameable(term: number): boolean {
    return this.nameableBelow(term, this.commonDocumentCount());
  }

  /** From how many documents on a term is too common to name. */
  private commonDocumentCount(): number {
    return Math.max(3, this.documents.size / 2);
  }

  private nameableBelow(term: number, common: number): boolean {
    return this.vocabulary.namesSubject(term) && (this.termCounts[term * 2 + 1] ?? 0) < common;
  }

  private displayForm(term: number): string {
    return this.forms.shown(term, (form) => this.vocabulary.form(form));
  }

  /** Sizes the per-term arrays to the vocabulary. */
  private fitVocabulary(): void {
    const size = this.vocabulary.size;
    if (size <= this.indexed.length) return;
    const length = Math.max(size, this.indexed.length * 2);
    const indexed = new Uint8Array(length);
    indexed.set(this.indexed);
    this.indexed = indexed;
    const termCounts = new Uint32Array(length * 2);
    termCounts.set(this.termCounts);
    this.termCounts = termCounts;
    this.forms.fit(length);
  }

  /** Records a document's term counts (not yet weighed), of the terms `keep` marks with a 1. */
  private store(id: string, terms: CountedTerms, keep: Uint8Array): void {
    this.fitVocabulary();
    const { ids, counts, forms } = terms;
    let keptCount = 0;
    for (let i = 0; i < ids.length; i += 1) keptCount += keep[ids[i]!]!;
    const termIds = new Int32Array(keptCount);
    const keptCounts = new Uint32Array(keptCount);
    const keptForms = new Int32Array(keptCount);
    const termCounts = this.termCounts;
    let length = 0;
    let at = 0;
    for (let i = 0; i < ids.length; i += 1) {
      const term = ids[i]!;
      if (keep[term] !== 1) continue;
      const count = counts[i]!;
      this.indexed[term] = 1;
      termCounts[term * 2]! += count;
      termCounts[term * 2 + 1]! += 1;
      length += count;
      this.forms.count(term, forms[i]!);
      termIds[at] = term;
      keptCounts[at] = count;
      keptForms[at] = forms[i]!;
      at += 1;
    }
    this.corpusTotal += length;
    const slot = this.freeSlots.pop() ?? this.bySlot.length;
    const document: IndexedDocument = {
      id,
      slot,
      termIds,
      counts: keptCounts,
      forms: keptForms,
      length,
      keyIds: new Int32Array(0),
      keyWeights: new Float64Array(0),
      listed: [],
      complete: true,
      neighbours: [],
    };
    this.bySlot[slot] = document;
    this.documents.set(id, document);
  }

  /**
   * Takes a document out; returns the documents that had it among their neighbours. A document that
   * listed it takes its next spare, and walks the index again only when its spares ran out.
   */
  private detach(id: string): string[] {
    const document = this.documents.get(id)!;
    const listing = this.similarDocuments(document)
      .map((n) => this.documents.get(n.id)!)
      .filter((other) => other.listed.some((n) => n.id === id));
    const keptIt = listing
      .filter((other) => other.neighbours.some((n) => n.id === id))
      .map((other) => other.id);
    this.unpost(document);
    document.termIds.forEach((term, i) => {
      this.termCounts[term * 2]! -= document.counts[i]!;
      this.termCounts[term * 2 + 1]! -= 1;
    });
    this.corpusTotal -= document.length;
    this.documents.delete(id);
    this.bySlot[document.slot] = undefined;
    this.freeSlots.push(document.slot);
    for (const other of listing) {
      const listed = other.listed.filter((n) => n.id !== id);
      if (!other.complete && listed.length < this.options.neighbours) this.rank(other);
      else this.list(other, listed, other.complete);
    }
    return keptIt;
  }

  /** Learns the statistics from the current corpus and weighs and ranks every document again. */
  private learn(): void {
    const documents = [...this.documents.values()].sort((a, b) => byId(a.id, b.id));
    const size = this.vocabulary.size;
    const documentCounts = new Uint32Array(size);
    for (let term = 0; term < size; term += 1)
      documentCounts[term] = this.termCounts[term * 2 + 1]!;
    this.statistics = bm25Statistics(
      documentCounts,
      documents.length,
      documents.reduce((sum, document) => sum + document.length, 0),
    );
    this.championFloors.clear();
    for (const document of documents) this.weighKeys(document);
    // Laid out at their lengths, filled in id order (key terms are terms known at this learn).
    const lengths = new Int32Array(size);
    for (const { keyIds } of documents) for (const term of keyIds) lengths[term]! += 1;
    this.postings = Postings.laidOut(lengths);
    for (const document of documents) this.post(document);
    this.keepChampions();
    this.rankAll(documents);
    this.learntSize = documents.length;
    this.changedSinceLearn = 0;
  }

  /**
   * Every document's neighbours in one pass over the pairs: a pair's cosine is summed once, in the
   * walk of the document earlier in `documents` (over the later part of each posting, which
   * weighDocument filled in that order), and offered to both. Sums run over the shared key terms in
   * ascending order either way, so they equal what `similarity` and `rank` compute.
   */
  private rankAll(documents: readonly IndexedDocument[]): void {
    const slotCount = this.bySlot.length;
    const position = new Int32Array(slotCount);
    documents.forEach((document, at) => (position[document.slot] = at));
    const lists = new NearestLists(slotCount, this.listedCount, (slot) => this.bySlot[slot]!.id);
    this.fitOverlapScratch();
    const weights = this.overlapWeights;
    const shared = this.overlapTerms;
    const touched: number[] = [];
    const { start, length, slots, weights: postedWeights } = this.postings;
    documents.forEach((document, at) => {
      const { keyIds, keyWeights } = document;
      for (let i = 0; i < keyIds.length; i += 1) {
        const term = keyIds[i]!;
        const weight = keyWeights[i]!;
        const first = start[term]!;
        for (let j = first + length[term]! - 1; j >= first; j -= 1) {
          const slot = slots[j]!;
          if (position[slot]! <= at) break;
          if (shared[slot] === 0) touched.push(slot);
          weights[slot]! += weight * postedWeights[j]!;
          shared[slot]! += 1;
        }
      }
      for (const slot of touched) {
        const similarity = weights[slot]!;
        if (this.similar(similarity, shared[slot]!)) {
          lists.offer(document.slot, slot, similarity);
          lists.offer(slot, document.slot, similarity);
        }
        weights[slot] = 0;
        shared[slot] = 0;
      }
      touched.length = 0;
    });
    for (const document of documents) {
      const listed = lists
        .list(document.slot)
        .map(({ slot, similarity }) => ({ id: this.bySlot[slot]!.id, similarity }));
      this.list(document, listed, listed.length < this.listedCount);
    }
  }

  private fitOverlapScratch(): void {
    const slots = this.bySlot.length;
    if (this.overlapWeights.length < slots) {
      this.overlapWeights = new Float64Array(slots * 2);
      this.overlapTerms = new Uint32Array(slots * 2);
    }
  }

  /**
   * Cuts every posting longer than championsPerTerm to the documents the term weighs most in (ties
   * by id), keeping their order, and takes the term out of the others' key terms; records where
   * each cut fell, for the documents an update weighs. Postings hold documents in id order, as
   * learn weighed them.
   */
  private keepChampions(): void {
    const limit = this.options.championsPerTerm;
    const dropped = new Map<IndexedDocument, Set<number>>();
    const postings = this.postings;
    const { slots, weights } = postings;
    for (let term = 0; term < postings.terms; term += 1) {
      const count = postings.length[term]!;
      if (count <= limit) continue;
      const first = postings.start[term]!;
      const ranked = Array.from({ length: count }, (_, at) => first + at)
        .sort((a, b) => weights[b]! - weights[a]! || a - b)
        .slice(0, limit);
      const last = ranked.at(-1)!;
      this.championFloors.set(term, { weight: weights[last]!, id: this.bySlot[slots[last]!]!.id });
      const champion = new Uint8Array(count);
      for (const at of ranked) champion[at - first] = 1;
      let kept = first;
      for (let at = first; at < first + count; at += 1) {
        if (champion[at - first] === 1) {
          slots[kept] = slots[at]!;
          weights[kept] = weights[at]!;
          kept += 1;
          continue;
        }
        const document = this.bySlot[slots[at]!]!;
        const terms = dropped.get(document);
        if (terms) terms.add(term);
        else dropped.set(document, new Set([term]));
      }
      postings.truncate(term, limit);
    }
    for (const [document, terms] of dropped) {
      const keys: number[] = [];
      document.keyIds.forEach((term, i) => {
        if (!terms.has(term)) keys.push(i);
      });
      document.keyIds = picked(new Int32Array(keys.length), document.keyIds, keys);
      document.keyWeights = picked(new Float64Array(keys.length), document.keyWeights, keys);
    }
  }

  /** Whether a document with this weight of the term ranks among the term's champions. */
  private isChampion(term: number, weight: number, id: string): boolean {
    const floor = this.championFloors.get(term);
    return !floor || weight > floor.weight || (weight === floor.weight && id <= floor.id);
  }

  /**
   * Weighs the document with the learnt statistics, keeps its heaviest shared terms (less those it
   * is not a champion of, by the floors learnt last), posts them.
   */
  private weighDocument(document: IndexedDocument): void {
    this.weighKeys(document);
    this.post(document);
  }

  /** Weighs the document and keeps its key terms, unposted. */
  private weighKeys(document: IndexedDocument): void {
    const statistics = this.statistics!;
    const weights = statistics.weigh(document.termIds, document.counts, document.length);
    const heaviest = heaviestShared(document.termIds, weights, statistics, this.options.keyTerms);
    // A learn weighs every document before it finds any floor: nothing to leave out then.
    const keys =
      this.championFloors.size === 0
        ? heaviest
        : heaviest.filter((at) =>
            this.isChampion(document.termIds[at]!, weights[at]!, document.id),
          );
    document.keyIds = picked(new Int32Array(keys.length), document.termIds, keys);
    document.keyWeights = picked(new Float64Array(keys.length), weights, keys);
  }

  private post(document: IndexedDocument): void {
    const { keyIds, keyWeights, slot } = document;
    for (let i = 0; i < keyIds.length; i += 1) this.postings.add(keyIds[i]!, slot, keyWeights[i]!);
  }

  private unpost(document: IndexedDocument): void {
    for (const term of document.keyIds) this.postings.remove(term, document.slot);
  }

  private similar(similarity: number, sharedTerms: number): boolean {
    return similarity >= this.options.minSimilarity && sharedTerms >= this.options.minSharedTerms;
  }

  /** The similar documents, unordered: an inverted-index walk over the document's key terms. */
  private similarDocuments(document: IndexedDocument): TextNeighbour[] {
    this.fitOverlapScratch();
    const weights = this.overlapWeights;
    const shared = this.overlapTerms;
    const touched: number[] = [];
    const { start, length, slots, weights: postedWeights } = this.postings;
    const { keyIds, keyWeights } = document;
    for (let i = 0; i < keyIds.length; i += 1) {
      const term = keyIds[i]!;
      if (term >= start.length) continue;
      const weight = keyWeights[i]!;
      const first = start[term]!;
      for (let j = first; j < first + length[term]!; j += 1) {
        const slot = slots[j]!;
        if (shared[slot] === 0) touched.push(slot);
        weights[slot]! += weight * postedWeights[j]!;
        shared[slot]! += 1;
      }
    }
    const found: TextNeighbour[] = [];
    for (const slot of touched) {
      if (slot !== document.slot && this.similar(weights[slot]!, shared[slot]!)) {
        found.push({ id: this.bySlot[slot]!.id, similarity: weights[slot]! });
      }
      weights[slot] = 0;
      shared[slot] = 0;
    }
    return found;
  }

  /** Lists the document's most similar documents from a walk of the index. */
  private rank(document: IndexedDocument): void {
    const similar = this.similarDocuments(document).sort(bySimilarity);
    this.list(document, similar.slice(0, this.listedCount), similar.length <= this.listedCount);
  }

  private list(document: IndexedDocument, listed: TextNeighbour[], complete: boolean): void {
    document.listed = listed;
    document.complete = complete;
    document.neighbours = listed.slice(0, this.options.neighbours);
  }

  /**
   * Lists `candidate` among `id`'s most similar if it ranks there; says whether it became one of the
   * neighbours. Below the last listed of an incomplete list it is not listed: unlisted documents may
   * rank between them.
   */
  private offerNeighbour(id: string, candidate: TextNeighbour): boolean {
    const document = this.documents.get(id)!;
    const listed = document.listed.filter((n) => n.id !== candidate.id);
    const last = listed.at(-1);
    const ranksAboveLast = last === undefined || bySimilarity(candidate, last) < 0;
    if (!ranksAboveLast && (!document.complete || listed.length >= this.listedCount)) return false;
    listed.push(candidate);
    listed.sort(bySimilarity);
    const dropsOne = listed.length > this.listedCount;
    this.list(document, listed.slice(0, this.listedCount), document.complete && !dropsOne);
    return document.neighbours.includes(candidate);
  }

  private eachSharedKey(
    x: IndexedDocument,
    y: IndexedDocument,
    visit: (term: number, weight: number) => void,
  ): void {
    let i = 0;
    let j = 0;
    while (i < x.keyIds.length && j < y.keyIds.length) {
      const a = x.keyIds[i]!;
      const b = y.keyIds[j]!;
      if (a === b) visit(a, x.keyWeights[i++]! * y.keyWeights[j++]!);
      else if (a < b) i += 1;
      else j += 1;
    }
  }
}
