// The text index updates neighbour lists in place between relearns (it re-ranks only the documents a
// change touched): after any run of adds, changes and removals below the relearn threshold, every
// document's neighbours are exactly its most similar others, and an update names who it touched.
import { describe, expect, it } from 'vitest';

import { textTerms } from '../../server/src/relations/terms.ts';
import { TextIndex } from '../../server/src/relations/textIndex.ts';
import { CountingCorpus } from './countingCorpus.ts';

const TOPICS = [
  ['decoding', 'draft', 'verification', 'token', 'latency', 'speculation', 'acceptance', 'sampler'],
  ['preference', 'reward', 'policy', 'feedback', 'alignment', 'annotator', 'comparison', 'margin'],
  ['protein', 'structure', 'folding', 'residue', 'sequence', 'enzyme', 'binding', 'crystal'],
  ['galaxy', 'telescope', 'spectrum', 'redshift', 'survey', 'quasar', 'cluster', 'nebula'],
  ['vaccine', 'antibody', 'trial', 'dose', 'pathogen', 'immunity', 'cohort', 'placebo'],
];
const SHARED_WORDS = ['model', 'dataset', 'benchmark', 'paper', 'method', 'result'];

/** A seeded generator, so a failure names a corpus that can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function textOf(next: () => number): string {
  const topic = TOPICS[Math.floor(next() * TOPICS.length)]!;
  const other = TOPICS[Math.floor(next() * TOPICS.length)]!;
  const pick = (words: readonly string[]) => words[Math.floor(next() * words.length)]!;
  const words = [
    ...Array.from({ length: 9 }, () => pick(topic)),
    ...Array.from({ length: 2 }, () => pick(other)),
    ...Array.from({ length: 2 }, () => pick(SHARED_WORDS)),
  ];
  return `${words.join(' and the ')}.`;
}

/** The `k` most similar others of `id` by the index's own similarity, best first, ties by id. */
function mostSimilar(index: TextIndex, ids: readonly string[], id: string, k: number) {
  return ids
    .filter((other) => other !== id)
    .map((other) => ({ id: other, similarity: index.similarity(id, other) }))
    .filter(({ similarity }) => similarity > 0)
    .sort((a, b) => b.similarity - a.similarity || (a.id < b.id ? -1 : 1))
    .slice(0, k);
}

function expectExactNeighbours(index: TextIndex, ids: readonly string[], k: number): void {
  for (const id of ids) {
    const expected = mostSimilar(index, ids, id, k);
    const kept = index.neighbours(id);
    expect(
      kept.map((n) => n.id),
      `neighbours of ${id}`,
    ).toEqual(expected.map((n) => n.id));
    kept.forEach((n, i) => expect(n.similarity).toBeCloseTo(expected[i]!.similarity, 9));
  }
}

describe('text index updates', () => {
  const NEIGHBOURS = 4;

  it.each([
    ['every key term', {}],
    ['twelve champions per term', { championsPerTerm: 12 }],
  ])(
    'keeps every neighbour list exact through removals, changes and additions (%s)',
    (_, champions) => {
      const next = random(20);
      const corpus = new CountingCorpus();
      const texts = new Map<string, string>();
      for (let i = 0; i < 160; i += 1) texts.set(`ep-${String(i).padStart(3, '0')}`, textOf(next));
      const index = TextIndex.fromCounted(
        corpus.numbering,
        [...texts].map(([id, text]) => corpus.counted(id, textTerms(text))),
        // Never relearn here: every step is the incremental path.
        { neighbours: NEIGHBOURS, relearnAfter: Number.MAX_SAFE_INTEGER, ...champions },
      );
      expectExactNeighbours(index, [...texts.keys()], NEIGHBOURS);

      let added = 0;
      for (let step = 0; step < 12; step += 1) {
        const ids = [...texts.keys()];
        const removed = Array.from({ length: 4 }, () => ids[Math.floor(next() * ids.length)]!);
        const uniqueRemoved = [...new Set(removed)];
        for (const id of uniqueRemoved) texts.delete(id);
        const remaining = [...texts.keys()];
        const changed = Array.from(
          { length: 2 },
          () => remaining[Math.floor(next() * remaining.length)]!,
        );
        const upserts = new Map<string, string>();
        for (const id of changed) upserts.set(id, textOf(next));
        upserts.set(`new-${added++}`, textOf(next));
        for (const [id, text] of upserts) texts.set(id, text);

        const touched = index.update(
          [...upserts].map(([id, text]) => corpus.counted(id, textTerms(text))),
          uniqueRemoved,
        );
        expectExactNeighbours(index, [...texts.keys()], NEIGHBOURS);
        for (const id of uniqueRemoved) expect(touched.has(id)).toBe(false);
        for (const id of upserts.keys()) expect(touched.has(id)).toBe(true);
      }
    },
  );

  it('says which documents lost a neighbour to a removal', () => {
    const next = random(7);
    const corpus = new CountingCorpus();
    const documents = Array.from({ length: 60 }, (_, i) =>
      corpus.counted(`d${i}`, textTerms(textOf(next))),
    );
    const index = TextIndex.fromCounted(corpus.numbering, documents, {
      neighbours: NEIGHBOURS,
      relearnAfter: Number.MAX_SAFE_INTEGER,
    });
    const gone = 'd0';
    const keptIt = documents
      .map((d) => d.id)
      .filter((id) => index.neighbours(id).some((n) => n.id === gone));
    expect(keptIt.length).toBeGreaterThan(0);
    expect([...index.update([], [gone])].sort()).toEqual(keptIt.sort());
  });
});
