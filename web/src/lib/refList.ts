// A pasted list of paper references (or a BibTeX file) → the identifiers to look up, in order.
import { paperRefKey } from './links.ts';

/** Most references one lookup takes: a reading list, not a whole library. */
export const MAX_REFS = 500;

export interface RefList {
  refs: string[];
  /** Pieces that are no identifier, said so with their line. */
  problems: string[];
}

/** BibTeX fields that carry an identifier, in the order a reference is taken from an entry. */
const BIBTEX_FIELDS = ['doi', 'eprint', 'url'] as const;

function bibtexRefs(text: string): string[] | null {
  const entries = [...text.matchAll(/@\w+\s*\{[^@]*/g)].map((m) => m[0]);
  if (entries.length === 0) return null;
  return entries.flatMap((entry) => {
    for (const field of BIBTEX_FIELDS) {
      const value = new RegExp(`\\b${field}\\s*=\\s*[{"]([^}"]+)[}"]`, 'i')
        .exec(entry)?.[1]
        ?.trim();
      if (value) return [value];
    }
    return [];
  });
}

/** One reference per line, or several separated by spaces, commas or semicolons; BibTeX entries by their doi/eprint/url. */
export function parseRefList(text: string): RefList {
  const problems: string[] = [];
  const refs: string[] = [];
  const keys = new Set<string>();
  // Two spellings of one paper (`2305.18290`, `arXiv:2305.18290v2`) are one lookup.
  const add = (ref: string, key: string) => {
    if (keys.has(key)) return;
    keys.add(key);
    refs.push(ref);
  };
  const fromBibtex = bibtexRefs(text);
  if (fromBibtex) fromBibtex.forEach((ref) => add(ref, paperRefKey(ref)?.id ?? ref));
  else {
    text.split(/\r?\n/).forEach((line, index) => {
      for (const piece of line.split(/[\s,;]+/).filter((p) => p.length > 0)) {
        const key = paperRefKey(piece);
        if (key) add(piece, key.id);
        else
          problems.push(
            `line ${index + 1}: "${piece.slice(0, 80)}" is not an arXiv id, DOI or URL`,
          );
      }
    });
  }
  if (refs.length > MAX_REFS) {
    problems.push(
      `${refs.length} references given; one lookup takes at most ${MAX_REFS}, the rest were left out`,
    );
    refs.length = MAX_REFS;
  }
  return { refs, problems };
}
