// Paper identity: every way a feed can name a paper (arXiv ids and URLs, DOIs, OpenReview forums,
// plain links) reduces to one canonical key, so the same paper cited five ways is one node in the graph.
import { arxivAbsUrl, arxivIdFromUrl, parseArxivId } from './arxiv.ts';
import {
  DOI_HOSTS,
  doiFromPublisherPage,
  doiFromResolverPath,
  type DoiParse,
  doiUrl,
  parseDoi,
} from './doi.ts';
import { openReviewForumOf } from './openReview.ts';
import { isPaperPageLink, venuePageOf } from './paperPages.ts';
import { unwrapPasted } from './pasted.ts';
import { normaliseWebUrl } from './webUrl.ts';

type PaperKeyKind = 'arxiv' | 'doi' | 'url';

export interface PaperKey {
  /** `arxiv:2305.18290`, `arxiv:hep-th/9901001`, `doi:10.1038/nature16961`, `url:https://host/path`. */
  id: string;
  kind: PaperKeyKind;
  /** Bare arXiv id without version, for arXiv keys only. */
  arxivId: string | null;
  /** Lower-case DOI, for DOI keys only (arXiv DataCite DOIs become arXiv keys). */
  doi: string | null;
  /** The external link a person should follow. */
  url: string;
}

export type PaperRefResult = { ok: true; key: PaperKey } | { ok: false; reason: string };

/** Longest identifier accepted anywhere (a URL with its query). */
export const MAX_REF_LENGTH = 2100;

function arxivKey(arxivId: string): PaperKey {
  return { id: `arxiv:${arxivId}`, kind: 'arxiv', arxivId, doi: null, url: arxivAbsUrl(arxivId) };
}

function doiKey(parsed: DoiParse): PaperKey {
  if (parsed.kind === 'arxiv') return arxivKey(parsed.arxivId);
  return {
    id: `doi:${parsed.doi}`,
    kind: 'doi',
    arxivId: null,
    doi: parsed.doi,
    url: doiUrl(parsed.doi),
  };
}

function fromWebUrl(text: string): PaperRefResult {
  const web = normaliseWebUrl(text);
  if (!web.ok) return web;
  const arxivId = arxivIdFromUrl(web.host, web.path);
  if (arxivId) return { ok: true, key: arxivKey(arxivId) };
  if (DOI_HOSTS.has(web.host)) {
    const doi = doiFromResolverPath(web.path);
    if (doi) return { ok: true, key: doiKey(doi) };
  }
  const published = doiFromPublisherPage(web.host, web.path);
  if (published) return { ok: true, key: doiKey(published) };
  const url =
    openReviewForumOf(web.host, web.path, web.url) ?? venuePageOf(web.host, web.path) ?? web.url;
  return { ok: true, key: { id: `url:${url}`, kind: 'url', arxivId: null, doi: null, url } };
}

const PREFIXED = /^(arxiv|doi|url)\s*:\s*(.*)$/is;
/** `host.tld/…` typed without a scheme, e.g. `arxiv.org/pdf/2305.18290v3.pdf`. */
const SCHEMELESS_HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}(?::\d+)?(?:[/?#]|$)/i;
const ANY_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * Canonical key plus facts for any identifier form, pasted with its surroundings or not, or the reason
 * it is not one. Accepts papergraph keys too, so normalising a key returns the same key (idempotent).
 */
export function parsePaperRef(raw: string): PaperRefResult {
  const text = unwrapPasted(raw);
  if (text.length === 0) return { ok: false, reason: 'empty identifier' };
  if (text.length > MAX_REF_LENGTH)
    return { ok: false, reason: `identifier longer than ${MAX_REF_LENGTH} characters` };

  const prefixed = PREFIXED.exec(text);
  if (prefixed) {
    const [, prefix = '', rest = ''] = prefixed;
    switch (prefix.toLowerCase()) {
      case 'arxiv': {
        const arxivId = parseArxivId(rest);
        return arxivId
          ? { ok: true, key: arxivKey(arxivId) }
          : { ok: false, reason: `"${rest}" is not an arXiv identifier` };
      }
      case 'doi': {
        const doi = parseDoi(rest);
        return doi
          ? { ok: true, key: doiKey(doi) }
          : { ok: false, reason: `"${rest}" is not a DOI` };
      }
      default:
        return fromWebUrl(rest);
    }
  }

  const arxivId = parseArxivId(text);
  if (arxivId) return { ok: true, key: arxivKey(arxivId) };
  const doi = parseDoi(text);
  if (doi) return { ok: true, key: doiKey(doi) };
  if (ANY_SCHEME.test(text) && !SCHEMELESS_HOST.test(text)) return fromWebUrl(text);
  if (SCHEMELESS_HOST.test(text)) return fromWebUrl(`https://${text}`);
  return { ok: false, reason: 'not an arXiv id, DOI or http(s) link' };
}

/**
 * Whether a key names a paper by itself (an arXiv id, a DOI, one paper's page on a venue or index)
 * rather than being any link someone chose to cite: what counts as a paper in free text.
 */
export function namesAPaper(key: PaperKey): boolean {
  return key.kind !== 'url' || isPaperPageLink(key.url);
}

/** Canonical key and facts, or null when `raw` names no paper (use parsePaperRef for the reason). */
export function normalisePaperRef(raw: string): PaperKey | null {
  const result = parsePaperRef(raw);
  return result.ok ? result.key : null;
}

const MAX_LABEL_LENGTH = 60;

/** Short readable name for a paper id: `arXiv:2606.26453`, `doi:10.1038/x`, or host + path. */
export function paperIdLabel(paperId: string): string {
  if (paperId.startsWith('arxiv:')) return `arXiv:${paperId.slice('arxiv:'.length)}`;
  if (paperId.startsWith('doi:')) return paperId;
  if (!paperId.startsWith('url:')) return paperId;
  let hostAndPath = paperId
    .slice('url:'.length)
    .replace(/^https?:\/\//, '')
    .replace(/[?#].*$/, '');
  hostAndPath = hostAndPath.replace(/\/index\.html?$/, '');
  if (hostAndPath.length <= MAX_LABEL_LENGTH) return hostAndPath;
  const segments = hostAndPath.split('/');
  const shortened = `${segments[0]}/…/${segments[segments.length - 1]}`;
  return shortened.length <= MAX_LABEL_LENGTH
    ? shortened
    : `${hostAndPath.slice(0, MAX_LABEL_LENGTH - 1)}…`;
}

/** What to call a paper in the UI: its title, or for untitled papers a label built from its id. */
export function paperLabel(paper: { id: string; title: string | null }): string {
  return paper.title ?? paperIdLabel(paper.id);
}
