// Feeds write dates every which way; the model stores calendar dates as YYYY-MM-DD. A date is taken
// as written (no time-zone shifting): "June 27" on the page is June 27 in the graph.

const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return null;
  if (!Number.isInteger(month) || month < 1 || month > 12) return null;
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function monthNumber(name: string): number {
  return MONTHS[name.toLowerCase().replace(/\.$/, '')] ?? 0;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\S*)?$/;
const SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const MONTH_FIRST = /^([A-Za-z]+\.?)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/;
const DAY_FIRST = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+\.?),?\s+(\d{4})$/;
/** RFC 822/1123 as in RSS pubDate: `Sat, 27 Jun 2026 06:00:00 +0000` (weekday and time optional). */
const RFC_822 =
  /^(?:[A-Za-z]{3,9},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9}\.?)\s+(\d{2}|\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:[A-Za-z]{1,5}|[+-]\d{4}))?)?$/;

/**
 * YYYY-MM-DD for `2026-06-27`, `2026/06/24`, `June 24, 2026`, `Jun 24, 2026`, `24 June 2026`,
 * or an RFC 822 pubDate; null when the text is not a real calendar date in one of those forms.
 */
export function parseDateText(text: string): string | null {
  const value = text.trim();
  let match = ISO.exec(value) ?? SLASHED.exec(value);
  if (match) return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
  match = MONTH_FIRST.exec(value);
  if (match) return isoDate(Number(match[3]), monthNumber(match[1] ?? ''), Number(match[2]));
  match = DAY_FIRST.exec(value) ?? RFC_822.exec(value);
  if (match) {
    const yearText = match[3] ?? '';
    // RFC 822 allowed two-digit years; read them as 1950–2049.
    const year =
      yearText.length === 2
        ? (Number(yearText) < 50 ? 2000 : 1900) + Number(yearText)
        : Number(yearText);
    return isoDate(year, monthNumber(match[2] ?? ''), Number(match[1]));
  }
  return null;
}

/**
 * A date at the start of running text ("June 24, 2026 This episode…"): the matched text, to be
 * checked with parseDateText, or null when nothing date-shaped starts there.
 */
const DATE_AT_START =
  /^(?:\d{4}-\d{1,2}-\d{1,2}|\d{4}\/\d{1,2}\/\d{1,2}|[A-Za-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\.?,?\s+\d{4})(?!\d)/;

export function dateTextAtStart(text: string): string | null {
  return DATE_AT_START.exec(text)?.[0] ?? null;
}
