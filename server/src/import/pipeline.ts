// read → parse → resolve → validate. All-or-nothing: any problem anywhere throws one ImportError
// listing every problem, so a store never receives half a feed.
import { readFile, stat } from 'node:fs/promises';
import { MAX_FEED_BYTES } from '../domain/feedLimits.ts';
import type { ImportBatch, ShowRecord } from '../domain/model.ts';
import { parseImportBatch } from '../store/shared/validateBatch.ts';
import { assertNoReplacementCharacters, decodeFeedBytes } from './encoding.ts';
import { parseEpisode, type ParsedEpisode } from './episodeText.ts';
import { ImportError, issuesFromZod, type ImportIssue } from './errors.ts';
import type { RawEpisode } from './rawEpisode.ts';
import { detectFormat, type FeedFormat } from './readers/detect.ts';
import { readJsonExport } from './readers/json.ts';
import { readPage, readPageHeading } from './readers/page.ts';
import { notesOfEpisode } from './notes/episodeNotes.ts';
import type { NoteSource } from './notes/paperLinks.ts';
import { readPodcastFeed } from './podcasting20/podcastFeed.ts';
import { resolveEpisodes } from './resolve.ts';
import { fetchedFromOf, showOfChannel, showOfPage } from './showOfFeed.ts';
import { cleanControlCharacters } from './text.ts';

type ImportFormat = 'AUTO' | FeedFormat;

export interface ImportOptions {
  /** AUTO (the default, also for null) detects the format from the content. */
  format?: ImportFormat | null;
  /**
   * Named in error messages. A web address here is where the feed was fetched from (a followed feed,
   * an import of a URL), which also names its show.
   */
  file?: string;
}

function tooLarge(bytes: number): ImportError {
  return new ImportError([
    { message: `feed is ${bytes} bytes; the limit is ${MAX_FEED_BYTES} bytes (20 MB)` },
  ]);
}

/** An episode as read, with its notes as HTML when the format keeps them (RSS). */
interface ReadEpisode {
  raw: RawEpisode;
  notes?: NoteSource[];
}

/** A feed's show and its episodes as read. */
interface ReadFeed {
  show: ShowRecord;
  episodes: ReadEpisode[];
}

function readRssFeed(content: string, fetchedFrom: string | null): ReadFeed {
  const feed = readPodcastFeed(content);
  return {
    show: showOfChannel(feed.show, fetchedFrom),
    episodes: feed.episodes.map((episode) => ({
      raw: episode.raw,
      notes: notesOfEpisode(episode),
    })),
  };
}

function readPageFeed(content: string): ReadFeed {
  return {
    show: showOfPage(readPageHeading(content)),
    episodes: readPage(content).map((raw) => ({ raw })),
  };
}

function batchFromFeed({ show, episodes: read }: ReadFeed): ImportBatch {
  const issues: ImportIssue[] = [];
  const parsed: ParsedEpisode[] = [];
  for (const { raw, notes } of read) {
    try {
      parsed.push(parseEpisode(raw, notes));
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      issues.push(...error.issues);
    }
  }
  const resolution = resolveEpisodes(parsed, show);
  issues.push(...resolution.issues);
  if (issues.length > 0) throw new ImportError(issues);
  // Validated where the stores can recognise it, so store.importBatch does not run zod a second time.
  const validated = parseImportBatch(resolution.batch);
  if (!validated.success)
    throw new ImportError(issuesFromZod(validated.error, resolution.episodeLabels));
  return validated.data;
}

function importContent(
  content: string,
  format: ImportFormat,
  fetchedFrom: string | null,
): ImportBatch {
  if (content.length > MAX_FEED_BYTES) throw tooLarge(content.length);
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > MAX_FEED_BYTES) throw tooLarge(bytes);
  assertNoReplacementCharacters(content);
  const cleaned = cleanControlCharacters(content);
  const concrete = format === 'AUTO' ? detectFormat(cleaned) : format;
  const batch =
    concrete === 'JSON'
      ? readJsonExport(cleaned)
      : batchFromFeed(
          concrete === 'RSS' ? readRssFeed(cleaned, fetchedFrom) : readPageFeed(cleaned),
        );
  if (batch.episodes.length === 0)
    throw new ImportError([{ message: 'feed contains no episodes' }]);
  return batch;
}

/** A feed (podcast page text, RSS 2.0 or papergraph JSON export) as a validated import batch. */
export function importFeedContent(content: string, options: ImportOptions = {}): ImportBatch {
  try {
    return importContent(content, options.format ?? 'AUTO', fetchedFromOf(options.file));
  } catch (error) {
    if (error instanceof ImportError) throw error.inFile(options.file);
    throw error;
  }
}

/** Reads and imports a feed file; the size limit is checked before the file is read. */
export async function importFeedFile(
  path: string,
  options: Pick<ImportOptions, 'format'> = {},
): Promise<ImportBatch> {
  const { size } = await stat(path);
  if (size > MAX_FEED_BYTES) throw tooLarge(size).inFile(path);
  let content: string;
  try {
    content = decodeFeedBytes(await readFile(path));
  } catch (error) {
    throw error instanceof ImportError ? error.inFile(path) : error;
  }
  return importFeedContent(content, { ...options, file: path });
}
