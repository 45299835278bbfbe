// A paper more episodes cite than HUB_DEGREE relates no two of them by itself, but it is a reason,
// with its weight, of every relation something else makes.
import { describe, expect, it } from 'vitest';

import { HUB_DEGREE } from '../../server/src/relations/paperLinks.ts';
import { RelationIndex } from '../../server/src/relations/relationIndex.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { corpusOf } from './corpus.ts';

const hub = arxivPaper('1706.03762', 'Attention Is All You Need');
const rare = arxivPaper('2305.18290', 'Direct Preference Optimization');
/** A made-up word of its own for each number, so no two episodes' titles share a word. */
const word = (n: number) =>
  Array.from({ length: 4 }, (_, i) => 'bcdfghklmnprstvz'[(n >> (4 * i)) & 15]).join('') + 'ox';
const titleOf = (i: number) => `${word(i)} ${word(i + 4096)}`;
const DECODING =
  'Speculative decoding drafts tokens with a small model and verification keeps the acceptance rate high.';

const episodes = Array.from({ length: HUB_DEGREE + 20 }, (_, i) =>
  episode({
    title: titleOf(i),
    source: arxivPaper(`2501.${String(10000 + i)}`, null),
    recommends: i <= 1 ? [hub, rare] : [hub],
    summary: i === 0 || i === 2 ? DECODING : null,
  }),
);
const papers = [hub, rare, ...episodes.map((e) => arxivPaper(e.sourcePaperId!.slice(6), null))];
const index = RelationIndex.build(corpusOf(batchOf(episodes, papers)));
const [first, second, third, fourth] = episodes.map((e) => e.id);

describe('a hub paper', () => {
  it('relates no two episodes by itself', () => {
    const related = index.relationsOf(first!, 50).map((r) => r.episodeId);
    expect(related.sort()).toEqual([second, third].sort());
    expect(index.relationsOf(fourth!, 50)).toEqual([]);
  });

  it('is a reason, with its weight, beside a rare paper and beside similar texts', () => {
    const [withRare, withText] = [second, third].map((other) =>
      index.relationsOf(first!, 50).find((r) => r.episodeId === other)!,
    );
    const hubWeight = 1 / Math.log(episodes.length);
    expect(withRare!.sharedPaperIds.sort()).toEqual([hub.id, rare.id].sort());
    const shared = withRare!.reasons.find((r) => r.kind === 'SHARED_PAPER')!;
    expect(shared.weight).toBeCloseTo(1 / Math.log(2) + hubWeight, 12);
    expect(withText!.reasons.map((r) => r.kind)).toEqual(['SIMILAR_TEXT', 'SHARED_PAPER']);
    expect(withText!.reasons[1]).toMatchObject({
      label: 'both recommend Attention Is All You Need',
      paperIds: [hub.id],
    });
    expect(withText!.reasons[1]!.weight).toBeCloseTo(hubWeight, 12);
  });
});
