// BM25 term weights as unit-length (L2) vectors, so a dot product is the cosine: wink-nlp's
// BM25 vectorizer's formulas (Robertson and Zaragoza, eq. 3.3 and 3.15; k1 1.2, b 0.75, idf floor
// k 1), unrounded. Arithmetic over the index's term counts rather than wink's vectorizer, whose
// string-keyed bookkeeping was most of the cost of learning a ten-thousand-episode corpus.
// Statistics are learnt once; documents that arrive later are weighed against them (the idf and
// average length of the corpus as it was), which is what makes an update cheap, until the corpus
// has drifted enough to be learnt again (see textIndex.ts).

const K = 1;
const K1 = 1.2;
const B = 0.75;

export interface Bm25Statistics {
  /**
   * Weights of a document's terms (ids with their counts, `length` occurrences in all), aligned
   * with `ids`, as a unit vector over the terms the corpus had; 0 for a term it never had.
   */
  weigh: (ids: Int32Array, counts: Uint32Array, length: number) => Float64Array;
  /** Whether at least two documents had the term: only those can link two documents. */
  shared: (term: number) => boolean;
}

/** Statistics of a corpus of `documents` documents and `totalLength` occurrences. */
export function bm25Statistics(
  documentFrequencies: Uint32Array,
  documents: number,
  totalLength: number,
): Bm25Statistics {
  const idf = new Float64Array(documentFrequencies.length);
  const shared = new Uint8Array(documentFrequencies.length);
  documentFrequencies.forEach((df, term) => {
    if (df === 0) return;
    idf[term] = Math.log((documents - df + 0.5) / (df + 0.5) + K);
    shared[term] = df >= 2 ? 1 : 0;
  });
  const averageLength = documents === 0 ? 1 : totalLength / documents;
  return {
    weigh(ids, counts, length) {
      const weights = new Float64Array(ids.length);
      const saturation = K1 * (1 - B + (B * length) / averageLength);
      let norm = 0;
      for (let i = 0; i < ids.length; i += 1) {
        const termIdf = idf[ids[i]!] ?? 0;
        if (termIdf === 0) continue;
        const tf = counts[i]!;
        const weight = (termIdf * ((K1 + 1) * tf)) / (saturation + tf);
        weights[i] = weight;
        norm += weight * weight;
      }
      norm = Math.sqrt(norm);
      if (norm > 0) for (let i = 0; i < weights.length; i += 1) weights[i]! /= norm;
      return weights;
    },
    shared: (term) => shared[term] === 1,
  };
}
