// Import = per batch, plan (reads only) + write, all batches in one SQLite transaction. The plans also
// yield the in-memory diffs, which the store applies only after COMMIT, so memory and disk never disagree.
import type { DatabaseSync, StatementSync } from 'node:sqlite';

import { encodeEpisodeExtras } from '../../domain/episodeExtras.ts';
import {
  type Chapter,
  type CitationKind,
  citationsOfEpisode,
  type EpisodeRecord,
  type ImportBatch,
  type ImportResult,
  type PaperRecord,
  type ShowRecord,
} from '../../domain/model.ts';
import { classifyEpisodes, type HashedEpisode } from '../shared/contentHash.ts';
import { mergePaperRecords, samePaperRecord } from '../shared/mergePaper.ts';
import { sameShow } from '../shared/sameShow.ts';
import { PAPER_SEARCH_NOTES } from '../shared/searchNotes.ts';
import { type StoredChapters, withStoredChapters } from '../shared/storedChapters.ts';
import {
  passageLines,
  type StoredTranscript,
  transcriptPassages,
  withStoredTranscript,
} from '../shared/transcripts.ts';
import { graphChangedAtStamp } from './graphChangedAt.ts';
import { graphVersionBump } from './graphVersion.ts';
import type { EpisodeEdges, GraphDiff } from './memoryGraph.ts';
import { PeopleWriter } from './people.ts';
import {
  episodeSearchText,
  paperIdentifiersText,
  type PaperRow,
  SHOW_COLUMNS,
  type ShowRow,
  toPaperRecord,
  toShowRecord,
} from './rows.ts';
import { IMPORT_DEFERRABLE_INDEXES } from './schema.ts';

interface ChangedEpisode {
  record: EpisodeRecord;
  hash: string;
  edges: EpisodeEdges;
}

interface StoredPaper {
  rid: number;
  record: PaperRecord;
  citationCount: number;
}

interface PaperUpdate {
  record: PaperRecord;
  citationCount: number;
  newAliases: string[];
  /** Whether the stored title changes. */
  retitled: boolean;
}

interface ImportPlan {
  result: ImportResult;
  /** Stored papers whose search row changes: new title or aliases, or new recommendation notes. */
  reindexedPapers: { rid: number; record: PaperRecord }[];
  insertedPapers: { record: PaperRecord; citationCount: number }[];
  updatedPapers: PaperUpdate[];
  deletedPapers: string[];
  addedEpisodes: ChangedEpisode[];
  updatedEpisodes: ChangedEpisode[];
  citationDelta: number;
  /** The batch's shows that are new or say something new. */
  savedShows: ShowRecord[];
  /** Stored episodes without a show yet that the batch gives one (an episode keeps its first show). */
  showAssignments: { episodeId: string; showId: string }[];
}

/** What is kept beside the graph, in the import's transaction. */
export interface ImportKeeping {
  /** After each batch's writes: the episodes it added or updated, as stored. */
  written(episodes: readonly EpisodeRecord[]): void;
  /** After the last batch's writes, when there were any. */
  beforeCommit(change: ImportedChange): Promise<void>;
}

/** What an import's transaction changed, for what is kept beside the graph. */
export interface ImportedChange {
  /** Stored papers whose row changed (title, aliases or citation count). */
  changedPaperIds: ReadonlySet<string>;
  /** Of those, the papers whose title changed. */
  retitledPaperIds: ReadonlySet<string>;
}

export interface ImportOutcome {
  result: ImportResult;
  /** null when the batch changed nothing and nothing was written. */
  diff: GraphDiff | null;
  /** Stored episodes that were given a show (their records changed without a new content hash). */
  showAssigned: string[];
}

const ids = (values: Iterable<string>) => JSON.stringify([...values]);

/**
 * A run whose first batch adds at least this many episodes to an empty store builds the deferrable
 * indexes after its rows. A smaller one keeps them: dropping and building them changes the schema, so
 * every statement prepared on either connection is prepared again, a cost a small import need not pay.
 */
const BULK_IMPORT_MIN_EPISODES = 1000;

export class Importer {
  readonly #db: DatabaseSync;
  readonly #sql: ReturnType<typeof prepareImportStatements>;
  readonly #bumpGraphVersion: () => void;
  readonly #stampChangedAt: () => void;
  readonly #people: PeopleWriter;
  readonly #deferredIndexes: DeferredIndexes;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#sql = prepareImportStatements(db);
    this.#people = new PeopleWriter(db);
    this.#deferredIndexes = new DeferredIndexes(db);
    this.#bumpGraphVersion = graphVersionBump(db);
    this.#stampChangedAt = graphChangedAtStamp(db);
  }

  /**
   * Imports every batch in one transaction: all of them or none. Batches may arrive while it is open
   * (the next file still being parsed); each one's plan sees the rows of the batches before it. Each
   * batch must already be validated. Throws, with nothing written, if a write or the iterable fails.
   * `keeping` runs inside the transaction: after each batch's writes, and after the last one's.
   * `committed` runs right after COMMIT, before anything else can: the reading connection already sees
   * the new rows, so whatever mirrors them must follow at once.
   */
  async run(
    batches: AsyncIterable<ImportBatch>,
    keeping: ImportKeeping,
    committed: (outcomes: ImportOutcome[]) => void,
  ): Promise<ImportOutcome[]> {
    const outcomes: ImportOutcome[] = [];
    const changedPaperIds = new Set<string>();
    const retitledPaperIds = new Set<string>();
    let graphWritten = false;
    try {
      for await (const batch of batches) {
        const plan = this.#plan(batch);
        const showAssigned = plan.showAssignments.map((a) => a.episodeId);
        const graphUnchanged =
          plan.addedEpisodes.length === 0 &&
          plan.updatedEpisodes.length === 0 &&
          plan.updatedPapers.length === 0;
        if (graphUnchanged && plan.savedShows.length === 0 && showAssigned.length === 0) {
          outcomes.push({ result: plan.result, diff: null, showAssigned });
          continue;
        }
        // Opened at the first write: an import that changes nothing leaves the files untouched.
        if (!this.#db.isTransaction) this.#db.exec('BEGIN IMMEDIATE');
        this.#writeShows(plan);
        if (graphUnchanged) {
          outcomes.push({ result: plan.result, diff: null, showAssigned });
          continue;
        }
        this.#write(plan, !graphWritten);
        graphWritten = true;
        outcomes.push({ result: plan.result, diff: diffOf(plan), showAssigned });
        keeping.written([...plan.updatedEpisodes, ...plan.addedEpisodes].map((e) => e.record));
        for (const { record, retitled } of plan.updatedPapers) {
          changedPaperIds.add(record.id);
          if (retitled) retitledPaperIds.add(record.id);
        }
      }
      if (graphWritten) {
        this.#deferredIndexes.build();
        // The graph tables changed: a graph file of the old state stops matching.
        this.#bumpGraphVersion();
        this.#stampChangedAt();
        await keeping.beforeCommit({ changedPaperIds, retitledPaperIds });
      }
      // Shows alone (a renamed show, episodes given theirs) are no change of the graph.
      if (this.#db.isTransaction) this.#db.exec('COMMIT');
      committed(outcomes);
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      this.#deferredIndexes.forget();
      throw error;
    } finally {
      this.#db.exec('PRAGMA shrink_memory');
    }
    return outcomes;
  }

  #plan(batch: ImportBatch): ImportPlan {
    const sql = this.#sql;
    const storedHashes = new Map<string, string>();
    const showless = new Set<string>();
    for (const row of sql.episodeHashes.all(ids(batch.episodes.map((e) => e.id))) as {
      id: string;
      content_hash: string;
      show_id: string | null;
    }[]) {
      storedHashes.set(row.id, row.content_hash);
      if (row.show_id === null) showless.add(row.id);
    }
    const showAssignments = batch.episodes.flatMap((e) =>
      e.showId != null && showless.has(e.id) ? [{ episodeId: e.id, showId: e.showId }] : [],
    );
    const shows = batch.shows ?? [];
    const storedShows = new Map(
      (sql.showsByIds.all(ids(shows.map((show) => show.id))) as unknown as ShowRow[]).map((row) => [
        row.id,
        toShowRecord(row),
      ]),
    );
    const savedShows = shows.filter((show) => !sameShow(storedShows.get(show.id), show));

    const classified = classifyEpisodes(
      this.#withStoredTranscripts(
        { ...batch, episodes: this.#withStoredChapters(batch, storedHashes) },
        storedHashes,
      ),
      storedHashes,
    );
    const { result } = classified;
    const withEdges = ({ record, hash }: HashedEpisode): ChangedEpisode => ({
      record,
      hash,
      edges: edgesOf(record),
    });
    const addedEpisodes = classified.added.map(withEdges);
    const updatedEpisodes = classified.updated.map(withEdges);

    // Distinct citing episodes per paper change by: +1 for a newly cited pair, -1 for a dropped one.
    const countDelta = new Map<string, number>();
    const bump = (paperId: string, by: number) =>
      countDelta.set(paperId, (countDelta.get(paperId) ?? 0) + by);
    let citationDelta = 0;
    const oldRows = sql.citationsOfEpisodes.all(ids(updatedEpisodes.map((e) => e.record.id))) as {
      episode_id: string;
      paper_id: string;
    }[];
    const oldPapersByEpisode = new Map<string, Set<string>>();
    for (const row of oldRows) {
      const set = oldPapersByEpisode.get(row.episode_id) ?? new Set<string>();
      set.add(row.paper_id);
      oldPapersByEpisode.set(row.episode_id, set);
    }
    citationDelta -= oldRows.length;
    const citedByChanged = new Set<string>();
    for (const episode of [...updatedEpisodes, ...addedEpisodes]) {
      const newPapers = new Set(episode.edges.citations.map((c) => c.paperId));
      const oldPapers = oldPapersByEpisode.get(episode.record.id) ?? new Set<string>();
      for (const paperId of newPapers) {
        citedByChanged.add(paperId);
        if (!oldPapers.has(paperId)) bump(paperId, 1);
      }
      for (const paperId of oldPapers) if (!newPapers.has(paperId)) bump(paperId, -1);
      citationDelta += episode.edges.citations.length;
    }

    const stored = new Map<string, StoredPaper>();
    const lookup = new Set([...batch.papers.map((p) => p.id), ...countDelta.keys()]);
    for (const row of sql.papersByIds.all(ids(lookup)) as unknown as (PaperRow & {
      rid: number;
    })[]) {
      stored.set(row.id, {
        rid: row.rid,
        record: toPaperRecord(row),
        citationCount: row.citation_count,
      });
    }

    const insertedPapers: ImportPlan['insertedPapers'] = [];
    const updates = new Map<string, PaperUpdate>();
    for (const incoming of batch.papers) {
      const existing = stored.get(incoming.id);
      if (existing === undefined) {
        // The store holds only cited papers: one no changed episode cites is not worth a row.
        if (citedByChanged.has(incoming.id)) {
          insertedPapers.push({
            record: incoming,
            citationCount: countDelta.get(incoming.id) ?? 0,
          });
        }
        continue;
      }
      const merged = mergePaperRecords(existing.record, incoming);
      if (!samePaperRecord(merged, existing.record)) {
        updates.set(merged.id, {
          record: merged,
          citationCount: existing.citationCount,
          newAliases: merged.aliases.slice(existing.record.aliases.length),
          retitled: merged.title !== existing.record.title,
        });
      }
    }
    const deletedPapers: string[] = [];
    for (const [paperId, delta] of countDelta) {
      const existing = stored.get(paperId);
      if (existing === undefined || delta === 0) continue;
      const citationCount = existing.citationCount + delta;
      if (citationCount === 0) {
        deletedPapers.push(paperId);
        updates.delete(paperId);
        continue;
      }
      const update = updates.get(paperId);
      if (update) update.citationCount = citationCount;
      else
        updates.set(paperId, {
          record: existing.record,
          citationCount,
          newAliases: [],
          retitled: false,
        });
    }

    const deleted = new Set(deletedPapers);
    const inserted = new Set(insertedPapers.map((p) => p.record.id));
    const reindexedPapers: ImportPlan['reindexedPapers'] = [];
    for (const paperId of new Set([...citedByChanged, ...countDelta.keys(), ...updates.keys()])) {
      if (deleted.has(paperId) || inserted.has(paperId)) continue;
      const existing = stored.get(paperId);
      const record = updates.get(paperId)?.record ?? existing?.record;
      if (record && existing) reindexedPapers.push({ rid: existing.rid, record });
    }

    return {
      result,
      reindexedPapers,
      insertedPapers,
      updatedPapers: [...updates.values()],
      deletedPapers,
      addedEpisodes,
      updatedEpisodes,
      citationDelta,
      savedShows,
      showAssignments,
    };
  }

  /** The batch's episodes, those that do not know their chapters keeping the stored ones. */
  #withStoredChapters(
    batch: ImportBatch,
    storedHashes: ReadonlyMap<string, string>,
  ): EpisodeRecord[] {
    const unknown = batch.episodes.filter((e) => e.chaptersUnknown === true);
    if (unknown.length === 0) return batch.episodes;
    const episodeIds = ids(unknown.flatMap((e) => (storedHashes.has(e.id) ? [e.id] : [])));
    const stored = new Map<string, StoredChapters>();
    for (const row of this.#sql.storedChapters.all(episodeIds) as {
      id: string;
      chapters: string;
    }[])
      stored.set(row.id, { chapters: JSON.parse(row.chapters) as Chapter[], mentions: [] });
    for (const row of this.#sql.storedMentions.all(episodeIds) as {
      episode_id: string;
      paper_id: string;
      note: string | null;
      discussed_at: number | null;
    }[])
      stored.get(row.episode_id)?.mentions.push({
        paperId: row.paper_id,
        note: row.note,
        ...(row.discussed_at === null ? {} : { discussedAt: row.discussed_at }),
      });
    return batch.episodes.map((e) => withStoredChapters(e, stored.get(e.id)));
  }

  /** The batch's episodes, those that do not know their transcript keeping the stored one and its times. */
  #withStoredTranscripts(
    batch: ImportBatch,
    storedHashes: ReadonlyMap<string, string>,
  ): EpisodeRecord[] {
    const unknown = batch.episodes.filter(
      (e) => e.transcript === undefined && storedHashes.has(e.id),
    );
    if (unknown.length === 0) return batch.episodes;
    const episodeIds = ids(unknown.map((e) => e.id));
    const stored = new Map<string, StoredTranscript>();
    const of = (episodeId: string): StoredTranscript => {
      let found = stored.get(episodeId);
      if (found === undefined) stored.set(episodeId, (found = { lines: null, times: [] }));
      return found;
    };
    for (const row of this.#sql.storedTranscripts.all(episodeIds) as {
      episode_id: string;
      starts: string;
      text: string;
    }[]) {
      const transcript = of(row.episode_id);
      transcript.lines = [
        ...(transcript.lines ?? []),
        ...passageLines({ startsJson: row.starts, text: row.text }),
      ];
    }
    for (const row of this.#sql.storedTimes.all(episodeIds) as {
      episode_id: string;
      kind: CitationKind;
      paper_id: string;
      discussed_at: number;
    }[])
      of(row.episode_id).times.push({
        kind: row.kind,
        paperId: row.paper_id,
        discussedAt: row.discussed_at,
      });
    return batch.episodes.map((e) => withStoredTranscript(e, stored.get(e.id)));
  }

  /** Shows first: the episodes written after them point at them. */
  #writeShows(plan: ImportPlan): void {
    const sql = this.#sql;
    for (const show of plan.savedShows)
      sql.saveShow.run(show.id, show.title, show.link, show.imageUrl, show.author, show.feedUrl);
    for (const { episodeId, showId } of plan.showAssignments) sql.assignShow.run(showId, episodeId);
  }

  #write(plan: ImportPlan, firstOfRun: boolean): void {
    const sql = this.#sql;
    if (firstOfRun && plan.addedEpisodes.length >= BULK_IMPORT_MIN_EPISODES)
      this.#deferredIndexes.deferIfStoreEmpty();
    if (plan.deletedPapers.length > 0) this.#deferredIndexes.build();
    const paperSearchRows: PaperSearchRow[] = [];
    for (const { record, citationCount } of plan.insertedPapers) {
      const { rid } = sql.insertPaper.get(...paperColumns(record), citationCount) as {
        rid: number;
      };
      for (const alias of record.aliases) sql.insertAlias.run(alias, record.id);
      paperSearchRows.push({ rid, record, replace: false });
    }
    for (const update of plan.updatedPapers) {
      sql.updatePaper.run(...paperColumns(update.record), update.citationCount);
      for (const alias of update.newAliases) sql.insertAlias.run(alias, update.record.id);
    }
    const episodeSearchRows: EpisodeSearchRow[] = [];
    const transcriptSearchRows: { rid: number; text: string }[] = [];
    const formerPeople: string[] = [];
    const writeTranscript = (episode: EpisodeRecord) => {
      for (const passage of transcriptPassages(episode.transcript ?? [])) {
        const { rid } = sql.insertPassage.get(
          episode.id,
          passage.position,
          passage.startsJson,
          passage.text,
        ) as { rid: number };
        transcriptSearchRows.push({ rid, text: passage.text });
      }
    };
    for (const episode of plan.updatedEpisodes) {
      const { rid } = sql.updateEpisode.get(...episodeColumns(episode)) as { rid: number };
      sql.deleteCitations.run(episode.record.id);
      this.#writeCitations(episode.record);
      formerPeople.push(...this.#people.replace(episode.record.id, episode.record.people ?? []));
      episodeSearchRows.push({ rid, record: episode.record, replace: true });
      sql.deleteTranscriptFts.run(episode.record.id);
      sql.deleteTranscript.run(episode.record.id);
      writeTranscript(episode.record);
    }
    for (const episode of plan.addedEpisodes) {
      const { rid } = sql.insertEpisode.get(...episodeColumns(episode)) as { rid: number };
      this.#writeCitations(episode.record);
      this.#people.replace(episode.record.id, episode.record.people ?? []);
      episodeSearchRows.push({ rid, record: episode.record, replace: false });
      writeTranscript(episode.record);
    }
    this.#people.dropUnnamed(formerPeople);
    for (const paperId of plan.deletedPapers) {
      const row = sql.deletePaper.get(paperId) as { rid: number } | undefined;
      if (row) paperSearchRows.push({ rid: row.rid, record: null, replace: true });
    }
    for (const { rid, record } of plan.reindexedPapers)
      paperSearchRows.push({ rid, record, replace: true });

    // Search rows last, together and in rowid order. FTS5 flushes its pending in-memory index to disk
    // (a new segment, plus merge work) at every statement savepoint, which writes to the tables above
    // open, and whenever a rowid is not above the previous one. Interleaved and in batch order, every
    // episode and re-indexed paper became its own tiny segment (10k episodes: store 4.5 s → 2.4 s).
    // (A paper's notes come from the citations written above.)
    for (const row of episodeSearchRows.sort(byRid)) {
      if (row.replace) sql.deleteEpisodeFts.run(row.rid);
      const { details, notes } = episodeSearchText(row.record);
      sql.insertEpisodeFts.run(row.rid, row.record.title, row.record.summary, details, notes);
    }
    for (const row of transcriptSearchRows) sql.insertTranscriptFts.run(row.rid, row.text);
    const newPaperNotes = notesOfNewPapers(plan);
    for (const row of paperSearchRows.sort(byRid)) {
      if (row.replace) sql.deletePaperFts.run(row.rid);
      if (row.record === null) continue;
      const notes =
        newPaperNotes.get(row.record.id) ??
        (sql.paperNotes.all(row.record.id, PAPER_SEARCH_NOTES) as { note: string }[]).map(
          (r) => r.note,
        );
      sql.insertPaperFts.run(
        row.rid,
        row.record.title,
        paperIdentifiersText(row.record),
        notes.join('\n'),
      );
    }
  }

  #writeCitations(episode: EpisodeRecord): void {
    for (const c of citationsOfEpisode(episode))
      this.#sql.insertCitation.run(
        c.episodeId,
        c.position,
        c.paperId,
        c.kind,
        c.note,
        c.discussedAt ?? null,
      );
  }
}

/** The indexes a bulk import builds after its rows, inside its transaction (schema.ts says which). */
class DeferredIndexes {
  readonly #db: DatabaseSync;
  readonly #storeEmpty: StatementSync;
  readonly #definitions: StatementSync;
  /** The dropped indexes' CREATE statements, as the file held them. */
  #dropped: string[] = [];

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#storeEmpty = db.prepare(
      'SELECT NOT EXISTS (SELECT 1 FROM episodes) AND NOT EXISTS (SELECT 1 FROM papers) AS empty',
    );
    this.#definitions = db.prepare(
      "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND name IN (SELECT value FROM json_each(?))",
    );
  }

  /** Drops them when the store holds no paper or episode: the build after the rows sorts only the run's. */
  deferIfStoreEmpty(): void {
    const { empty } = this.#storeEmpty.get() as { empty: number };
    if (empty !== 1) return;
    for (const { name, sql } of this.#definitions.all(ids(IMPORT_DEFERRABLE_INDEXES)) as {
      name: string;
      sql: string;
    }[]) {
      this.#db.exec(`DROP INDEX "${name}"`);
      this.#dropped.push(sql);
    }
  }

  /** Builds the dropped ones again, before anything reads through them. */
  build(): void {
    for (const sql of this.#dropped.splice(0)) this.#db.exec(sql);
  }

  /** After a rollback, which brought them back. */
  forget(): void {
    this.#dropped = [];
  }
}

interface EpisodeSearchRow {
  rid: number;
  record: EpisodeRecord;
  /** The episode had a search row that goes first. */
  replace: boolean;
}

interface PaperSearchRow {
  rid: number;
  /** null: the paper was deleted, only its search row goes. */
  record: PaperRecord | null;
  replace: boolean;
}

function diffOf(plan: ImportPlan): GraphDiff {
  return {
    addedPapers: plan.insertedPapers.map((p) => ({ id: p.record.id, title: p.record.title })),
    retitledPapers: plan.updatedPapers.map((p) => ({ id: p.record.id, title: p.record.title })),
    addedEpisodes: plan.addedEpisodes.map((e) => e.edges),
    updatedEpisodes: plan.updatedEpisodes.map((e) => e.edges),
    deletedPapers: plan.deletedPapers,
    citationDelta: plan.citationDelta,
  };
}

const byRid = (a: { rid: number }, b: { rid: number }) => a.rid - b.rid;

/**
 * Search notes of the papers this import inserts, as the paperNotes query would read them: every
 * citation of a new paper is one of the changed episodes' (a stored citation needs its paper stored),
 * so they come from the plan instead of one query per paper. Episode ids are ASCII (`ep_` + hex), so
 * string order here is SQLite's BINARY order.
 */
function notesOfNewPapers(plan: ImportPlan): Map<string, string[]> {
  const citations = new Map<string, { episodeId: string; position: number; note: string }[]>();
  for (const { record } of plan.insertedPapers) citations.set(record.id, []);
  for (const { record: episode } of [...plan.updatedEpisodes, ...plan.addedEpisodes]) {
    for (const { paperId, position, note } of citationsOfEpisode(episode)) {
      if (note !== null) citations.get(paperId)?.push({ episodeId: episode.id, position, note });
    }
  }
  const notes = new Map<string, string[]>();
  for (const [paperId, list] of citations) {
    list.sort((a, b) =>
      a.episodeId < b.episodeId ? -1 : a.episodeId > b.episodeId ? 1 : a.position - b.position,
    );
    notes.set(
      paperId,
      list.slice(0, PAPER_SEARCH_NOTES).map((c) => c.note),
    );
  }
  return notes;
}

function edgesOf(episode: EpisodeRecord): EpisodeEdges {
  const citations: { paperId: string; kind: CitationKind }[] = citationsOfEpisode(episode).map(
    ({ paperId, kind }) => ({ paperId, kind }),
  );
  return {
    episodeId: episode.id,
    title: episode.title,
    publishedAt: episode.publishedAt,
    citations,
  };
}

function paperColumns(p: PaperRecord) {
  return [p.id, p.title, p.url, p.arxivId, p.doi, JSON.stringify(p.aliases)] as const;
}

function episodeColumns({ record: e, hash }: ChangedEpisode) {
  return [
    e.id,
    e.title,
    e.publishedAt,
    e.paperPublishedAt,
    e.durationMinutes,
    e.summary,
    JSON.stringify(e.takeaways),
    JSON.stringify(e.chapters),
    e.sourcePaperId,
    hash,
    encodeEpisodeExtras(e),
    e.showId ?? null,
  ] as const;
}

function prepareImportStatements(db: DatabaseSync) {
  const p = (sql: string): StatementSync => db.prepare(sql);
  return {
    episodeHashes: p(
      'SELECT id, content_hash, show_id FROM episodes WHERE id IN (SELECT value FROM json_each(?))',
    ),
    citationsOfEpisodes: p(
      'SELECT episode_id, paper_id FROM citations WHERE episode_id IN (SELECT value FROM json_each(?))',
    ),
    papersByIds: p(
      'SELECT rid, id, title, url, arxiv_id, doi, aliases, citation_count FROM papers WHERE id IN (SELECT value FROM json_each(?))',
    ),
    insertPaper: p(
      'INSERT INTO papers (id, title, url, arxiv_id, doi, aliases, citation_count) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING rid',
    ),
    updatePaper: p(
      `UPDATE papers SET title = ?2, url = ?3, arxiv_id = ?4, doi = ?5, aliases = ?6, citation_count = ?7 WHERE id = ?1`,
    ),
    paperNotes: p(
      'SELECT note FROM citations WHERE paper_id = ? AND note IS NOT NULL ORDER BY episode_id, position LIMIT ?',
    ),
    deletePaper: p('DELETE FROM papers WHERE id = ? RETURNING rid'),
    insertAlias: p('INSERT OR IGNORE INTO paper_aliases (alias, paper_id) VALUES (?, ?)'),
    insertPaperFts: p(
      'INSERT INTO papers_fts (rowid, title, identifiers, notes) VALUES (?, ?, ?, ?)',
    ),
    deletePaperFts: p('DELETE FROM papers_fts WHERE rowid = ?'),
    insertEpisode: p(
      `INSERT INTO episodes (id, title, published_at, paper_published_at, duration_minutes, summary, takeaways,
         chapters, source_paper_id, content_hash, extras, show_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING rid`,
    ),
    updateEpisode: p(
      `UPDATE episodes SET title = ?2, published_at = ?3, paper_published_at = ?4, duration_minutes = ?5,
         summary = ?6, takeaways = ?7, chapters = ?8, source_paper_id = ?9, content_hash = ?10, extras = ?11,
         show_id = COALESCE(show_id, ?12)
       WHERE id = ?1 RETURNING rid`,
    ),
    deleteCitations: p('DELETE FROM citations WHERE episode_id = ?'),
    showsByIds: p(
      `SELECT ${SHOW_COLUMNS} FROM shows s WHERE s.id IN (SELECT value FROM json_each(?))`,
    ),
    saveShow: p(
      `INSERT INTO shows (id, title, link, image_url, author, feed_url) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET title = excluded.title, link = excluded.link,
         image_url = excluded.image_url, author = excluded.author, feed_url = excluded.feed_url`,
    ),
    assignShow: p('UPDATE episodes SET show_id = ? WHERE id = ? AND show_id IS NULL'),
    insertCitation: p(
      'INSERT INTO citations (episode_id, position, paper_id, kind, note, discussed_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    insertEpisodeFts: p(
      'INSERT INTO episodes_fts (rowid, title, summary, details, notes) VALUES (?, ?, ?, ?, ?)',
    ),
    deleteEpisodeFts: p('DELETE FROM episodes_fts WHERE rowid = ?'),
    storedTranscripts: p(
      'SELECT episode_id, starts, text FROM transcripts WHERE episode_id IN (SELECT value FROM json_each(?)) ORDER BY episode_id, position',
    ),
    storedChapters: p(
      'SELECT id, chapters FROM episodes WHERE id IN (SELECT value FROM json_each(?))',
    ),
    storedMentions: p(
      "SELECT episode_id, paper_id, note, discussed_at FROM citations WHERE episode_id IN (SELECT value FROM json_each(?)) AND kind = 'MENTIONS' ORDER BY episode_id, position",
    ),
    storedTimes: p(
      'SELECT episode_id, kind, paper_id, discussed_at FROM citations WHERE episode_id IN (SELECT value FROM json_each(?)) AND discussed_at IS NOT NULL',
    ),
    insertPassage: p(
      'INSERT INTO transcripts (episode_id, position, starts, text) VALUES (?, ?, ?, ?) RETURNING rid',
    ),
    deleteTranscript: p('DELETE FROM transcripts WHERE episode_id = ?'),
    insertTranscriptFts: p('INSERT INTO transcripts_fts (rowid, text) VALUES (?, ?)'),
    deleteTranscriptFts: p(
      'DELETE FROM transcripts_fts WHERE rowid IN (SELECT rid FROM transcripts WHERE episode_id = ?)',
    ),
  };
}
