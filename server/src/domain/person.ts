// A person a podcast names in its feed (Podcasting 2.0 `podcast:person`): who hosts an episode, who is
// its guest. Their id is derived from what names them most stably, so the same person meets on one
// node across episodes (and, with a web page, across shows).
import { shortHashId } from './shortHashId.ts';

/** `person_` and twelve hex digits of the person key's SHA-256 (see `personIdFor`). */
export const PERSON_ID_PATTERN = /^person_[0-9a-f]{12}$/;

/** The most people an episode keeps (the feed's first). */
export const MAX_PEOPLE_PER_EPISODE = 100;

/** A name as a key: Unicode-compatible forms, case and runs of spaces folded (never shown). */
export function foldedName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A URL as a key: scheme and host lower-cased by the URL parser, no trailing slash, no fragment. */
function urlKey(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href.replace(/\/$/, '');
}

/**
 * A person's web page (`href`) names them wherever they appear, in any show; without one, their name
 * does, but only within one show (`showId`, the show as its channel names itself): two shows' "Sam"
 * are rarely the same person.
 */
export function personIdFor(identity: {
  href: string | null;
  name: string;
  showId: string;
}): string {
  const key =
    identity.href === null
      ? `person:name:${identity.showId}:${foldedName(identity.name)}`
      : `person:href:${urlKey(identity.href)}`;
  return shortHashId('person', key);
}
