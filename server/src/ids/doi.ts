// DOIs: case-insensitive by definition, so the canonical form is lower-case. arXiv registers a
// DataCite DOI for every paper (10.48550/arXiv.<id>); those are the arXiv paper, not a new one.
import { parseArxivId } from './arxiv.ts';

/** `10.<registrant>[.<sub>]/<suffix>`; the suffix may contain almost anything but whitespace. */
const DOI = /^10\.\d{4,9}(?:\.\d+)*\/\S+$/;
const ARXIV_DATACITE = /^10\.48550\/arxiv\.(.+)$/;
export const MAX_DOI_LENGTH = 512;

export type DoiParse = { kind: 'doi'; doi: string } | { kind: 'arxiv'; arxivId: string };

export function parseDoi(text: string): DoiParse | null {
  const doi = text.trim().toLowerCase();
  if (doi.length > MAX_DOI_LENGTH || !DOI.test(doi)) return null;
  // `.`/`..` segments or a trailing slash cannot survive a resolver link (URLs resolve them away),
  // and no registered DOI has them.
  if (doi.split('/').some((segment) => segment === '.' || segment === '..') || doi.endsWith('/'))
    return null;
  const arxiv = ARXIV_DATACITE.exec(doi);
  if (arxiv?.[1]) {
    const arxivId = parseArxivId(arxiv[1]);
    return arxivId ? { kind: 'arxiv', arxivId } : null;
  }
  return { kind: 'doi', doi };
}

/** DOI resolver hosts (after `www.` has been dropped). */
export const DOI_HOSTS = new Set(['doi.org', 'dx.doi.org']);

/** The DOI a resolver URL path names (`/10.1038/nature16961`, percent-encoded or not). */
export function doiFromResolverPath(path: string): DoiParse | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.replace(/^\//, ''));
  } catch {
    return null; // malformed percent-encoding: not a DOI we can trust
  }
  return parseDoi(decoded);
}

/** Publishers whose article pages are `/doi/[abs|full|pdf|epdf|epub|reader/]<DOI>`. */
const DOI_PATH_PUBLISHERS = new Set([
  'dl.acm.org',
  'science.org',
  'pnas.org',
  'onlinelibrary.wiley.com',
  'tandfonline.com',
  'journals.sagepub.com',
  'pubs.acs.org',
]);
const DOI_PATH = /^\/doi\/(?:(?:abs|full|pdf|epdf|epub|reader)\/)?(10\..+)$/;
const SPRINGER_PATH = /^\/(?:article|chapter|content\/pdf)\/(10\..+?)(?:\.pdf)?$/;
/** Nature's article pages carry the DOI's suffix under Nature's registrant, 10.1038. */
const NATURE_PATH = /^\/articles\/([A-Za-z0-9.-]+?)(?:\.pdf)?$/;
/** bioRxiv and medRxiv add a version and a view to the DOI: `/content/10.1101/<id>v2.full.pdf`. */
const PREPRINT_SERVER_PATH =
  /^\/content\/(10\.1101\/[\d.]+?)(?:v\d+)?(?:\.full(?:\.pdf|-text)?|\.abstract|\.article-info)?$/;

/** The DOI a publisher's article page (host without `www.`) names in its path, or null. */
export function doiFromPublisherPage(host: string, path: string): DoiParse | null {
  let doiPath: string | undefined;
  if (DOI_PATH_PUBLISHERS.has(host)) doiPath = DOI_PATH.exec(path)?.[1];
  else if (host === 'link.springer.com') doiPath = SPRINGER_PATH.exec(path)?.[1];
  else if (host === 'biorxiv.org' || host === 'medrxiv.org')
    doiPath = PREPRINT_SERVER_PATH.exec(path)?.[1];
  else if (host === 'nature.com') {
    const suffix = NATURE_PATH.exec(path)?.[1];
    doiPath = suffix === undefined ? undefined : `10.1038/${suffix}`;
  }
  return doiPath === undefined ? null : doiFromResolverPath(doiPath);
}

/** Resolver link; each path segment is encoded so `#`, `?`, `<`… in a suffix stay part of the DOI. */
export function doiUrl(doi: string): string {
  return `https://doi.org/${doi.split('/').map(encodeURIComponent).join('/')}`;
}
