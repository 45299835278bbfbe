// arXiv identifiers in their two historical schemes. A paper's identity never includes the version
// (v1, v2 … are revisions of the same paper), so every form reduces to the bare id.

/** New scheme (April 2007 on): YYMM.NNNN until 2014, YYMM.NNNNN from 2015. */
const NEW_STYLE = /^(\d{2})(\d{2})\.(\d{4,5})(?:v\d{1,4})?$/;

/**
 * Old scheme (until March 2007): archive[.SUBJECT-CLASS]/YYMMNNN, e.g. hep-th/9901001 or
 * math.GT/0309136. Numbers were allocated per archive, so the subject class is decoration:
 * math.GT/0309136 and math/0309136 are the same paper and both reduce to `math/0309136`.
 */
const OLD_STYLE =
  /^([a-z]+(?:-[a-z]+)?)(?:\.[a-z]{2}(?:-[a-z]+)?)?\/(\d{2})(\d{2})(\d{3})(?:v\d{1,4})?$/i;

function isMonth(mm: string): boolean {
  const month = Number(mm);
  return month >= 1 && month <= 12;
}

/** Canonical arXiv id (no version, lower-case archive) or null when `text` is not one. */
export function parseArxivId(text: string): string | null {
  const id = text.trim();
  const modern = NEW_STYLE.exec(id);
  if (modern) {
    const [, yy = '', mm = '', number = ''] = modern;
    if (!isMonth(mm)) return null;
    // The five-digit sequence number started with 1501; earlier ids have exactly four digits.
    const fiveDigitEra = Number(yy + mm) >= 1501;
    if (number.length !== (fiveDigitEra ? 5 : 4)) return null;
    return `${yy}${mm}.${number}`;
  }
  const legacy = OLD_STYLE.exec(id);
  if (legacy) {
    const [, archive = '', yy = '', mm = '', number = ''] = legacy;
    if (!isMonth(mm)) return null;
    return `${archive.toLowerCase()}/${yy}${mm}${number}`;
  }
  return null;
}

/**
 * Pages that show one arXiv paper under its id: arXiv's own hosts and old mirror, and the mirrors and
 * aggregators people share links from. Hosts as normaliseWebUrl leaves them (`www.` dropped).
 */
const ARXIV_PAGES: readonly { hosts: readonly string[]; path: RegExp }[] = [
  // /abs/ID, /pdf/ID, /pdf/ID.pdf, /html/ID, /format/ID — with or without a version.
  {
    hosts: ['arxiv.org', 'export.arxiv.org', 'browse.arxiv.org', 'xxx.lanl.gov'],
    path: /^\/(?:abs|pdf|html|format)\/(.+?)(?:\.pdf)?$/,
  },
  { hosts: ['ar5iv.org', 'ar5iv.labs.arxiv.org'], path: /^\/(?:abs|html)\/(.+)$/ },
  { hosts: ['huggingface.co', 'hf.co'], path: /^\/papers\/(.+)$/ },
  { hosts: ['alphaxiv.org'], path: /^\/(?:abs|overview|pdf)\/(.+?)(?:\.pdf)?$/ },
  { hosts: ['semanticscholar.org'], path: /^\/arxiv\/(.+)$/ },
  { hosts: ['api.semanticscholar.org'], path: /^\/arxiv:(.+)$/i },
  { hosts: ['arxiv-vanity.com'], path: /^\/papers\/(.+)$/ },
  { hosts: ['scirate.com'], path: /^\/arxiv\/(.+)$/ },
  // Also /arxiv/cs.AI listings and /arxiv/kimi?paper=… summaries, which are not an id: left as links.
  { hosts: ['papers.cool'], path: /^\/arxiv\/(.+)$/ },
  // The Papers with Code revival keys arXiv papers by id and others by a number (left as links).
  { hosts: ['paperswithcode.co'], path: /^\/paper\/(.+)$/ },
];

/** The arXiv id a paper page URL points at, or null for any other URL (listings, search, …). */
export function arxivIdFromUrl(host: string, path: string): string | null {
  for (const page of ARXIV_PAGES) {
    if (!page.hosts.includes(host)) continue;
    const id = page.path.exec(path)?.[1];
    return id ? parseArxivId(id) : null;
  }
  return null;
}

export function arxivAbsUrl(arxivId: string): string {
  return `https://arxiv.org/abs/${arxivId}`;
}
