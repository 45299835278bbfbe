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

/**
 * NeurIPS proceedings: `/paper[_files/paper]/<year>/hash/<md5>-Abstract[-Track].html` and the PDF at
 * `/file/<md5>-Paper[-Track].pdf`, on the current host or the old papers.nips.cc.
 */
const NEURIPS_PATH =
  /^(?:\/paper_files)?\/paper\/(\d{4})\/(?:hash|file)\/([0-9a-f]{32})-(?:Abstract|Paper)((?:-[A-Za-z_]+)?)\.(?:html|pdf)$/;
const NEURIPS_HOSTS = new Set(['proceedings.neurips.cc', 'papers.nips.cc']);

/** PMLR (ICML, AISTATS, COLT, …): `/v<volume>/<key>.html` and its PDF `/v<volume>/<key>/<key>.pdf`. */
const PMLR_PATH = /^\/(v\d+)\/([a-z0-9_-]+)(?:\.html|\/\2\.pdf)$/i;

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

function neuripsPageOf(host: string, path: string): string | null {
  if (!NEURIPS_HOSTS.has(host)) return null;
  const [, year, hash, track] = NEURIPS_PATH.exec(path) ?? [];
  return year && hash
    ? `https://proceedings.neurips.cc/paper_files/paper/${year}/hash/${hash}-Abstract${track ?? ''}.html`
    : null;
}

function pmlrPageOf(host: string, path: string): string | null {
  if (host !== 'proceedings.mlr.press') return null;
  const [, volume, key] = PMLR_PATH.exec(path) ?? [];
  return volume && key ? `https://proceedings.mlr.press/${volume}/${key}.html` : null;
}

/** The landing page a normalised link (host without `www.`) names a paper by, or null. */
export function venuePageOf(host: string, path: string): string | null {
  return (
    aclAnthologyPageOf(host, path) ??
    semanticScholarPageOf(host, path) ??
    neuripsPageOf(host, path) ??
    pmlrPageOf(host, path)
  );
}

/**
 * Canonical paper links (as paperId.ts leaves them) that are one paper's page. Papers with Code pages
 * are keyed by a slug or a number that names one paper; its task, method and dataset pages do not.
 */
const PAPER_PAGE_LINKS: readonly RegExp[] = [
  /^https:\/\/openreview\.net\/forum\?id=[A-Za-z0-9_-]+$/,
  /^https:\/\/aclanthology\.org\/[^/?#]+$/,
  /^https:\/\/semanticscholar\.org\/paper\/[0-9a-f]{40}$/,
  /^https:\/\/proceedings\.neurips\.cc\/paper_files\/paper\/\d{4}\/hash\/[0-9a-f]{32}-Abstract(?:-[A-Za-z_]+)?\.html$/,
  /^https:\/\/proceedings\.mlr\.press\/v\d+\/[a-z0-9_-]+\.html$/i,
  /^https:\/\/paperswithcode\.com\/paper\/[a-z0-9]+(?:-[a-z0-9]+)*$/,
  /^https:\/\/paperswithcode\.co\/paper\/\d+$/,
];

/** Whether a canonical link (kind `url` key's url) is one paper's page rather than any web page. */
export function isPaperPageLink(url: string): boolean {
  return PAPER_PAGE_LINKS.some((page) => page.test(url));
}
