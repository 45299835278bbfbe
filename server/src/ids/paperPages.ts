// Links that name one paper without being an arXiv id or a DOI: a venue's or an index's page for that
// paper. Each page reduces to its landing page (a PDF and its landing page are one paper), and only
// these pages are papers when links are read from free text: a listing, a sponsor or a profile is not.

/** ACL Anthology ids: `2023.acl-long.1` (from 2020) and `P19-1001` (before). */
const ACL_ANTHOLOGY_ID = /^(\d{4}\.[a-z0-9]+(?:-[a-z0-9]+)*\.\d+|[A-Z]\d{2}-\d{4})$/;
/** `/<id>`, `/<id>.pdf` and the old `aclweb.org/anthology/<id>` mirror path. */
const ACL_ANTHOLOGY_PATH = /^(?:\/anthology)?\/([^/]+?)(?:\.pdf)?$/;
const ACL_ANTHOLOGY_HOSTS = new Set(['aclanthology.org', 'aclweb.org']);

/** Semantic Scholar paper pages: `/paper/<40 hex>` with or without the title slug before it. */
const SEMANTIC_SCHOLAR_PAPER = /^\/paper\/(?:[^/]+\/)?([0-9a-f]{40})$/i;

/** The ACL Anthology landing page a link points at, or null. */
function aclAnthologyPageOf(host: string, path: string): string | null {
  if (!ACL_ANTHOLOGY_HOSTS.has(host)) return null;
  const id = ACL_ANTHOLOGY_PATH.exec(path)?.[1];
  return id && ACL_ANTHOLOGY_ID.test(id) ? `https://aclanthology.org/${id}` : null;
}

/** The Semantic Scholar paper page a link points at, or null. */
function semanticScholarPageOf(host: string, path: string): string | null {
  if (host !== 'semanticscholar.org') return null;
  const id = SEMANTIC_SCHOLAR_PAPER.exec(path)?.[1];
  return id ? `https://semanticscholar.org/paper/${id.toLowerCase()}` : null;
}

/** The landing page a normalised link (host without `www.`) names a paper by, or null. */
export function venuePageOf(host: string, path: string): string | null {
  return aclAnthologyPageOf(host, path) ?? semanticScholarPageOf(host, path);
}

/**
 * Canonical paper links (as paperId.ts leaves them) that are one paper's page. Papers with Code pages
 * are keyed by a slug or a number that names one paper; its task, method and dataset pages do not.
 */
const PAPER_PAGE_LINKS: readonly RegExp[] = [
  /^https:\/\/openreview\.net\/forum\?id=[A-Za-z0-9_-]+$/,
  /^https:\/\/aclanthology\.org\/[^/?#]+$/,
  /^https:\/\/semanticscholar\.org\/paper\/[0-9a-f]{40}$/,
  /^https:\/\/paperswithcode\.com\/paper\/[a-z0-9]+(?:-[a-z0-9]+)*$/,
  /^https:\/\/paperswithcode\.co\/paper\/\d+$/,
];

/** Whether a canonical link (kind `url` key's url) is one paper's page rather than any web page. */
export function isPaperPageLink(url: string): boolean {
  return PAPER_PAGE_LINKS.some((page) => page.test(url));
}
