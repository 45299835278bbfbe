// Feed descriptions are HTML; the episode parser reads text. Blocks become lines and list items
// become " - " items, the same conventions the podcast page uses, so one parser serves both.
// htmlparser2 tokenises (attributes with `>` in them, comments, unclosed tags) and decodes every
// HTML entity with `entities`, the decoder it is built on.
import { decodeXML } from 'entities';
import { Parser } from 'htmlparser2';

import { collapseWhitespace } from './text.ts';

/** Elements that start and end a line of text. */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'tbody',
  'thead',
  'tr',
  'ul',
]);

/** Elements whose content is code or a fallback, not text anyone reads in a show note. */
export const INVISIBLE_TAGS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'template',
  'noscript',
]);

/** One pass of XML entity decoding (the five predefined entities and character references). */
export function decodeXmlEntities(text: string): string {
  return decodeXML(text);
}

/** Visible text of an HTML fragment: one line per block, ` - ` before each list item. */
export function htmlToText(html: string): string {
  const parts: string[] = [];
  let invisibleDepth = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        if (INVISIBLE_TAGS.has(name)) invisibleDepth++;
        else if (name === 'li') parts.push('\n - ');
        else if (BLOCK_TAGS.has(name)) parts.push('\n');
      },
      onclosetag(name) {
        if (INVISIBLE_TAGS.has(name)) invisibleDepth = Math.max(0, invisibleDepth - 1);
        else if (name === 'li' || BLOCK_TAGS.has(name)) parts.push('\n');
      },
      ontext(text) {
        if (invisibleDepth === 0) parts.push(text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.end(html);
  return parts
    .join('')
    .split('\n')
    .map(collapseWhitespace)
    .filter((line) => line !== '')
    .join('\n');
}
