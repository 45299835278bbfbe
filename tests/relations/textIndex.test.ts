// The text similarity is what it says: the cosine of wink-nlp's BM25 vectors (exactly so when every
// term may be a key term), and the terms it names are the episodes' own words.
import { describe, expect, it } from 'vitest';
import type { Bow } from 'wink-nlp';
import bm25Vectorizer from 'wink-nlp/utilities/bm25-vectorizer.js';
import similarity from 'wink-nlp/utilities/similarity.js';

import { episodeDocument } from '../../server/src/relations/episodeDocument.ts';
import { isPhrase, textTerms } from '../../server/src/relations/terms.ts';
import { TextIndex } from '../../server/src/relations/textIndex.ts';
import { wink } from '../../server/src/relations/wink.ts';
import { corpusOf, THREE_TOPICS } from './corpus.ts';

const titles = corpusOf(THREE_TOPICS).paperTitles;
/** wink-nlp's own BM25 vectors of these token lists (its defaults, L2-normalised). */
function learnCorpus(corpus: readonly string[][]): { vectors: Bow[] } {
  const { its } = wink();
  const vectorizer = bm25Vectorizer({ k: 1, k1: 1.2, b: 0.75, norm: 'l2' });
  for (const tokens of corpus) vectorizer.learn(tokens);
  return {
    vectors: corpus.map((_, i) => vectorizer.doc(i).out(its.bow as (tf: Bow) => Bow) as Bow),
  };
}

const documents = THREE_TOPICS.episodes.map((episode) => ({
  id: episode.id,
  terms: textTerms(episodeDocument(episode, (id) => titles.get(id) ?? null)),
}));

describe('text similarity', () => {
  it('equals the cosine of the BM25 vectors when no term is left out', () => {
    const index = TextIndex.build(documents, {
      keyTerms: Number.MAX_SAFE_INTEGER,
      minSimilarity: 0,
      minSharedTerms: 1,
    });
    // As the index learns: phrases count when two or more episodes use them.
    const phraseUsers = new Map<string, number>();
    for (const { terms } of documents) {
      for (const term of terms.keys()) {
        if (isPhrase(term)) phraseUsers.set(term, (phraseUsers.get(term) ?? 0) + 1);
      }
    }
    const tokens = documents.map(({ terms }) =>
      [...terms]
        .filter(([term]) => !isPhrase(term) || (phraseUsers.get(term) ?? 0) >= 2)
        .flatMap(([term, { count }]) => Array.from({ length: count }, () => term)),
    );
    const { vectors } = learnCorpus(tokens);
    documents.forEach((a, i) => {
      documents.forEach((b, j) => {
        if (i === j) return;
        expect(index.similarity(a.id, b.id)).toBeCloseTo(
          similarity.bow.cosine(vectors[i]!, vectors[j]!),
          5,
        );
      });
    });
  });

  it('tokenizes to stems of nouns, names and adjectives, with two-word phrases as written', () => {
    const terms = textTerms(
      'Speculative decoding verifies drafted tokens quickly; DeepSeek runs rejection-sampling on GPUs. Speculative decoding again.',
    );
    expect([...terms.keys()]).toEqual(
      expect.arrayContaining(['specul', 'decod', 'specul decod', 'deepseek', 'reject sampl']),
    );
    expect(terms.has('quick')).toBe(false);
    expect(terms.get('specul decod')).toEqual({ count: 2, surface: 'speculative decoding' });
    expect(terms.get('reject sampl')?.surface).toBe('rejection sampling');
    expect(terms.get('deepseek')?.surface).toBe('DeepSeek');
  });
});
