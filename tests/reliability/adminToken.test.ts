// The admin token check: right answers for every header shape, and the comparison is always one
// constant-time comparison of equal-length digests, whatever the caller sent (so timing says nothing
// about how much of the token was right, or how long it is).
import * as crypto from 'node:crypto';

import { beforeEach, describe, expect, it, vi } from 'vitest';

import { carriesAdminToken } from '../../server/src/graphql/adminToken.ts';

vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>();
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) };
});

const TOKEN = 'correct-horse-battery-staple-42';
const compare = vi.mocked(crypto.timingSafeEqual);

describe('carriesAdminToken', () => {
  beforeEach(() => {
    compare.mockClear();
  });

  it('accepts exactly "Bearer <token>" (scheme case-insensitive, outer whitespace ignored)', () => {
    expect(carriesAdminToken(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(carriesAdminToken(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(carriesAdminToken(`  Bearer   ${TOKEN}  `, TOKEN)).toBe(true);
  });

  it('refuses everything else', () => {
    for (const header of [
      null,
      '',
      TOKEN,
      `Basic ${TOKEN}`,
      `Bearer ${TOKEN}x`,
      `Bearer ${TOKEN.slice(0, -1)}`,
      'Bearer ',
      `Bearer ${TOKEN.toUpperCase()}`,
    ]) {
      expect(carriesAdminToken(header, TOKEN), String(header)).toBe(false);
    }
    expect(carriesAdminToken(`Bearer ${TOKEN}`, undefined)).toBe(false);
  });

  it('compares with timingSafeEqual on equal-length buffers, for short, long, right and wrong tokens alike', () => {
    for (const candidate of ['x', TOKEN.slice(0, 10), TOKEN, `${TOKEN}${'y'.repeat(500)}`]) {
      carriesAdminToken(`Bearer ${candidate}`, TOKEN);
    }
    expect(compare).toHaveBeenCalledTimes(4);
    for (const [a, b] of compare.mock.calls) {
      expect((a as Buffer).length).toBe((b as Buffer).length);
      expect((a as Buffer).length).toBe(32);
    }
  });
});
