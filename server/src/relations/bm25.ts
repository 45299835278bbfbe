// BM25 term weights from wink-nlp's vectorizer, as unit-length (L2) vectors so a dot product is the
// cosine. A corpus is learnt once; documents that arrive later are weighted against those learnt
// statistics (the idf and average length of the corpus as it was), which is what makes an update
// cheap, until the corpus has drifted enough to be learnt again (see textIndex.ts).
import bm25Vectorizer from 'wink-nlp/utilities/bm25-vectorizer.js';
import type { Bow } from 'wink-nlp';
import { wink } from './wink.ts';

/** wink-nlp's defaults for BM25 (k1 term saturation, b length normalisation, k idf floor). */
const CONFIG = { k: 1, k1: 1.2, b: 0.75, norm: 'l2' } as const;
/** The model format `its.modelJSON` writes and `loadModel` reads. */
const MODEL_UID = 'WinkNLP-BM25Vectorizer-Model/1.0.0';

export interface LearntCorpus {
  /** Per document, in input order: term → weight, unit length. */
  vectors: Bow[];
  /**
   * Weighs a new document's terms with the learnt statistics; terms the corpus never had are left
   * out.
   */
  weigh: (terms: readonly string[]) => Bow;
}

export function learnCorpus(documents: readonly (readonly string[])[]): LearntCorpus {
  if (documents.length === 0) return { vectors: [], weigh: () => ({}) };
  const { its } = wink();
  const vectorizer = bm25Vectorizer(CONFIG);
  for (const terms of documents) vectorizer.learn([...terms]);
  const vectors = documents.map(
    (_, i) => vectorizer.doc(i).out(its.bow as (tf: Bow) => Bow) as Bow,
  );
  const idf = Object.fromEntries(vectorizer.out(its.idf) as [string, number][]);
  const sumOfAllDLs = documents.reduce((sum, terms) => sum + terms.length, 0);
  return { vectors, weigh: statisticsWeigher(idf, documents.length, sumOfAllDLs) };
}

/**
 * A second vectorizer holding only the corpus statistics: the per-document frequencies the learning
 * one keeps are not needed to weigh new documents, and at ten thousand episodes they are large (a
 * function of its own, so the closure does not keep the learning vectorizer alive).
 */
function statisticsWeigher(
  idf: Record<string, number>,
  documents: number,
  sumOfAllDLs: number,
): (terms: readonly string[]) => Bow {
  const statistics = bm25Vectorizer(CONFIG);
  statistics.loadModel(
    JSON.stringify({
      uid: MODEL_UID,
      docId: documents,
      tf: [],
      idf,
      terms: Object.keys(idf).sort(),
      sumOfAllDLs,
    }),
  );
  return (terms) => statistics.bowOf([...terms]);
}
