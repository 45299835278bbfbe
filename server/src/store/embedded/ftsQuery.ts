// Turns what a person typed into a safe FTS5 query. User text never reaches MATCH as syntax: only
// letters and digits survive, each typed word becomes a quoted phrase (so "2305.18290" stays one unit)
// and the last token of each is a prefix, so results appear while typing.

/** null when nothing searchable is left (empty, or punctuation only). */
export function toFtsQuery(input: string): string | null {
  const phrases: string[] = [];
  for (const word of input.normalize('NFKC').split(/\s+/u)) {
    const tokens = word.match(/[\p{L}\p{N}]+/gu);
    if (tokens) phrases.push(`"${tokens.join(' ')}"*`);
    if (phrases.length === 32) break; // a pasted essay is not a search
  }
  return phrases.length > 0 ? phrases.join(' ') : null;
}
