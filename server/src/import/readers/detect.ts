// Which reader a feed needs, from its content alone (file names lie; content does not).
import { ImportError } from '../errors.ts';
import { looksLikeJson } from './json.ts';
import { looksLikePage } from './page.ts';
import { looksLikeRss } from './rss.ts';

export type FeedFormat = 'PAGE' | 'RSS' | 'JSON';

const UNRECOGNISED_FORMAT =
  'unrecognised feed format: expected an RSS 2.0 feed, a papergraph JSON export or a podcast page';

export function detectFormat(content: string): FeedFormat {
  if (looksLikeRss(content)) return 'RSS';
  if (looksLikeJson(content)) return 'JSON';
  // Other XML (Atom, HTML, …) is not a page even if it happens to contain a numbered line.
  if (!/^\s*</.test(content) && looksLikePage(content)) return 'PAGE';
  throw new ImportError([{ message: UNRECOGNISED_FORMAT }]);
}
