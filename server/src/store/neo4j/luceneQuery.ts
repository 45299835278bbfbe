// Turns what a person typed into a safe Lucene query for db.index.fulltext.queryNodes. It is passed as
// a parameter (never spliced into Cypher), and user text never becomes Lucene syntax either: each typed
// word becomes a quoted phrase with the quote and backslash characters removed, so operators, field
// names and wildcards are just text. Same matching rules as the embedded store's FTS query: every word
// must match (AND), and a plain word also matches as a prefix, so results appear while typing.

/** Lucene field (= property) name → boost; mirrors the embedded store's bm25 column weights. */
export type FieldWeights = Readonly<Record<string, number>>;

export const EPISODE_SEARCH_FIELDS: FieldWeights = {
  title: 10,
  summary: 2,
  searchDetails: 2,
  searchNotes: 1,
};
export const PAPER_SEARCH_FIELDS: FieldWeights = {
  title: 10,
  searchIdentifiers: 3,
  searchNotes: 1,
};

const MAX_WORDS = 32; // a pasted essay is not a search

/**
 * Lucene's EnglishAnalyzer stop words (the analyzer of both full-text indexes). They are not in the
 * index, so a required clause for one could never match; they are left out of the query instead.
 */
const ENGLISH_STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be but by for if in into is it no not of on or such that the their then there ' +
    'these they this to was will with'
  ).split(' '),
);
const SINGLE_TOKEN = /^[\p{L}\p{N}]+$/u;

/** null when nothing searchable is left (empty, punctuation or stop words only). */
export function toLuceneQuery(input: string, fields: FieldWeights): string | null {
  const clauses: string[] = [];
  for (const word of input.normalize('NFKC').split(/\s+/u)) {
    const tokens = word.match(/[\p{L}\p{N}]+/gu);
    if (!tokens || tokens.every((token) => ENGLISH_STOP_WORDS.has(token.toLowerCase()))) continue;
    const phrase = `"${word.replace(/["\\]/g, ' ').toLowerCase()}"`;
    // Lowercased: the analyzer lowercases indexed text, and AND/OR/NOT are operators only in upper case.
    const term = SINGLE_TOKEN.test(word) ? `(${phrase} OR ${word.toLowerCase()}*)` : phrase;
    const perField = Object.entries(fields).map(([field, boost]) => `${field}:${term}^${boost}`);
    clauses.push(`(${perField.join(' OR ')})`);
    if (clauses.length === MAX_WORDS) break;
  }
  return clauses.length > 0 ? clauses.join(' AND ') : null;
}
