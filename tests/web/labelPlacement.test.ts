import { describe, expect, it } from 'vitest';

import { type LabelOptions, placeLabels } from '../../web/src/lib/graph/labelOverlap.ts';

const box = (x1: number, y1: number, x2: number, y2: number) => ({ x1, y1, x2, y2 });
const options = (
  id: string,
  ...places: [LabelOptions['boxes'][number]['placement'], ReturnType<typeof box>][]
): LabelOptions => ({
  id,
  boxes: places.map(([placement, b]) => ({ placement, box: b })),
});

describe('placeLabels', () => {
  it('keeps each label in its first place when nothing is in the way', () => {
    const placed = placeLabels([
      options('a', ['below', box(0, 0, 10, 5)]),
      options('b', ['below', box(20, 0, 30, 5)]),
    ]);
    expect(placed.hidden.size).toBe(0);
    expect(placed.moved.size).toBe(0);
  });

  it('moves a label to its next free place, earlier labels first', () => {
    const placed = placeLabels([
      options('a', ['below', box(0, 10, 10, 15)]),
      options('b', ['below', box(5, 12, 15, 17)], ['above', box(5, 0, 15, 5)]),
    ]);
    expect([...placed.moved]).toEqual([['b', 'above']]);
    expect(placed.hidden.size).toBe(0);
  });

  it('leaves a label out when every place would cover a kept one', () => {
    const placed = placeLabels([
      options('a', ['below', box(0, 0, 100, 100)]),
      options('b', ['below', box(10, 10, 20, 20)], ['right', box(50, 50, 60, 60)]),
    ]);
    expect([...placed.hidden]).toEqual(['b']);
  });

  it('draws a label only inside the area on screen: moved in when its first place is cut, else left out', () => {
    const area = box(0, 0, 100, 100);
    const placed = placeLabels(
      [
        options('a', ['below', box(40, 40, 60, 45)]),
        options('b', ['below', box(42, 42, 62, 47)], ['right', box(95, 40, 120, 45)]),
        options('c', ['below', box(90, 90, 130, 95)]),
        options('d', ['left', box(-20, 10, 5, 15)], ['right', box(15, 10, 40, 15)]),
      ],
      area,
    );
    expect([...placed.hidden]).toEqual(['b', 'c']);
    expect([...placed.moved]).toEqual([['d', 'right']]);
  });
});
