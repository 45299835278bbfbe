// Episode length in whole minutes from page text ("23 min", "1 hr 5 min") or itunes:duration
// ("23:00", "00:23:00", "1380" seconds).

export type DurationParse = { ok: true; minutes: number | null } | { ok: false };

const CLOCK = /^(\d{1,3}):(\d{2})(?::(\d{2}))?$/;
const SECONDS = /^\d{1,7}$/;
const WORDS =
  /^(?:(\d{1,3})\s*(?:h|hr|hrs|hour|hours)\.?)?\s*(?:(\d{1,4})\s*(?:m|min|mins|minute|minutes)\.?)?\s*(?:(\d{1,5})\s*(?:s|sec|secs|second|seconds)\.?)?$/i;

function toMinutes(seconds: number): number | null {
  // Zero means "unknown" in feeds; anything shorter than a minute still lasted, so round up to 1.
  if (seconds === 0) return null;
  return Math.max(1, Math.round(seconds / 60));
}

export function parseDuration(text: string): DurationParse {
  const value = text.trim();
  if (value === '') return { ok: true, minutes: null };
  const clock = CLOCK.exec(value);
  if (clock) {
    const [, first = '0', second = '0', third] = clock;
    if (third === undefined) {
      if (Number(second) >= 60) return { ok: false };
      return { ok: true, minutes: toMinutes(Number(first) * 60 + Number(second)) };
    }
    if (Number(second) >= 60 || Number(third) >= 60) return { ok: false };
    return {
      ok: true,
      minutes: toMinutes(Number(first) * 3600 + Number(second) * 60 + Number(third)),
    };
  }
  if (SECONDS.test(value)) return { ok: true, minutes: toMinutes(Number(value)) };
  const words = WORDS.exec(value);
  if (words && (words[1] || words[2] || words[3])) {
    const seconds =
      Number(words[1] ?? 0) * 3600 + Number(words[2] ?? 0) * 60 + Number(words[3] ?? 0);
    return { ok: true, minutes: toMinutes(seconds) };
  }
  return { ok: false };
}

/** Whether a line of page text is a duration line ("23 min"), as opposed to a title. */
export function isDurationLine(line: string): boolean {
  const value = line.trim();
  return /\d/.test(value) && !SECONDS.test(value) && !CLOCK.test(value) && parseDuration(value).ok;
}
