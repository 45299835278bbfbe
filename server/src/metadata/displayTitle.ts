// The feed stays the authority for a paper's title: metadata only fills a missing one or completes one
// the feed cut short ("Direct Preference Optimization: Your Language…").
const ELLIPSIS = /(?:…|\.\.\.)\s*$/;

const normalised = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** True when the feed's title ends in an ellipsis and the provider's title starts with what precedes it. */
function isTruncatedTitle(feedTitle: string, metadataTitle: string): boolean {
  if (!ELLIPSIS.test(feedTitle)) return false;
  const kept = normalised(feedTitle.replace(ELLIPSIS, ''));
  return kept.length > 0 && normalised(metadataTitle).startsWith(kept);
}

/** Whether the title shown may come from metadata at all (skips the metadata look-up otherwise). */
export function mayNeedMetadataTitle(feedTitle: string | null): boolean {
  return feedTitle === null || ELLIPSIS.test(feedTitle);
}

export function displayTitle(
  feedTitle: string | null,
  metadataTitle: string | null,
): string | null {
  if (metadataTitle === null) return feedTitle;
  if (feedTitle === null || isTruncatedTitle(feedTitle, metadataTitle)) return metadataTitle;
  return feedTitle;
}
