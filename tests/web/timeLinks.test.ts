// "discussed at 12:34" links: how a second is printed, the episode link that starts there, and the
// `t` parameter read back from it.
import { describe, expect, it } from 'vitest';

import { MAX_AUDIO_SECONDS } from '../../server/src/domain/audio.ts';
import { formatTimestamp } from '../../web/src/lib/format.ts';
import { episodeHref, parseStartSeconds, showHref } from '../../web/src/lib/links.ts';

describe('formatTimestamp', () => {
  it('prints minutes and seconds, and hours past an hour', () => {
    expect(formatTimestamp(0)).toBe('0:00');
    expect(formatTimestamp(4)).toBe('0:04');
    expect(formatTimestamp(62)).toBe('1:02');
    expect(formatTimestamp(754)).toBe('12:34');
    expect(formatTimestamp(3599)).toBe('59:59');
    expect(formatTimestamp(3600)).toBe('1:00:00');
    expect(formatTimestamp(3723)).toBe('1:02:03');
    expect(formatTimestamp(36_000 + 754)).toBe('10:12:34');
  });

  it('drops fractions and never prints a negative time', () => {
    expect(formatTimestamp(754.9)).toBe('12:34');
    expect(formatTimestamp(-3)).toBe('0:00');
  });
});

describe('episode links to a second', () => {
  it('adds the second as `t`, and reads it back', () => {
    expect(episodeHref('ep_0123456789ab')).toBe('/episode/ep_0123456789ab');
    const href = episodeHref('ep_0123456789ab', 754);
    expect(href).toBe('/episode/ep_0123456789ab?t=754');
    const t = new URL(href, 'http://localhost').searchParams.get('t');
    expect(parseStartSeconds(t)).toBe(754);
    expect(episodeHref('ep_0123456789ab', 0)).toBe('/episode/ep_0123456789ab?t=0');
  });

  it('refuses anything but whole seconds the API may store (MAX_AUDIO_SECONDS)', () => {
    expect(parseStartSeconds(null)).toBeNull();
    const past = String(MAX_AUDIO_SECONDS + 1);
    for (const raw of ['', '-4', '1.5', '12:34', 'abc', '1e3', ' 7', past, '9999999'])
      expect(parseStartSeconds(raw), raw).toBeNull();
    expect(parseStartSeconds('86400')).toBe(86_400);
    expect(parseStartSeconds(String(MAX_AUDIO_SECONDS))).toBe(MAX_AUDIO_SECONDS);
  });

  it('encodes a show id as one path segment', () => {
    expect(showHref('show_0123456789ab')).toBe('/show/show_0123456789ab');
    expect(showHref('a/b?c')).toBe('/show/a%2Fb%3Fc');
  });
});
