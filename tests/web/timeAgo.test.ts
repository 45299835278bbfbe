// "Graph updated 2 hours ago": the largest whole unit, seen from the server's render time.
import { describe, expect, it } from 'vitest';

import { formatTimeAgo } from '../../web/src/lib/format.ts';

const now = new Date('2026-07-01T12:00:00.000Z');

describe('formatTimeAgo', () => {
  it.each([
    ['2026-07-01T11:59:30.000Z', 'just now'],
    ['2026-07-01T11:59:00.000Z', '1 minute ago'],
    ['2026-07-01T09:40:00.000Z', '2 hours ago'],
    ['2026-06-30T11:00:00.000Z', 'yesterday'],
    ['2026-06-10T12:00:00.000Z', '3 weeks ago'],
    ['2025-06-01T12:00:00.000Z', 'last year'],
    // A clock a little ahead of the server's still reads sensibly.
    ['2026-07-01T12:05:00.000Z', 'in 5 minutes'],
  ])('%s → %s', (at, expected) => {
    expect(formatTimeAgo(at, now)).toBe(expected);
  });
});
