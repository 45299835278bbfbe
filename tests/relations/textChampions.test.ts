// Champion lists: a term more documents have as a key term than championsPerTerm is a key term of
// those it weighs most in only, on a build and, by the floors the build learnt, on an update.
import { describe, expect, it } from 'vitest';

import type { TextTerms } from '../../server/src/relations/terms.ts';
import { TextIndex } from '../../server/src/relations/textIndex.ts';
import { CountingCorpus } from './countingCorpus.ts';

/** A text of `common` times "common", a word its pair shares and one of its own. */
function text(common: number, pair: number, own: string): TextTerms {
  return new Map([
    ['common', { count: common, surface: 'common' }],
    [`pair${pair}`, { count: 1, surface: `pair${pair}` }],
    [own, { count: 1, surface: own }],
  ]);
}

// Documents d0 … d7 use "common" 1 … 8 times, otherwise alike: the more, the heavier it weighs.
const documents = Array.from({ length: 8 }, (_, i) => ({
  id: `d${i}`,
  terms: text(i + 1, Math.floor(i / 2), `own${i}`),
}));
const options = { minSimilarity: 0, minSharedTerms: 1, relearnAfter: Number.MAX_SAFE_INTEGER };

describe('champions per term', () => {
  const everyUser = TextIndex.build(documents, options);
  const champions = TextIndex.build(documents, { ...options, championsPerTerm: 3 });

  it('links the documents a common term weighs most in, and no others through it', () => {
    expect(everyUser.similarity('d0', 'd2')).toBeGreaterThan(0);
    expect(champions.similarity('d0', 'd2')).toBe(0);
    expect(champions.similarity('d7', 'd0')).toBe(0);
    expect(champions.similarity('d7', 'd5')).toBeCloseTo(everyUser.similarity('d7', 'd5'), 12);
    expect(champions.similarity('d7', 'd6')).toBeCloseTo(everyUser.similarity('d7', 'd6'), 12);
  });

  it('keeps the other key terms of a document that is not a champion', () => {
    expect(champions.similarity('d0', 'd1')).toBeGreaterThan(0);
    expect(champions.similarity('d0', 'd1')).toBeLessThan(everyUser.similarity('d0', 'd1'));
    expect(champions.neighbours('d0').map((n) => n.id)).toEqual(['d1']);
  });

  it('lets an update in above the floor the build learnt, and not below it', () => {
    const corpus = new CountingCorpus();
    const index = TextIndex.fromCounted(
      corpus.numbering,
      documents.map(({ id, terms }) => corpus.counted(id, terms)),
      { ...options, championsPerTerm: 3 },
    );
    // Words the build knew, so the update weighs them as it would have (a new word weighs 0).
    const heavy = corpus.counted('d8', text(9, 3, 'own6'));
    const light = corpus.counted('d9', text(1, 0, 'own1'));
    index.update([heavy, light], []);
    expect(index.similarity('d8', 'd7')).toBeGreaterThan(0);
    expect(index.similarity('d8', 'd5')).toBeGreaterThan(0);
    expect(index.similarity('d9', 'd7')).toBe(0);
    expect(index.similarity('d9', 'd0')).toBeGreaterThan(0);
  });
});
