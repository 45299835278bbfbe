import { describe, expect, it } from 'vitest';

import { type LabelBox, overlappingLabels } from '../../web/src/lib/graph/labelOverlap.ts';

const box = (id: string, x1: number, y1: number, width = 10, height = 4): LabelBox => ({
  id,
  x1,
  y1,
  x2: x1 + width,
  y2: y1 + height,
});

describe('labels left out so that none overlap', () => {
  it('keeps the more important of two overlapping labels, and every label that overlaps none', () => {
    expect(overlappingLabels([box('a', 0, 0), box('b', 5, 2), box('c', 30, 0)])).toEqual(
      new Set(['b']),
    );
    expect(overlappingLabels([box('b', 5, 2), box('a', 0, 0)])).toEqual(new Set(['a']));
  });

  it('a label covering only a left-out label stays; labels closer than the gap count as overlapping', () => {
    // b covers a (kept) and goes; c covers only b, so it stays.
    expect(overlappingLabels([box('a', 0, 0), box('b', 8, 0), box('c', 16, 0)])).toEqual(
      new Set(['b']),
    );
    expect(overlappingLabels([box('a', 0, 0), box('b', 10.5, 0)])).toEqual(new Set(['b']));
    expect(overlappingLabels([box('a', 0, 0), box('b', 12, 0)])).toEqual(new Set());
  });

  it('no labels, nothing to leave out', () => {
    expect(overlappingLabels([])).toEqual(new Set());
  });
});
