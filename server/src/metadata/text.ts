// Provider text as papergraph keeps it: whitespace collapsed (Atom wraps titles and abstracts), bounded.
import { cleanControlCharacters, collapseWhitespace } from '../import/text.ts';

export function cleanText(text: string | null | undefined, maxLength: number): string | null {
  if (typeof text !== 'string') return null;
  const clean = collapseWhitespace(cleanControlCharacters(text));
  if (clean.length === 0) return null;
  return clean.length <= maxLength ? clean : `${clean.slice(0, maxLength - 1)}…`;
}

export function yearOf(year: number | null): number | null {
  return year !== null && Number.isInteger(year) && year >= 1000 && year <= 3000 ? year : null;
}

/** Deduplicated (case-insensitively), order kept, at most 100. */
export function topicsOf(topics: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const topic of topics) {
    const clean = cleanText(topic, 200);
    if (!clean || seen.has(clean.toLowerCase())) continue;
    seen.add(clean.toLowerCase());
    out.push(clean);
  }
  return out.slice(0, 100);
}
