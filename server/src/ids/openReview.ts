// OpenReview papers: each submission is one forum, named by its note id. The forum page is the paper's
// own address, so its PDF, a link to one reply in it and papers.cool's copy are all that one page.
// OpenReview ids say nothing about arXiv: such a paper stays a link paper under its forum URL.

/** Note ids: letters, digits, `-` and `_` (`HyxCxhRcY7`, `N6JECD-PI5w`, `GF9cSKI3A_q`). */
const NOTE_ID = /^[A-Za-z0-9_-]{5,40}$/;
/** Pages whose `id` parameter is the forum's note id. */
const FORUM_PAGES = new Set(['/forum', '/pdf']);
/** papers.cool lists a venue paper from OpenReview as `/venue/<note id>@OpenReview`. */
const PAPERS_COOL_VENUE = /^\/venue\/([A-Za-z0-9_-]+)(?:@|%40)OpenReview$/i;

/** The forum URL a normalised link points at (host without `www.`), or null for any other link. */
export function openReviewForumOf(host: string, path: string, url: string): string | null {
  let noteId: string | null | undefined = null;
  if (host === 'openreview.net' && FORUM_PAGES.has(path))
    noteId = new URL(url).searchParams.get('id');
  else if (host === 'papers.cool') noteId = PAPERS_COOL_VENUE.exec(path)?.[1];
  return noteId && NOTE_ID.test(noteId) ? `https://openreview.net/forum?id=${noteId}` : null;
}
