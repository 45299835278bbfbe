// Links between pages. Paper ids contain ':' and, for URL papers, '/', '?' and '#', so every
// id is encoded as one path segment; the /paper route also accepts the raw, unencoded form.

export function paperHref(id: string): string {
  return `/paper/${encodeURIComponent(id)}`;
}

export function episodeHref(id: string): string {
  return `/episode/${encodeURIComponent(id)}`;
}

export function nodeHref(kind: 'EPISODE' | 'PAPER', id: string): string {
  return kind === 'EPISODE' ? episodeHref(id) : paperHref(id);
}

/** Episode ids have one fixed shape; everything else in the graph is a paper. */
export function isEpisodeId(id: string): boolean {
  return /^ep_[0-9a-f]{12}$/.test(id);
}

/**
 * Whether typed or pasted text names one paper (an arXiv id or URL, a DOI or doi.org URL, a
 * papergraph id, or any web URL) rather than being words to search for.
 */
export function looksLikePaperRef(text: string): boolean {
  const value = text.trim();
  if (value.length === 0 || /\s/.test(value)) return false;
  return (
    /^(arxiv|doi|url):\S+$/i.test(value) ||
    /^https?:\/\/\S+\.\S+/i.test(value) ||
    /^10\.\d{4,9}\/\S+$/.test(value) ||
    /^\d{4}\.\d{4,5}(v\d+)?$/.test(value) ||
    /^[a-z-]+(\.[A-Z]{2})?\/\d{7}(v\d+)?$/i.test(value)
  );
}

/** Where a paper reference can be read on the web: arXiv abstract, doi.org, or the URL itself; null when unknown. */
export function paperRefUrl(ref: string): string | null {
  const value = ref.trim();
  const arxiv =
    /^(?:arxiv:)?(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?\/\d{7}(?:v\d+)?)$/i.exec(value);
  if (arxiv) return `https://arxiv.org/abs/${arxiv[1]}`;
  const doi = /^(?:doi:)?(10\.\d{4,9}\/\S+)$/i.exec(value);
  if (doi) return `https://doi.org/${doi[1]}`;
  return safeExternalUrl(value.replace(/^url:/i, ''));
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
