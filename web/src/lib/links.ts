// Links between pages. Paper ids contain ':' and, for URL papers, '/', '?' and '#', so every
// id is encoded as one path segment; the /paper route also accepts the raw, unencoded form.
// Identifier rules are the API's own modules, so both sides read a reference the same way.
import { MAX_AUDIO_SECONDS } from '@papergraph/server/domain/audio.ts';
import { arxivAbsUrl } from '@papergraph/server/ids/arxiv.ts';
import { normalisePaperRef, paperIdLabel, type PaperKey } from '@papergraph/server/ids/paperId.ts';
import { unwrapPasted } from '@papergraph/server/ids/pasted.ts';
export { isEpisodeId } from '@papergraph/server/domain/episodeId.ts';

export function paperHref(id: string): string {
  return `/paper/${encodeURIComponent(id)}`;
}

/** The query parameter of an episode's page that starts its audio at a second (`?t=754`). */
export const START_PARAM = 't';
/** The episode's page; with `at`, its audio starts at that second (a shareable link). */
export function episodeHref(id: string, at?: number): string {
  const page = `/episode/${encodeURIComponent(id)}`;
  return at === undefined ? page : `${page}?${START_PARAM}=${Math.max(0, Math.floor(at))}`;
}

/** The second an episode page's `t` parameter asks to start at; null when absent or not one. */
export function parseStartSeconds(raw: string | null): number | null {
  if (raw === null || !/^\d{1,6}$/.test(raw)) return null;
  const seconds = Number(raw);
  return seconds <= MAX_AUDIO_SECONDS ? seconds : null;
}

export function showHref(id: string): string {
  return `/show/${encodeURIComponent(id)}`;
}

export function nodeHref(kind: 'EPISODE' | 'PAPER', id: string): string {
  return kind === 'EPISODE' ? episodeHref(id) : paperHref(id);
}

/**
 * A domain typed alone (`llama.cpp`, `openai.com`) is a word to search for; with a scheme or a path
 * it is a link.
 */
const BARE_DOMAIN = /^[^/:]+\.[a-z][a-z0-9-]*$/i;

/**
 * The paper typed or pasted text names (an arXiv id or URL, a DOI or doi.org URL, a papergraph id,
 * or any web URL), as the API keys it; null when the text is words to search for.
 */
export function paperRefKey(text: string): PaperKey | null {
  return BARE_DOMAIN.test(unwrapPasted(text)) ? null : normalisePaperRef(text);
}

/** Whether typed or pasted text names one paper rather than being words to search for. */
export function looksLikePaperRef(text: string): boolean {
  return paperRefKey(text) !== null;
}

/**
 * The page of the paper typed or pasted text names, and what to call it; null when the text is words.
 * Every identifier has a page, cited or not: an uncited paper's page says no episode cites it.
 */
export function paperRefTarget(text: string): { href: string; label: string } | null {
  const key = paperRefKey(text);
  return key === null ? null : { href: paperHref(key.id), label: paperIdLabel(key.id) };
}

/** The version an arXiv reference ends with (`v2` in `1901.00001v2` or `…/pdf/1901.00001v2.pdf`). */
const ARXIV_VERSION = /v\d+(?=(?:\.pdf)?$)/i;

/**
 * Where a paper reference can be read on the web: arXiv abstract (of the version it names),
 * doi.org, or the link itself; null when it names no paper.
 */
export function paperRefUrl(ref: string): string | null {
  const key = paperRefKey(ref);
  if (key === null) return null;
  if (key.arxivId === null) return key.url;
  const version = ARXIV_VERSION.exec(unwrapPasted(ref))?.[0].toLowerCase() ?? '';
  return arxivAbsUrl(`${key.arxivId}${version}`);
}

/** External links come from feed text: only http(s) URLs become links (never javascript: etc.). */
export function safeExternalUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
