// RSS 2.0 podcast feeds with the iTunes namespace. Entity handling is deliberately minimal: the
// parser expands nothing itself (we decode the five XML entities and character references), and a
// DOCTYPE declaring entities is refused outright — the billion-laughs / XXE family of attacks.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

import { ImportError } from '../errors.ts';
import { decodeXmlEntities, htmlToText } from '../html.ts';
import type { RawEpisode } from '../rawEpisode.ts';
import { LITERAL_XML_OPTIONS } from '../xmlParserOptions.ts';

const CDATA = '__cdata';
const TEXT = '#text';

const parser = new XMLParser({
  ...LITERAL_XML_OPTIONS,
  cdataPropName: CDATA,
  isArray: (_name, jPath) => jPath === 'rss.channel.item',
});

/**
 * What is wrong with the feed's DOCTYPE, if anything: entity declarations (billion laughs, XXE) or a
 * reference to an external DTD (never fetched, so refused rather than silently ignored). CDATA and
 * comments are not markup, so they are cut first.
 */
function doctypeProblem(content: string): string | null {
  const markup = content.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  const doctype = /<!DOCTYPE/i.exec(markup);
  if (doctype === null) return null;
  if (/<!ENTITY/i.test(markup.slice(doctype.index))) {
    return 'XML entity declarations (<!DOCTYPE … <!ENTITY …>) are not accepted in feeds';
  }
  if (/^<!DOCTYPE\s+[^\s>[]+\s+(?:SYSTEM|PUBLIC)\b/i.test(markup.slice(doctype.index))) {
    return 'external DTDs (<!DOCTYPE … SYSTEM/PUBLIC …>) are not accepted in feeds: papergraph fetches nothing a feed points to';
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Text of an element: character data XML-decoded, CDATA as is. Repeated elements: the first. */
function textOf(node: unknown): string {
  if (Array.isArray(node)) return textOf(node[0]);
  if (typeof node === 'string') return decodeXmlEntities(node);
  if (!isRecord(node)) return '';
  const text = typeof node[TEXT] === 'string' ? decodeXmlEntities(node[TEXT]) : '';
  const cdataNode = node[CDATA];
  const cdata = Array.isArray(cdataNode)
    ? cdataNode.filter((part) => typeof part === 'string').join('')
    : typeof cdataNode === 'string'
      ? cdataNode
      : '';
  return (text + cdata).trim();
}

function optionalText(node: unknown): string | undefined {
  const text = textOf(node).replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text;
}

/** The fullest description an item offers, as text following the page's conventions. */
function descriptionOf(item: Record<string, unknown>): string {
  for (const field of ['content:encoded', 'description', 'itunes:summary']) {
    const html = textOf(item[field]);
    if (html.trim() !== '') return htmlToText(html);
  }
  return '';
}

/** An attribute of an element (the first, if repeated), XML-decoded and trimmed; undefined when absent or blank. */
function attributeOf(node: unknown, name: string): string | undefined {
  const element = Array.isArray(node) ? node[0] : node;
  if (!isRecord(element)) return undefined;
  const value = element[`@_${name}`];
  if (typeof value !== 'string') return undefined;
  const text = decodeXmlEntities(value).trim();
  return text === '' ? undefined : text;
}

function enclosureOf(node: unknown): RawEpisode['enclosure'] {
  if (node === undefined) return undefined;
  const url = attributeOf(node, 'url');
  const type = attributeOf(node, 'type');
  const length = attributeOf(node, 'length');
  return {
    ...(url === undefined ? {} : { url }),
    ...(type === undefined ? {} : { type }),
    ...(length === undefined ? {} : { length }),
  };
}

function toRawEpisode(item: unknown, index: number): RawEpisode {
  const fields = isRecord(item) ? item : {};
  const title = optionalText(fields['title']) ?? optionalText(fields['itunes:title']);
  const durationText = optionalText(fields['itunes:duration']);
  const pubDateText = optionalText(fields['pubDate']);
  const guid = optionalText(fields['guid']);
  const link = optionalText(fields['link']);
  const enclosure = enclosureOf(fields['enclosure']);
  const imageUrl = attributeOf(fields['itunes:image'], 'href');
  return {
    position: index + 1,
    ...(title === undefined ? {} : { title }),
    description: descriptionOf(fields),
    ...(durationText === undefined ? {} : { durationText }),
    ...(pubDateText === undefined ? {} : { pubDateText }),
    ...(guid === undefined ? {} : { guid }),
    ...(link === undefined ? {} : { link }),
    ...(enclosure === undefined ? {} : { enclosure }),
    ...(imageUrl === undefined ? {} : { imageUrl }),
  };
}

export function looksLikeRss(content: string): boolean {
  return /^\s*</.test(content) && /<rss[\s>]/.test(content);
}

/** The channel's <title>, for naming a subscription; null when the content is no RSS or has none. */
export function rssChannelTitle(content: string): string | null {
  if (!looksLikeRss(content) || doctypeProblem(content) !== null) return null;
  try {
    const document: unknown = parser.parse(content);
    const rss = isRecord(document) ? document['rss'] : undefined;
    const channel = isRecord(rss) ? rss['channel'] : undefined;
    return isRecord(channel) ? (optionalText(channel['title']) ?? null) : null;
  } catch {
    return null;
  }
}

export function readRss(content: string): RawEpisode[] {
  const doctype = doctypeProblem(content);
  if (doctype !== null) throw new ImportError([{ message: doctype }]);
  const valid = XMLValidator.validate(content);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    // The validator reports elements left open at the end as "Invalid '[…names…]' found." at 1:1.
    const unclosed = /^Invalid '\[(.*)\]' found\.$/s.exec(msg)?.[1]?.match(/"[^"]+"/g);
    if (unclosed) {
      const open = unclosed.map((name) => `<${name.slice(1, -1)}>`).join(', ');
      throw new ImportError([
        { message: `invalid XML: the feed ends while ${open} are still open (truncated?)` },
      ]);
    }
    throw new ImportError([{ message: `invalid XML at line ${line}, column ${col}: ${msg}` }]);
  }
  let document: unknown;
  try {
    document = parser.parse(content);
  } catch (error) {
    throw new ImportError([
      { message: `invalid XML: ${error instanceof Error ? error.message : String(error)}` },
    ]);
  }
  const rss = isRecord(document) ? document['rss'] : undefined;
  if (!isRecord(rss))
    throw new ImportError([{ message: 'not an RSS feed: no <rss> root element' }]);
  const channel = rss['channel'];
  if (!isRecord(channel)) throw new ImportError([{ message: 'RSS feed has no <channel>' }]);
  const items = channel['item'];
  return Array.isArray(items) ? items.map(toRawEpisode) : [];
}
