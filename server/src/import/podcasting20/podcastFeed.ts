// What an RSS podcast feed says beyond its episodes' text: the show itself (title, link, image,
// author, feed URL) and the Podcasting 2.0 tags (podcast:transcript, podcast:chapters,
// podcast:person). readRss checks the XML and refuses dangerous DOCTYPEs first; this module reads the
// same document for the tags that reader does not keep, item for item.
import { XMLParser } from 'fast-xml-parser';

import { webUrlSchema } from '../../domain/model.ts';
import { episodeLabel, ImportError, type ImportIssue } from '../errors.ts';
import { decodeXmlEntities } from '../html.ts';
import type { RawEpisode } from '../rawEpisode.ts';
import { readRss } from '../readers/rss.ts';
import { excerpt } from '../text.ts';
import { LITERAL_XML_OPTIONS } from '../xmlParserOptions.ts';

const CDATA = '__cdata';
const TEXT = '#text';
/** Tags that may repeat; the parser gives them as arrays always, so one element reads like many. */
const REPEATED = new Set(['item', 'podcast:person', 'podcast:transcript', 'atom:link']);

const parser = new XMLParser({
  ...LITERAL_XML_OPTIONS,
  cdataPropName: CDATA,
  isArray: (name) => REPEATED.has(name),
});

export interface ShowFields {
  title: string | null;
  /** The show's own web site. */
  link: string | null;
  imageUrl: string | null;
  author: string | null;
  /** Where the feed lives: itunes:new-feed-url (it moved) over atom:link rel="self". */
  feedUrl: string | null;
  language: string | null;
}

export interface Person {
  name: string;
  /** Podcasting 2.0 taxonomy, lower-case: `host` unless the feed says otherwise. */
  role: string;
  /** Podcasting 2.0 taxonomy, lower-case: `cast` unless the feed says otherwise. */
  group: string;
  href: string | null;
  imageUrl: string | null;
}

export interface TranscriptLink {
  url: string;
  /** MIME type as written: text/vtt, application/x-subrip, application/json, text/html … */
  type: string;
  language: string | null;
  /** `captions` marks a file meant for captions (timed), per the namespace. */
  rel: string | null;
}

export interface PodcastEpisode {
  raw: RawEpisode;
  /** The item's notes as HTML, each field as written (XML-decoded), for finding paper links. */
  descriptionHtml: string | null;
  contentEncodedHtml: string | null;
  summaryHtml: string | null;
  transcripts: TranscriptLink[];
  chaptersUrl: string | null;
  /** The item's own podcast:person tags; without any, the show's people are the episode's. */
  persons: Person[];
}

export interface PodcastFeed {
  show: ShowFields;
  /** Channel-level podcast:person tags. */
  persons: Person[];
  episodes: PodcastEpisode[];
  /** Tags present but unusable (a link that is not a web link, a person without a name). */
  problems: ImportIssue[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Text of an element: character data XML-decoded, CDATA as is; null when blank. Repeated: the first with text. */
function textOf(node: unknown): string | null {
  if (Array.isArray(node)) {
    for (const element of node) {
      const text = textOf(element);
      if (text !== null) return text;
    }
    return null;
  }
  let text = '';
  if (typeof node === 'string') text = decodeXmlEntities(node);
  else if (isRecord(node)) {
    const characters = typeof node[TEXT] === 'string' ? decodeXmlEntities(node[TEXT]) : '';
    const cdata = asArray(node[CDATA]).filter((part) => typeof part === 'string');
    text = characters + cdata.join('');
  }
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

function attributeOf(node: unknown, name: string): string | null {
  const element = Array.isArray(node) ? node[0] : node;
  if (!isRecord(element)) return null;
  const value = element[`@_${name}`];
  if (typeof value !== 'string') return null;
  const text = decodeXmlEntities(value).trim();
  return text === '' ? null : text;
}

type AddProblem = (field: string, message: string) => void;

function webLink(value: string | null, field: string, problem: AddProblem): string | null {
  if (value === null) return null;
  if (webUrlSchema.safeParse(value).success) return value;
  problem(field, `"${excerpt(value)}" is not a web link (http or https, at most 2,048 characters)`);
  return null;
}

function personsOf(nodes: unknown, problem: AddProblem): Person[] {
  return asArray(nodes).flatMap((node): Person[] => {
    const name = textOf(node)?.replace(/\s+/g, ' ') ?? null;
    if (name === null) {
      problem('podcast:person', 'a podcast:person has no name');
      return [];
    }
    return [
      {
        name,
        role: attributeOf(node, 'role')?.toLowerCase() ?? 'host',
        group: attributeOf(node, 'group')?.toLowerCase() ?? 'cast',
        href: webLink(attributeOf(node, 'href'), 'podcast:person', problem),
        imageUrl: webLink(attributeOf(node, 'img'), 'podcast:person', problem),
      },
    ];
  });
}

function transcriptsOf(nodes: unknown, problem: AddProblem): TranscriptLink[] {
  return asArray(nodes).flatMap((node): TranscriptLink[] => {
    const url = webLink(attributeOf(node, 'url'), 'podcast:transcript', problem);
    const type = attributeOf(node, 'type');
    if (attributeOf(node, 'url') === null) problem('podcast:transcript', 'no url attribute');
    if (type === null) problem('podcast:transcript', 'no type attribute');
    if (url === null || type === null) return [];
    return [{ url, type, language: attributeOf(node, 'language'), rel: attributeOf(node, 'rel') }];
  });
}

function showOf(channel: Record<string, unknown>, problem: AddProblem): ShowFields {
  const itunesImage = attributeOf(channel['itunes:image'], 'href');
  const image = channel['image'];
  const movedTo = textOf(channel['itunes:new-feed-url']);
  const self = asArray(channel['atom:link']).find((link) => attributeOf(link, 'rel') === 'self');
  const owner = channel['itunes:owner'];
  return {
    title: textOf(channel['title'])?.replace(/\s+/g, ' ') ?? null,
    link: webLink(textOf(channel['link']), 'link', problem),
    imageUrl:
      itunesImage === null
        ? webLink(isRecord(image) ? textOf(image['url']) : null, 'image', problem)
        : webLink(itunesImage, 'itunes:image', problem),
    author:
      textOf(channel['itunes:author']) ?? (isRecord(owner) ? textOf(owner['itunes:name']) : null),
    feedUrl:
      movedTo === null
        ? webLink(attributeOf(self, 'href'), 'atom:link', problem)
        : webLink(movedTo, 'itunes:new-feed-url', problem),
    language: textOf(channel['language']),
  };
}

function episodeOf(item: unknown, raw: RawEpisode, problems: ImportIssue[]): PodcastEpisode {
  const fields = isRecord(item) ? item : {};
  const episode = episodeLabel(raw.position, raw.title);
  const problem: AddProblem = (field, message) => problems.push({ episode, field, message });
  return {
    raw,
    descriptionHtml: textOf(fields['description']),
    contentEncodedHtml: textOf(fields['content:encoded']),
    summaryHtml: textOf(fields['itunes:summary']),
    transcripts: transcriptsOf(fields['podcast:transcript'], problem),
    chaptersUrl: webLink(
      attributeOf(fields['podcast:chapters'], 'url'),
      'podcast:chapters',
      problem,
    ),
    persons: personsOf(fields['podcast:person'], problem),
  };
}

/**
 * The show, its people and its episodes with their Podcasting 2.0 tags; ImportError when the content
 * is no RSS. `file` names the feed in errors and problems.
 */
export function readPodcastFeed(content: string, file?: string): PodcastFeed {
  let rawEpisodes: RawEpisode[];
  try {
    rawEpisodes = readRss(content);
  } catch (error) {
    throw error instanceof ImportError ? error.inFile(file) : error;
  }
  const document: unknown = parser.parse(content);
  const rss = isRecord(document) ? document['rss'] : undefined;
  const channel = isRecord(rss) ? rss['channel'] : undefined;
  if (!isRecord(channel)) throw new ImportError([{ file, message: 'RSS feed has no <channel>' }]);
  const problems: ImportIssue[] = [];
  const channelProblem: AddProblem = (field, message) => problems.push({ field, message });
  const show = showOf(channel, channelProblem);
  const persons = personsOf(channel['podcast:person'], channelProblem);
  const items = asArray(channel['item']);
  const episodes = rawEpisodes.map((raw, index) => episodeOf(items[index], raw, problems));
  return {
    show,
    persons,
    episodes,
    problems: file === undefined ? problems : problems.map((problem) => ({ file, ...problem })),
  };
}

/** The people of an episode: its own podcast:person tags, else the show's. */
export function episodePersons(feed: PodcastFeed, episode: PodcastEpisode): Person[] {
  return episode.persons.length > 0 ? episode.persons : feed.persons;
}
