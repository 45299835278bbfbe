// Content similarity between episodes. Each episode's terms (terms.ts) are weighted by BM25 into a
// unit vector (bm25.ts); its key terms are its `keyTerms` heaviest terms that at least one other
// episode also uses, and the similarity of two episodes is their cosine over the key terms of both:
//   similarity(a, b) = Σ over key terms t of both  wa(t) · wb(t)          (in [0, 1])
// which is the cosine of the BM25 vectors without the long tail of light terms. Key terms make the
// comparison an inverted-index walk (only episodes sharing a key term are ever compared) and the
// similarity exact and symmetric, so an update gives what a rebuild with the same corpus statistics
// would give.
//
// Incremental: an update weighs the changed episodes against the statistics learnt last, re-ranks
// the episodes whose neighbours they enter or leave, and learns the corpus again (from the stored
// term counts, no re-tokenizing) once more than `relearnAfter` of it has changed since, so idf
// drift stays bounded. Phrases ("speculative decoding") are terms when two or more episodes used
// them at the last learn; a phrase first used after it is not a term until the corpus is built
// again from its texts.
import type { Bow } from 'wink-nlp';
import { learnCorpus } from './bm25.ts';
import { isPhrase, PHRASE_SEPARATOR, type TermCount, type TextTerms } from './terms.ts';

export interface TextDocument {
  id: string;
  terms: TextTerms;
}

export interface TextNeighbour {
  id: string;
  similarity: number;
}

interface Overlap extends TextNeighbour {
  sharedTerms: number;
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
  /** Share of the corpus that may change before its statistics are learnt again. */
  relearnAfter: number;
}

const DEFAULT_TEXT_OPTIONS: TextIndexOptions = {
  neighbours: 10,
  minSimilarity: 0.04,
  minSharedTerms: 2,
  keyTerms: 64,
  relearnAfter: 0.1,
};

interface IndexedDocument {
  id: string;
  /** Distinct term ids, ascending, with their occurrence counts. */
  termIds: Int32Array;
  counts: Uint32Array;
  /** Key term ids, ascending, with their weights in the document's unit vector. */
  keyIds: Int32Array;
  keyWeights: Float64Array;
  neighbours: TextNeighbour[];
}

const PHRASE_PREFERENCE = 2;

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const bySimilarity = (a: TextNeighbour, b: TextNeighbour) =>
  b.similarity - a.similarity || byId(a.id, b.id);

export class TextIndex {
  private readonly options: TextIndexOptions;
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  /**
   * Per term: how the first text wrote it and how many texts wrote it so, then any other ways with
   * their counts (the most common way is the one shown).
   */
  private readonly firstForms: string[] = [];
  private readonly firstFormCounts: number[] = [];
  private readonly otherForms = new Map<number, Map<string, number>>();
  /** Per term: occurrences over the current corpus, and how many documents have it. */
  private readonly corpusCounts: number[] = [];
  private readonly documentCounts: number[] = [];
  private corpusTotal = 0;
  private readonly documents = new Map<string, IndexedDocument>();
  /** Key term → the documents having it as a key term, with its weight there. */
  private readonly postings = new Map<number, { ids: string[]; weights: number[] }>();
  private weigh: (terms: readonly string[]) => Bow = () => ({});
  /** Terms at least two documents had at the last learn: the only ones that can be key terms. */
  private shared = new Set<number>();
  private learntSize = 0;
  private changedSinceLearn = 0;

  constructor(options: Partial<TextIndexOptions> = {}) {
    this.options = { ...DEFAULT_TEXT_OPTIONS, ...options };
  }

  /** A corpus learnt from these texts; phrases used by fewer than two of them are dropped. */
  static build(documents: readonly TextDocument[], options?: Partial<TextIndexOptions>): TextIndex {
    const index = new TextIndex(options);
    const phraseUsers = new Map<string, number>();
    for (const { terms } of documents) {
      for (const term of terms.keys()) {
        if (isPhrase(term)) phraseUsers.set(term, (phraseUsers.get(term) ?? 0) + 1);
      }
    }
    const kept = (term: string) => !isPhrase(term) || (phraseUsers.get(term) ?? 0) >= 2;
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
  update(upserts: readonly TextDocument[], removed: readonly string[]): Set<string> {
    const touched = new Set<string>();
    const leaving = [...new Set([...removed, ...upserts.map((d) => d.id)])];
    for (const id of leaving) {
      if (!this.documents.has(id)) continue;
      for (const other of this.detach(id)) touched.add(other);
    }
    const known = (term: string) => !isPhrase(term) || this.termIds.has(term);
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
      document.neighbours = this.rank(document);
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
    const overlap = { id: b, similarity: 0, sharedTerms: 0 };
    this.eachSharedKey(x, y, (_, weight) => {
      overlap.similarity += weight;
      overlap.sharedTerms += 1;
    });
    return this.similar(overlap) ? overlap.similarity : 0;
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
    const counts = new Map<number, number>();
    const users = new Map<number, number>();
    let total = 0;
    for (const document of members) {
      document.termIds.forEach((term, i) => {
        const n = document.counts[i]!;
        counts.set(term, (counts.get(term) ?? 0) + n);
        users.set(term, (users.get(term) ?? 0) + 1);
        total += n;
      });
    }
    const averagePerGroup = this.corpusTotal / Math.max(1, groups);
    const minUsers = Math.min(2, members.length);
    const scored: [number, number][] = [];
    for (const [term, n] of counts) {
      if (users.get(term)! < minUsers) continue;
      const inCorpus = this.corpusCounts[term] || n;
      scored.push([term, (n / total) * Math.log(1 + averagePerGroup / inCorpus)]);
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
    const common = Math.max(2, this.documents.size / 2);
    const shown = (term: number, weight: number) =>
      isPhrase(this.terms[term]!) ? weight * PHRASE_PREFERENCE : weight;
    const ranked = weighted
      .filter(([term]) => (this.documentCounts[term] ?? 0) <= common)
      .map(([term, weight]): [number, number] => [term, shown(term, weight)])
      .sort((a, b) => b[1] - a[1] || byId(this.terms[a[0]]!, this.terms[b[0]]!))
      .slice(0, limit * 3)
      .map(([term]) => this.terms[term]!);
    const inPhrases = new Set(
      ranked.filter(isPhrase).flatMap((phrase) => phrase.split(PHRASE_SEPARATOR)),
    );
    return ranked
      .filter((term) => isPhrase(term) || !inPhrases.has(term))
      .slice(0, limit)
      .map((term) => this.displayForm(this.termIds.get(term)!));
  }

  private displayForm(term: number): string {
    let best = this.firstForms[term] || this.terms[term]!;
    let bestCount = this.firstFormCounts[term]!;
    for (const [form, n] of this.otherForms.get(term) ?? []) {
      if (n > bestCount || (n === bestCount && form < best)) {
        best = form;
        bestCount = n;
      }
    }
    return best;
  }

  private countForm(term: number, surface: string): void {
    const first = this.firstForms[term];
    if (first === '') {
      this.firstForms[term] = surface;
      this.firstFormCounts[term] = 1;
    } else if (first === surface) {
      this.firstFormCounts[term]! += 1;
    } else {
      const others = this.otherForms.get(term);
      if (others) others.set(surface, (others.get(surface) ?? 0) + 1);
      else this.otherForms.set(term, new Map([[surface, 1]]));
    }
  }

  private idOf(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.terms.push(term);
      this.termIds.set(term, id);
      // Grown together, so the per-term arrays stay dense.
      this.firstForms.push('');
      this.firstFormCounts.push(0);
      this.corpusCounts.push(0);
      this.documentCounts.push(0);
    }
    return id;
  }

  /** Records a document's term counts (not yet weighed), of the terms `keep` accepts. */
  private store(id: string, terms: TextTerms, keep: (term: string) => boolean): void {
    const kept: [number, TermCount][] = [];
    for (const [term, count] of terms) {
      if (keep(term)) kept.push([this.idOf(term), count]);
    }
    kept.sort((a, b) => a[0] - b[0]);
    for (const [term, { count, surface }] of kept) {
      this.corpusCounts[term]! += count;
      this.documentCounts[term]! += 1;
      this.corpusTotal += count;
      this.countForm(term, surface);
    }
    this.documents.set(id, {
      id,
      termIds: Int32Array.from(kept, ([term]) => term),
      counts: Uint32Array.from(kept, ([, { count }]) => count),
      keyIds: new Int32Array(0),
      keyWeights: new Float64Array(0),
      neighbours: [],
    });
  }

  /** Takes a document out; returns the documents that listed it as a neighbour (re-ranked). */
  private detach(id: string): string[] {
    const document = this.documents.get(id)!;
    const listing = this.similarDocuments(document)
      .map((n) => this.documents.get(n.id)!)
      .filter((other) => other.neighbours.some((n) => n.id === id));
    this.unpost(document);
    document.termIds.forEach((term, i) => {
      this.corpusCounts[term]! -= document.counts[i]!;
      this.documentCounts[term]! -= 1;
      this.corpusTotal -= document.counts[i]!;
    });
    this.documents.delete(id);
    for (const other of listing) other.neighbours = this.rank(other);
    return listing.map((other) => other.id);
  }

  /** Learns the statistics from the current corpus and weighs and ranks every document again. */
  private learn(): void {
    const documents = [...this.documents.values()].sort((a, b) => byId(a.id, b.id));
    const tokens = documents.map((document) => {
      const list: string[] = [];
      document.termIds.forEach((term, i) => {
        for (let n = 0; n < document.counts[i]!; n += 1) list.push(this.terms[term]!);
      });
      return list;
    });
    const users = new Map<number, number>();
    for (const document of documents) {
      for (const term of document.termIds) users.set(term, (users.get(term) ?? 0) + 1);
    }
    this.shared = new Set([...users].filter(([, n]) => n >= 2).map(([term]) => term));
    const learnt = learnCorpus(tokens);
    this.weigh = learnt.weigh;
    this.postings.clear();
    documents.forEach((document, i) => this.setKeys(document, learnt.vectors[i]!));
    for (const document of documents) document.neighbours = this.rank(document);
    this.learntSize = documents.length;
    this.changedSinceLearn = 0;
  }

  private weighDocument(document: IndexedDocument): void {
    const tokens: string[] = [];
    document.termIds.forEach((term, i) => {
      for (let n = 0; n < document.counts[i]!; n += 1) tokens.push(this.terms[term]!);
    });
    this.setKeys(document, this.weigh(tokens));
  }

  /** Keeps the document's heaviest shared terms and posts them. */
  private setKeys(document: IndexedDocument, weights: Bow): void {
    const keys: [number, number][] = [];
    for (const term of document.termIds) {
      if (!this.shared.has(term)) continue;
      const weight = weights[this.terms[term]!];
      if (weight !== undefined && weight > 0) keys.push([term, weight]);
    }
    keys.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    keys.length = Math.min(keys.length, this.options.keyTerms);
    keys.sort((a, b) => a[0] - b[0]);
    document.keyIds = Int32Array.from(keys, ([id]) => id);
    document.keyWeights = Float64Array.from(keys, ([, w]) => w);
    document.keyIds.forEach((term, i) => {
      const posting = this.postings.get(term);
      if (posting) {
        posting.ids.push(document.id);
        posting.weights.push(document.keyWeights[i]!);
      } else {
        this.postings.set(term, { ids: [document.id], weights: [document.keyWeights[i]!] });
      }
    });
  }

  private unpost(document: IndexedDocument): void {
    for (const term of document.keyIds) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const at = posting.ids.indexOf(document.id);
      if (at < 0) continue;
      posting.ids.splice(at, 1);
      posting.weights.splice(at, 1);
      if (posting.ids.length === 0) this.postings.delete(term);
    }
  }

  private similar(overlap: Overlap): boolean {
    return (
      overlap.similarity >= this.options.minSimilarity &&
      overlap.sharedTerms >= this.options.minSharedTerms
    );
  }

  /** Every other document sharing a key term, with its similarity (unordered). */
  private overlaps(document: IndexedDocument): Overlap[] {
    const found = new Map<string, Overlap>();
    document.keyIds.forEach((term, i) => {
      const posting = this.postings.get(term);
      if (!posting) return;
      const weight = document.keyWeights[i]!;
      posting.ids.forEach((id, j) => {
        if (id === document.id) return;
        let overlap = found.get(id);
        if (!overlap) {
          overlap = { id, similarity: 0, sharedTerms: 0 };
          found.set(id, overlap);
        }
        overlap.similarity += weight * posting.weights[j]!;
        overlap.sharedTerms += 1;
      });
    });
    return [...found.values()];
  }

  /** The similar documents, most similar first. */
  private similarDocuments(document: IndexedDocument): TextNeighbour[] {
    return this.overlaps(document)
      .filter((overlap) => this.similar(overlap))
      .map(({ id, similarity }) => ({ id, similarity }));
  }

  private rank(document: IndexedDocument): TextNeighbour[] {
    return this.similarDocuments(document).sort(bySimilarity).slice(0, this.options.neighbours);
  }

  /** Puts `candidate` among `id`'s neighbours if it ranks; says whether the list changed. */
  private offerNeighbour(id: string, candidate: TextNeighbour): boolean {
    const document = this.documents.get(id)!;
    const list = document.neighbours.filter((n) => n.id !== candidate.id);
    list.push(candidate);
    list.sort(bySimilarity);
    const kept = list.slice(0, this.options.neighbours);
    if (!kept.includes(candidate)) return false;
    document.neighbours = kept;
    return true;
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
