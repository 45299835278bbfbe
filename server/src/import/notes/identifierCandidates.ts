// Places in free text that may name a paper: links, `arXiv:`/`doi:` ids, bare DOIs and bare arXiv
// ids. Only where each one starts and ends is decided here; what it names is the identifier module's
// call (parsePaperRef), so a form is recognised by one rule wherever it is written.

export type CandidateForm = 'link' | 'prefixed id' | 'doi' | 'arxiv id';

export interface Candidate {
  form: CandidateForm;
  /** The text as written, surrounding punctuation included (the identifier module trims it). */
  written: string;
  start: number;
  end: number;
}

/** Printable ASCII but `<`, `>`, `"` and backtick: links end at a space, CJK text or a quote. */
const LINK_CHARACTER = String.raw`[!#-;=?-_a-~]`;

/** Earlier patterns win where two overlap: a DOI or arXiv id inside a link is that link's. */
const PATTERNS: readonly { form: CandidateForm; pattern: RegExp }[] = [
  { form: 'link', pattern: new RegExp(String.raw`\bhttps?://${LINK_CHARACTER}+`, 'gi') },
  {
    // `arxiv.org/abs/…` typed without a scheme: a domain name followed by a path.
    form: 'link',
    pattern: new RegExp(
      String.raw`(?<![\w@./:-])(?:[a-z0-9-]+\.)+[a-z]{2,63}/${LINK_CHARACTER}*`,
      'gi',
    ),
  },
  { form: 'prefixed id', pattern: /\b(?:arxiv|doi)\s?:\s?[^\s<>"]+/gi },
  { form: 'doi', pattern: /(?<![\w./-])10\.\d{4,9}(?:\.\d+)*\/[^\s<>"]+/g },
  { form: 'arxiv id', pattern: /(?<![\w./-])\d{4}\.\d{4,5}(?:v\d+)?(?![\w/]|\.\d)/g },
  {
    form: 'arxiv id',
    pattern: /(?<![\w./-])[a-z]+(?:-[a-z]+)?(?:\.[A-Za-z]{2})?\/\d{7}(?:v\d+)?(?![\w/])/g,
  },
];

/** Every candidate in `text`, in reading order, none overlapping another. */
export function identifierCandidates(text: string): Candidate[] {
  const found: Candidate[] = [];
  // One flag per character taken, so overlap costs a candidate's length, not the number found.
  const taken = new Uint8Array(text.length);
  for (const { form, pattern } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.subarray(start, end).includes(1)) continue;
      taken.fill(1, start, end);
      found.push({ form, written: match[0], start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}
