import { describe, expect, it } from 'vitest';

import { RecentlyUnenriched } from '../../server/src/store/neo4j/recentlyUnenriched.ts';

function clocked(windowMs: number) {
  let now = 0;
  const unenriched = new RecentlyUnenriched(windowMs, () => now);
  return {
    unenriched,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('papers a read found without metadata', () => {
  it('answers for every paper noted within the window, and for no other', () => {
    const { unenriched, advance } = clocked(1_000);
    unenriched.note(['a', 'b'], unenriched.generation);
    advance(400);
    unenriched.note(['c'], unenriched.generation);
    expect(unenriched.covers(['a', 'b', 'c'])).toBe(true);
    expect(unenriched.covers(['a', 'd'])).toBe(false);
    advance(700);
    expect(unenriched.covers(['a'])).toBe(false);
    expect(unenriched.covers(['c'])).toBe(true);
    // Noted again, a paper's window starts again.
    unenriched.note(['a'], unenriched.generation);
    advance(800);
    expect(unenriched.covers(['a'])).toBe(true);
    expect(unenriched.covers(['c'])).toBe(false);
  });

  it('forgets everything on a save, and what a read begun before it found', () => {
    const { unenriched } = clocked(1_000);
    unenriched.note(['a'], unenriched.generation);
    const begun = unenriched.generation;
    unenriched.forget();
    expect(unenriched.covers(['a'])).toBe(false);
    unenriched.note(['b'], begun);
    expect(unenriched.covers(['b'])).toBe(false);
    unenriched.note(['b'], unenriched.generation);
    expect(unenriched.covers(['b'])).toBe(true);
  });
});
