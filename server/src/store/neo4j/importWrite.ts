// One import batch written in one transaction (statements/import.ts): which episodes are new,
// changed or unchanged, the papers merged by shared/mergePaper.ts, the citations; the papers to
// recount go back to the caller, which recounts them once per import. It decides everything from
// what it reads inside the transaction, so a retried transaction replays it.
import { encodeEpisodeExtras } from '../../domain/episodeExtras.ts';
import {
  type Chapter,
  type CitationKind,
  citationsOfEpisode,
  citedPaperIds,
  type EpisodePerson,
  type EpisodeRecord,
  type ImportBatch,
  type ImportResult,
  type PaperRecord,
  pickEpisodeText,
  type ShowRecord,
} from '../../domain/model.ts';
import { StoreConflictError } from '../errors.ts';
import { classifyEpisodes } from '../shared/contentHash.ts';
import { dedupeAliases, mergePaperRecords, samePaperRecord } from '../shared/mergePaper.ts';
import { sameShow } from '../shared/sameShow.ts';
import { PAPER_SEARCH_NOTES } from '../shared/searchNotes.ts';
import { type StoredChapters, withStoredChapters } from '../shared/storedChapters.ts';
import {
  passageLines,
  type StoredTranscript,
  transcriptPassages,
  withStoredTranscript,
} from '../shared/transcripts.ts';
import type { CypherTransaction, Row } from './driver.ts';
import { toStoreError } from './errors.ts';
import type { ExpectedCount } from './expectedCounts.ts';
import { peopleOfEpisodes, writePeople } from './people.ts';
import {
  asInteger,
  asMap,
  asString,
  toEpisodeRecordWithCitations,
  toPaperRecord,
  toShowRecord,
  unique,
} from './records.ts';
import type {
  CitationParam,
  CreatedPaperParam,
  EpisodeParam,
  PaperParam,
  PassageParam,
} from './statements/import.ts';

/**
 * Another writer created a paper this transaction read as new, so Neo4j refused its CREATE; run again,
 * the transaction reads the paper as stored. Other conflicts are not retried.
 */
export class PaperCreatedMeanwhileError extends StoreConflictError {
  override name = 'PaperCreatedMeanwhileError';
  constructor(conflict: StoreConflictError) {
    super(conflict.message, { cause: conflict.cause });
  }
}

/** How to take one batch's writes back: what it created and what it found before it changed it. */
export interface BatchUndo {
  createdEpisodes: string[];
  replacedEpisodes: { record: EpisodeRecord; contentHash: string }[];
  createdPapers: string[];
  replacedPapers: PaperRecord[];
  /** Papers whose citations the batch changed: counted again once the episodes are back. */
  recountedPapers: string[];
  /** The shows it created, the shows it rewrote as they were, the episodes it gave a show. */
  shows?: { created: string[]; replaced: ShowRecord[]; assigned: string[] };
}

export interface BatchWrite {
  result: ImportResult;
  /** The added and updated episodes. */
  episodes: EpisodeRecord[];
  /** An episode or a paper changed (the graph's change time moves). */
  changed: boolean;
  /** Papers the updated episodes cited before: dropped if nothing cites them once the import is done. */
  formerlyCited: string[];
  /**
   * Papers whose citations the batch changed, for the caller to recount (recountPapers) once every
   * batch of the import is written: a paper many batches cite is counted once.
   */
  recount: string[];
  /** Present when asked for and the batch changed something. */
  undo: BatchUndo | null;
}

export async function writeBatch(
  tx: CypherTransaction,
  batch: ImportBatch,
  options: {
    undo: boolean;
    /** What the import's recount will find for the papers it creates (expectedCounts.ts). */
    expected: ReadonlyMap<string, ExpectedCount>;
  },
): Promise<BatchWrite> {
  // The stored transcripts of episodes that do not know theirs (they keep them), and of all when
  // the write may be undone (an undo puts them back).
  const storedRows = await tx.run('importStoredHashes', {
    episodeIds: batch.episodes.map((e) => e.id),
    transcriptsOf: batch.episodes.flatMap((e) =>
      options.undo || e.transcript === undefined ? [e.id] : [],
    ),
    chaptersOf: batch.episodes.flatMap((e) => (e.chaptersUnknown === true ? [e.id] : [])),
  });
  const storedHashes = new Map(storedRows.map((row) => [asString(row.id), row.contentHash]));
  const inShow = new Set(
    storedRows.filter((row) => row.inShow === true).map((row) => asString(row.id)),
  );
  const storedTranscripts = new Map(
    storedRows.map((row) => [asString(row.id), storedTranscriptOf(row)]),
  );
  const storedChapters = new Map(
    storedRows.flatMap((row) => {
      const chapters = storedChaptersOf(row);
      return chapters === undefined ? [] : [[asString(row.id), chapters] as const];
    }),
  );
  // Episodes that do not know their chapters or transcript keep the stored ones.
  const episodes = batch.episodes.map((e) =>
    withStoredTranscript(
      withStoredChapters(e, storedChapters.get(e.id)),
      storedTranscripts.get(e.id),
    ),
  );
  const { result, added, updated } = classifyEpisodes(episodes, storedHashes);
  const changed = [...added, ...updated];
  const citedByChange = new Set(changed.flatMap(({ record }) => citedPaperIds(record)));

  const storedPapers = new Map<string, PaperRecord>();
  if (batch.papers.length > 0) {
    const rows = await tx.run('importStoredPapers', { ids: batch.papers.map((p) => p.id) });
    for (const row of rows) {
      const paper = toPaperRecord(row.paper);
      storedPapers.set(paper.id, paper);
    }
  }
  const papers = paperParams(batch.papers, storedPapers, citedByChange, options.expected);
  const shows = await writeShows(tx, batch);
  if (changed.length === 0 && papers.created.length === 0 && papers.updated.length === 0) {
    const assigned = await assignShows(tx, batch, inShow);
    const showsChanged = shows.written.length > 0 || assigned.length > 0;
    const undo =
      options.undo && showsChanged
        ? { ...NO_GRAPH_UNDO, shows: { ...showUndo(shows), assigned } }
        : null;
    return { result, episodes: [], changed: false, formerlyCited: [], recount: [], undo };
  }

  const replacedPeople =
    options.undo && result.updated.length > 0
      ? await peopleOfEpisodes(tx, result.updated)
      : new Map<string, EpisodePerson[]>();
  const replacedEpisodes =
    options.undo && result.updated.length > 0
      ? (await tx.run('episodesByIds', { ids: result.updated })).map((row) => {
          const record = toEpisodeRecordWithCitations(row.episode);
          const transcript = storedTranscripts.get(record.id)?.lines ?? null;
          const people = replacedPeople.get(record.id) ?? [];
          return {
            record: { ...record, transcript, ...(people.length === 0 ? {} : { people }) },
            contentHash: asString(storedHashes.get(record.id)),
          };
        })
      : [];

  const formerlyCited: string[] = [];
  const formerlyNamed: string[] = [];
  if (result.updated.length > 0) {
    const [row] = await tx.run('importDetachCitations', { episodeIds: result.updated });
    for (const id of (row?.paperIds as unknown[] | undefined) ?? [])
      formerlyCited.push(asString(id));
    for (const id of (row?.personIds as unknown[] | undefined) ?? [])
      formerlyNamed.push(asString(id));
  }
  // The stored papers were read in this transaction: the others are created, not merged.
  if (papers.created.length > 0)
    await tx.run('importCreatePapers', { papers: papers.created }).catch((error: unknown) => {
      const mapped = toStoreError(error);
      throw mapped instanceof StoreConflictError ? new PaperCreatedMeanwhileError(mapped) : error;
    });
  if (papers.updated.length > 0) await tx.run('importUpdatePapers', { papers: papers.updated });
  if (changed.length > 0) {
    await tx.run('importWriteEpisodes', {
      episodes: changed.map(({ record, hash }) => toEpisodeParam(record, hash)),
    });
    await writeCitations(
      tx,
      changed.flatMap(({ record }) => toCitationParams(record)),
    );
    await writeTranscripts(
      tx,
      changed.map(({ record }) => record),
    );
    await writePeople(
      tx,
      changed.map(({ record }) => record),
      formerlyNamed,
    );
  }
  const assigned = await assignShows(tx, batch, inShow);
  const recountedPapers = unique([...formerlyCited, ...citedByChange]);
  return {
    result,
    episodes: changed.map(({ record }) => record),
    changed: true,
    formerlyCited,
    recount: recountedPapers,
    undo: options.undo
      ? {
          createdEpisodes: result.added,
          replacedEpisodes,
          createdPapers: papers.created.map((p) => p.id),
          replacedPapers: papers.updated.flatMap((p) => storedPapers.get(p.id) ?? []),
          recountedPapers,
          shows: { ...showUndo(shows), assigned },
        }
      : null,
  };
}

const NO_GRAPH_UNDO = {
  createdEpisodes: [],
  replacedEpisodes: [],
  createdPapers: [],
  replacedPapers: [],
  recountedPapers: [],
} satisfies BatchUndo;

interface ShowsWritten {
  /** The batch's shows that were new or said something new, as written. */
  written: ShowRecord[];
  /** Those that were stored before, as they were. */
  before: Map<string, ShowRecord>;
}

/** The batch's shows, written when new or changed (the newest import names a show). */
async function writeShows(tx: CypherTransaction, batch: ImportBatch): Promise<ShowsWritten> {
  const shows = batch.shows ?? [];
  if (shows.length === 0) return { written: [], before: new Map() };
  const rows = await tx.run('showsStored', { ids: shows.map((show) => show.id) });
  const before = new Map(rows.map((row) => [asString(asMap(row.show).id), toShowRecord(row.show)]));
  const written = shows.filter((show) => !sameShow(before.get(show.id), show));
  if (written.length > 0) await tx.run('showsWrite', { shows: written });
  return { written, before };
}

function showUndo({ written, before }: ShowsWritten): {
  created: string[];
  replaced: ShowRecord[];
} {
  return {
    created: written.filter((show) => !before.has(show.id)).map((show) => show.id),
    replaced: written.flatMap((show) => before.get(show.id) ?? []),
  };
}

/**
 * Gives the batch's episodes their show, those not `inShow` yet (an episode keeps its first show);
 * returns the episodes given one.
 */
async function assignShows(
  tx: CypherTransaction,
  batch: ImportBatch,
  inShow: ReadonlySet<string>,
): Promise<string[]> {
  const assignments = batch.episodes.flatMap((e) =>
    e.showId == null || inShow.has(e.id) ? [] : [{ episodeId: e.id, showId: e.showId }],
  );
  if (assignments.length === 0) return [];
  const rows = await tx.run('showsAssign', { assignments });
  return rows.map((row) => asString(row.episodeId));
}

/** Takes back what writeShows and assignShows did (a journaled run being undone). */
export async function undoShows(
  tx: CypherTransaction,
  shows: NonNullable<BatchUndo['shows']>,
): Promise<void> {
  if (shows.assigned.length > 0) await tx.run('showsUnassign', { episodeIds: shows.assigned });
  if (shows.replaced.length > 0) await tx.run('showsWrite', { shows: shows.replaced });
  if (shows.created.length > 0) await tx.run('showsDelete', { ids: shows.created });
}

/** Episodes written back as they were (an undone update): citations replaced, hash as stored then. */
export async function restoreEpisodes(
  tx: CypherTransaction,
  episodes: readonly { record: EpisodeRecord; contentHash: string }[],
): Promise<void> {
  if (episodes.length === 0) return;
  const [detached] = await tx.run('importDetachCitations', {
    episodeIds: episodes.map((e) => e.record.id),
  });
  await tx.run('importWriteEpisodes', {
    episodes: episodes.map((e) => toEpisodeParam(e.record, e.contentHash)),
  });
  await writeCitations(
    tx,
    episodes.flatMap((e) => toCitationParams(e.record)),
  );
  await writeTranscripts(
    tx,
    episodes.map((e) => e.record),
  );
  await writePeople(
    tx,
    episodes.map((e) => e.record),
    ((detached?.personIds as unknown[] | undefined) ?? []).map(asString),
  );
}

/** What an importStoredHashes row holds of its episode's chapters and mentions, when asked for them. */
function storedChaptersOf(row: Row): StoredChapters | undefined {
  if (row.chaptersJson == null) return undefined;
  return {
    chapters: JSON.parse(asString(row.chaptersJson)) as Chapter[],
    mentions: ((row.mentions as unknown[] | undefined) ?? []).map(asMap).map((mention) => ({
      paperId: asString(mention.paperId),
      note: mention.note == null ? null : asString(mention.note),
      ...(mention.discussedAt == null ? {} : { discussedAt: asInteger(mention.discussedAt) }),
    })),
  };
}

/**
 * What an importStoredHashes row holds of its episode's transcript and the times its citations got
 * from it (none when the row was not asked for them).
 */
function storedTranscriptOf(row: Row): StoredTranscript {
  const passages = ((row.passages as unknown[] | undefined) ?? []).map(asMap);
  return {
    lines:
      passages.length === 0
        ? null
        : passages.flatMap((passage) =>
            passageLines({
              startsJson: asString(passage.startsJson),
              text: asString(passage.text),
            }),
          ),
    times: ((row.times as unknown[] | undefined) ?? []).map(asMap).map((time) => ({
      kind: asString(time.kind) as CitationKind,
      paperId: asString(time.paperId),
      discussedAt: asInteger(time.discussedAt),
    })),
  };
}

/**
 * Each written episode's transcript, in passages (importDetachCitations dropped the stored passages
 * of those rewritten).
 */
async function writeTranscripts(
  tx: CypherTransaction,
  records: readonly EpisodeRecord[],
): Promise<void> {
  const passages: PassageParam[] = records.flatMap((record) =>
    transcriptPassages(record.transcript ?? []).map((passage) => ({
      episodeId: record.id,
      ...passage,
    })),
  );
  if (passages.length > 0) await tx.run('importWriteTranscripts', { passages });
}

/** Deletes the papers among `paperIds` nothing cites, and the aliases only they used. */
export async function dropUncitedPapers(
  tx: CypherTransaction,
  paperIds: readonly string[],
): Promise<string[]> {
  if (paperIds.length === 0) return [];
  const deleted = await tx.run('importDropUncitedPapers', { paperIds: unique(paperIds) });
  await dropUnusedAliases(
    tx,
    deleted.flatMap((row) => (row.aliasKeys as unknown[]).map(asString)),
  );
  return deleted.map((row) => asString(row.deletedId));
}

export async function dropUnusedAliases(
  tx: CypherTransaction,
  aliasKeys: readonly string[],
): Promise<void> {
  if (aliasKeys.length > 0)
    await tx.run('importDropUnusedAliases', { aliasKeys: unique(aliasKeys) });
}

async function writeCitations(tx: CypherTransaction, citations: CitationParam[]): Promise<void> {
  const [row] = await tx.run('importWriteCitations', { citations });
  const written = asInteger(row?.citations ?? 0);
  if (written !== citations.length) {
    // Cannot happen for a validated batch; throwing rolls the transaction back.
    throw new Error(
      `import wrote ${written} of ${citations.length} citations: a cited paper is missing`,
    );
  }
}

/**
 * The batch's papers to write: new ones some added or updated episode cites (created), and stored
 * ones the batch changes (updated, shared/mergePaper.ts). A paper no changed episode cites is only
 * merged if stored.
 */
function paperParams(
  papers: readonly PaperRecord[],
  stored: ReadonlyMap<string, PaperRecord>,
  citedByChange: ReadonlySet<string>,
  expected: ReadonlyMap<string, ExpectedCount>,
): { created: CreatedPaperParam[]; updated: PaperParam[] } {
  const created: CreatedPaperParam[] = [];
  const updated: PaperParam[] = [];
  for (const paper of papers) {
    const before = stored.get(paper.id);
    if (before === undefined) {
      if (!citedByChange.has(paper.id)) continue;
      const aliases = dedupeAliases(paper.aliases);
      created.push({
        ...paper,
        aliases,
        newAliases: aliases,
        ...(expected.get(paper.id) ?? { citationCount: 0, searchNotes: '' }),
      });
      continue;
    }
    const merged = mergePaperRecords(before, paper);
    if (samePaperRecord(before, merged)) continue;
    const known = new Set(before.aliases);
    updated.push({ ...merged, newAliases: merged.aliases.filter((alias) => !known.has(alias)) });
  }
  return { created, updated };
}

/**
 * Counts the citing episodes of each paper and refreshes the notes search shows for it; an import
 * calls it once for all its batches.
 */
export async function recountPapers(
  tx: CypherTransaction,
  paperIds: readonly string[],
): Promise<void> {
  if (paperIds.length > 0)
    await tx.run('importRecountPapers', {
      paperIds: [...paperIds],
      searchNotes: PAPER_SEARCH_NOTES,
    });
}

function toEpisodeParam(episode: EpisodeRecord, contentHash: string): EpisodeParam {
  const chapterText = episode.chapters.flatMap((c) =>
    c.summary === null ? [c.title] : [c.title, c.summary],
  );
  return {
    id: episode.id,
    ...pickEpisodeText(episode),
    chaptersJson: JSON.stringify(episode.chapters),
    extrasJson: encodeEpisodeExtras(episode),
    guid: episode.guid ?? null,
    sourcePaperId: episode.sourcePaperId,
    contentHash,
    paperCount: new Set(citedPaperIds(episode)).size,
    // What full-text search sees besides title and summary, as in the embedded store.
    searchDetails: [...episode.takeaways, ...chapterText].join('\n'),
    searchNotes: [...episode.recommendations, ...(episode.mentions ?? [])]
      .flatMap((r) => (r.note === null ? [] : [r.note]))
      .join('\n'),
  };
}

function toCitationParams(episode: EpisodeRecord): CitationParam[] {
  return citationsOfEpisode(episode);
}
