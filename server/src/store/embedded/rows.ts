// Between SQLite rows and domain records; the one place that knows how each column is encoded.
import { decodeEpisodeExtras } from '../../domain/episodeExtras.ts';
import type {
  Chapter,
  CitationKind,
  EpisodeRecord,
  PaperRecord,
  PaperView,
  Recommendation,
  ShowRecord,
} from '../../domain/model.ts';

export interface EpisodeRow {
  id: string;
  title: string;
  published_at: string | null;
  paper_published_at: string | null;
  duration_minutes: number | null;
  summary: string | null;
  takeaways: string;
  chapters: string;
  source_paper_id: string | null;
  extras: string | null;
  show_id: string | null;
}

export interface ShowRow {
  id: string;
  title: string;
  link: string | null;
  image_url: string | null;
  author: string | null;
  feed_url: string | null;
}

export interface PaperRow {
  id: string;
  title: string | null;
  url: string;
  arxiv_id: string | null;
  doi: string | null;
  aliases: string;
  citation_count: number;
}

export interface CitationRow {
  episode_id: string;
  paper_id: string;
  kind: CitationKind;
  note: string | null;
  position: number;
  discussed_at: number | null;
}

export const EPISODE_COLUMNS =
  'e.id, e.title, e.published_at, e.paper_published_at, e.duration_minutes, e.summary, e.takeaways, e.chapters, e.source_paper_id, e.extras, e.show_id';
export const SHOW_COLUMNS = 's.id, s.title, s.link, s.image_url, s.author, s.feed_url';
export const PAPER_COLUMNS = 'p.id, p.title, p.url, p.arxiv_id, p.doi, p.aliases, p.citation_count';

/** `recommendations` and `mentions` are the episode's citation rows of those kinds, in position order. */
export function toEpisodeRecord(row: EpisodeRow, citations: readonly CitationRow[]): EpisodeRecord {
  const ofKind = (kind: CitationKind): Recommendation[] =>
    citations
      .filter((c) => c.kind === kind)
      .map((c) => ({
        paperId: c.paper_id,
        note: c.note,
        ...(c.discussed_at === null ? {} : { discussedAt: c.discussed_at }),
      }));
  const recommendations = ofKind('RECOMMENDED');
  const mentions = ofKind('MENTIONS');
  const record = {
    id: row.id,
    title: row.title,
    publishedAt: row.published_at,
    paperPublishedAt: row.paper_published_at,
    durationMinutes: row.duration_minutes,
    summary: row.summary,
    takeaways: [] as string[],
    chapters: [] as Chapter[],
    sourcePaperId: row.source_paper_id,
    recommendations,
    ...(mentions.length === 0 ? {} : { mentions }),
    ...decodeEpisodeExtras(row.extras),
    ...(row.show_id === null ? {} : { showId: row.show_id }),
  };
  // Parsed on first read: most loads (titles in lists, related, citedBy) never look at these, and parsing
  // a few kB of JSON per episode was most of what loading 50 episodes cost.
  lazyJson(record, 'takeaways', row.takeaways);
  lazyJson(record, 'chapters', row.chapters);
  return record;
}

/** Replaces `record[key]` by a getter that parses `json` once and then becomes a plain value. */
function lazyJson<T extends object>(record: T, key: keyof T & string, json: string): void {
  const settle = (value: unknown) =>
    Object.defineProperty(record, key, {
      value,
      writable: true,
      configurable: true,
      enumerable: true,
    });
  Object.defineProperty(record, key, {
    configurable: true,
    enumerable: true,
    get() {
      const value = JSON.parse(json) as unknown;
      settle(value);
      return value;
    },
    set: settle,
  });
}

export function toShowRecord(row: ShowRow): ShowRecord {
  return {
    id: row.id,
    title: row.title,
    link: row.link,
    imageUrl: row.image_url,
    author: row.author,
    feedUrl: row.feed_url,
  };
}

export function toPaperRecord(row: PaperRow): PaperRecord {
  return {
    id: row.id,
    title: row.title,
    url: row.url,
    arxivId: row.arxiv_id,
    doi: row.doi,
    aliases: JSON.parse(row.aliases) as string[],
  };
}

export function toPaperView(row: PaperRow): PaperView {
  return { ...toPaperRecord(row), citationCount: row.citation_count };
}

export function episodeSearchText(episode: EpisodeRecord): { details: string; notes: string } {
  const chapterText = episode.chapters.flatMap((c) =>
    c.summary === null ? [c.title] : [c.title, c.summary],
  );
  return {
    details: [...episode.takeaways, ...chapterText].join('\n'),
    notes: [...episode.recommendations, ...(episode.mentions ?? [])]
      .flatMap((r) => (r.note === null ? [] : [r.note]))
      .join('\n'),
  };
}

export function paperIdentifiersText(paper: PaperRecord): string {
  return [paper.id, ...paper.aliases].join('\n');
}

/** Groups rows (already ordered by the key) into one list per key. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
