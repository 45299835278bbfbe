// A show: the podcast an episode belongs to (one per feed). Its id is derived from what names the
// feed most stably, so re-imports and the page, RSS and JSON formats of one show meet on one node.
import type { ShowRecord } from './model.ts';
import { shortHashId } from './shortHashId.ts';

/** `show_` and twelve hex digits of the show key's SHA-256 (see `showIdFor`). */
export const SHOW_ID_PATTERN = /^show_[0-9a-f]{12}$/;

/** What names a show, most stable first: the URL it was fetched from, its site, its title. */
interface ShowIdentity {
  fetchedFrom: string | null;
  link: string | null;
  title: string;
}

/** A URL as a key: scheme and host lower-cased by the URL parser, no trailing slash, no fragment. */
function urlKey(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href.replace(/\/$/, '');
}

function showKey({ fetchedFrom, link, title }: ShowIdentity): string {
  if (fetchedFrom !== null) return `show:feed:${urlKey(fetchedFrom)}`;
  if (link !== null) return `show:link:${urlKey(link)}`;
  return `show:title:${title.trim().toLowerCase()}`;
}

export function showIdFor(identity: ShowIdentity): string {
  return shortHashId('show', showKey(identity));
}

/**
 * The show of the "AI Papers: A Deep Dive" page format, whose pages carry no other name: the seed's
 * show, and the one a data directory's episodes from before shows belong to (they all came from it).
 */
export function aiPapersShow(): ShowRecord {
  const title = 'AI Papers: A Deep Dive';
  const link = 'https://paperdive.ai';
  return {
    id: showIdFor({ fetchedFrom: null, link, title }),
    title,
    link,
    imageUrl: null,
    author: null,
    feedUrl: null,
  };
}
