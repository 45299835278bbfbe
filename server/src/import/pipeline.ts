// read → parse → resolve → validate. All-or-nothing: any problem anywhere throws one ImportError
// listing every problem, so a store never receives half a feed.
import { readFile, stat } from 'node:fs/promises';

import { MAX_FEED_BYTES } from '../domain/feedLimits.ts';
import type { Chapter, EpisodePerson, ImportBatch, ShowRecord } from '../domain/model.ts';
import type { TranscriptLine } from '../domain/transcript.ts';
import { parseImportBatch } from '../store/shared/validateBatch.ts';
import { assertNoReplacementCharacters, decodeFeedBytes } from './encoding.ts';
import { type ParsedEpisode, parseEpisode } from './episodeText.ts';
import { ImportError, type ImportIssue, issuesFromZod } from './errors.ts';
import { notesOfEpisode } from './notes/episodeNotes.ts';
import type { NoteSource } from './notes/paperLinks.ts';
import { withDiscussedAt } from './podcasting20/discussedAt.ts';
import { fetchEpisodeFiles } from './podcasting20/episodeFiles.ts';
import type { FetchPodcastFileOptions } from './podcasting20/fetchPodcastFile.ts';
import { HostLimit } from './podcasting20/hostLimit.ts';
import { peopleOfFeed, peopleWarning } from './podcasting20/people.ts';
import { readPodcastFeed } from './podcasting20/podcastFeed.ts';
import type { TranscriptCue } from './podcasting20/transcript.ts';
import type { RawEpisode } from './rawEpisode.ts';
import { detectFormat, type FeedFormat } from './readers/detect.ts';
import { readJsonExport } from './readers/json.ts';
import { readPage, readPageHeading } from './readers/page.ts';
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
  /** Who the item names (RSS): its podcast:person tags, else the show's. */
  people?: EpisodePerson[];
}

/** A feed's show and its episodes as read. */
interface ReadFeed {
  show: ShowRecord;
  episodes: ReadEpisode[];
}

function readRssFeed(content: string, fetchedFrom: string | null): ReadFeed {
  const feed = readPodcastFeed(content);
  const { people } = peopleOfFeed(feed);
  return {
    show: showOfChannel(feed.show, fetchedFrom),
    episodes: feed.episodes.map((episode, i) => ({
      raw: episode.raw,
      notes: notesOfEpisode(episode),
      people: people[i] ?? [],
    })),
  };
}

/** A parsed episode with the people its item names (none: the field stays absent). */
function withPeople(outcome: ParseOutcome, people: readonly EpisodePerson[] = []): ParseOutcome {
  if (!('parsed' in outcome) || people.length === 0) return outcome;
  return { parsed: { ...outcome.parsed, people: [...people] } };
}

function readPageFeed(content: string): ReadFeed {
  return {
    show: showOfPage(readPageHeading(content)),
    episodes: readPage(content).map((raw) => ({ raw })),
  };
}

type ParseOutcome = { parsed: ParsedEpisode } | { issues: ImportIssue[] };

/**
 * An item's files as fetched: the transcript's cues (null: none read), what the episode keeps of the
 * transcript and its chapters (null: no tag; absent: not known).
 */
interface FetchedFiles {
  cues: TranscriptCue[] | null;
  transcript?: TranscriptLine[] | null;
  episodeChapters?: Chapter[] | null;
}

/** The chapters a fetched file gave replace the description's; a file that did not read leaves them unknown. */
function withFetchedChapters(parsed: ParsedEpisode, fetched: FetchedFiles): ParsedEpisode {
  if (fetched.episodeChapters === null) return parsed;
  return fetched.episodeChapters === undefined
    ? { ...parsed, chaptersUnknown: true }
    : { ...parsed, chapters: fetched.episodeChapters };
}

/**
 * One episode parsed, timed by its transcript when it has one and keeping what is kept of it; its
 * problems instead when it breaks.
 */
function parseRead({ raw, notes }: ReadEpisode, fetched?: FetchedFiles): ParseOutcome {
  try {
    const read = parseEpisode(raw, notes);
    if (fetched === undefined) return { parsed: read };
    const parsed = withFetchedChapters(read, fetched);
    const timed = fetched.cues === null ? parsed : withDiscussedAt(parsed, fetched.cues);
    return {
      parsed:
        fetched.transcript === undefined ? timed : { ...timed, transcript: fetched.transcript },
    };
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    return { issues: error.issues };
  }
}

function batchOfParsed(show: ShowRecord, outcomes: readonly ParseOutcome[]): ImportBatch {
  const issues: ImportIssue[] = [];
  const parsed: ParsedEpisode[] = [];
  for (const outcome of outcomes) {
    if ('parsed' in outcome) parsed.push(outcome.parsed);
    else issues.push(...outcome.issues);
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

function batchFromFeed({ show, episodes }: ReadFeed): ImportBatch {
  return batchOfParsed(
    show,
    episodes.map((episode) => withPeople(parseRead(episode), episode.people)),
  );
}

/** The content as the readers take it: within the size limit, decoded cleanly, control characters out. */
function checkedContent(content: string): string {
  if (content.length > MAX_FEED_BYTES) throw tooLarge(content.length);
  const bytes = Buffer.byteLength(content, 'utf8');
  if (bytes > MAX_FEED_BYTES) throw tooLarge(bytes);
  assertNoReplacementCharacters(content);
  return cleanControlCharacters(content);
}

function withEpisodes(batch: ImportBatch): ImportBatch {
  if (batch.episodes.length === 0)
    throw new ImportError([{ message: 'feed contains no episodes' }]);
  return batch;
}

function importContent(
  content: string,
  format: ImportFormat,
  fetchedFrom: string | null,
): ImportBatch {
  const cleaned = checkedContent(content);
  const concrete = format === 'AUTO' ? detectFormat(cleaned) : format;
  return withEpisodes(
    concrete === 'JSON'
      ? readJsonExport(cleaned)
      : batchFromFeed(
          concrete === 'RSS' ? readRssFeed(cleaned, fetchedFrom) : readPageFeed(cleaned),
        ),
  );
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

/** What a fetched feed imports as, and the files of its items that could not be fetched or read. */
interface FetchedFeedImport {
  batch: ImportBatch;
  warnings: string[];
}

/** Transcripts and chapters files fetched at a time from any one host. */
const FILES_PER_HOST = 4;

/**
 * A feed fetched from `url` (a followed feed, `npm run import -- <url>`): imported like a file, and
 * an RSS feed's items' podcast:chapters and podcast:transcript files fetched under `http` (the
 * feed's own rules), the chapters kept as the episode's and read as notes, each reading and mention
 * timed by the transcript and the transcript kept (domain/transcript.ts). A file that fails is a
 * warning, never a refused episode; it leaves the episode's chapters or transcript unknown, so the
 * store keeps its own.
 */
export async function importFetchedFeed(
  content: string,
  url: string,
  http: FetchPodcastFileOptions,
): Promise<FetchedFeedImport> {
  try {
    const cleaned = checkedContent(content);
    const format = detectFormat(cleaned);
    if (format !== 'RSS')
      return { batch: importContent(cleaned, format, fetchedFromOf(url)), warnings: [] };
    const feed = readPodcastFeed(cleaned);
    const people = peopleOfFeed(feed);
    const limit = new HostLimit(FILES_PER_HOST);
    // Each episode is parsed and timed as soon as its files arrive, so no transcript outlives it.
    const read = await Promise.all(
      feed.episodes.map(async (episode, i) => {
        const files = await fetchEpisodeFiles(episode, http, limit);
        const notes = notesOfEpisode(episode, files.chapters);
        const outcome = parseRead({ raw: episode.raw, notes }, files);
        return { outcome: withPeople(outcome, people.people[i]), files };
      }),
    );
    const show = showOfChannel(feed.show, fetchedFromOf(url));
    return {
      batch: withEpisodes(
        batchOfParsed(
          show,
          read.map(({ outcome }) => outcome),
        ),
      ),
      warnings: [
        ...read.flatMap(({ files }) => files.warnings),
        ...people.problems.map(peopleWarning),
      ],
    };
  } catch (error) {
    if (error instanceof ImportError) throw error.inFile(url);
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
