// The show a feed's episodes belong to, from what the feed says of itself: an RSS channel, or the
// heading of a podcast page. Ids follow domain/show.ts.
import { feedUrlSchema } from '../domain/feed.ts';
import type { ShowRecord } from '../domain/model.ts';
import { aiPapersShow, showIdFor } from '../domain/show.ts';
import type { ShowFields } from './podcasting20/podcastFeed.ts';
import type { PageHeading } from './readers/page.ts';

/** Channels without a title are called by their site's host, else their feed's. */
function untitledName(fields: ShowFields, fetchedFrom: string | null): string {
  const url = fields.link ?? fetchedFrom ?? fields.feedUrl;
  return url === null ? 'Untitled podcast' : new URL(url).host;
}

/**
 * `fetchedFrom`: the URL the feed was fetched from (a followed feed, an import of a URL), which names
 * the show before anything the channel says; null for a file or pasted content.
 */
export function showOfChannel(fields: ShowFields, fetchedFrom: string | null): ShowRecord {
  const title = (fields.title ?? untitledName(fields, fetchedFrom)).slice(0, 500);
  return {
    id: showIdFor({ fetchedFrom, link: fields.link, title }),
    title,
    link: fields.link,
    imageUrl: fields.imageUrl,
    author: fields.author?.slice(0, 500) ?? null,
    feedUrl: fetchedFrom ?? fields.feedUrl,
  };
}

/** A page names its show by its heading; a page without one is the "AI Papers" page the format is. */
export function showOfPage(heading: PageHeading): ShowRecord {
  if (heading.title === null) return aiPapersShow();
  return {
    id: showIdFor({ fetchedFrom: null, link: heading.link, title: heading.title }),
    title: heading.title,
    link: heading.link,
    imageUrl: null,
    author: null,
    feedUrl: null,
  };
}

/** A web address an import was given as its file name: where the feed was fetched from. */
export function fetchedFromOf(file: string | undefined): string | null {
  if (file === undefined || !/^https?:\/\//i.test(file)) return null;
  return feedUrlSchema.safeParse(file).success ? file : null;
}
