import { describe, expect, it } from 'vitest';

import { newestFirst, newestFirstBy } from '../../server/src/domain/newestFirst.ts';

describe('newestFirst', () => {
  it('orders episodes newest first, undated last, then by id', () => {
    const episodes = [
      { id: 'ep_c', publishedAt: '2024-01-01' },
      { id: 'ep_b', publishedAt: null },
      { id: 'ep_b', publishedAt: '2025-03-09' },
      { id: 'ep_a', publishedAt: '2024-01-01' },
      { id: 'ep_a', publishedAt: null },
    ];
    expect(episodes.toSorted(newestFirst)).toEqual([
      { id: 'ep_b', publishedAt: '2025-03-09' },
      { id: 'ep_a', publishedAt: '2024-01-01' },
      { id: 'ep_c', publishedAt: '2024-01-01' },
      { id: 'ep_a', publishedAt: null },
      { id: 'ep_b', publishedAt: null },
    ]);
  });

  it('orders day numbers the same way', () => {
    const days = new Map([
      ['ep_x', 19_000],
      ['ep_y', null],
      ['ep_z', 19_500],
      ['ep_w', 19_000],
    ]);
    const byDay = newestFirstBy(
      (id: string) => days.get(id) ?? null,
      (id) => id,
    );
    expect([...days.keys()].sort(byDay)).toEqual(['ep_z', 'ep_w', 'ep_x', 'ep_y']);
  });
});
