// Import = plan (reads only) + write (one SQLite transaction). The plan also yields the in-memory diff,
// which the store applies only after COMMIT, so memory and disk never disagree.
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { CitationKind, EpisodeRecord, ImportBatch, ImportResult, PaperRecord } from '../../domain/model.ts';
import { episodeContentHash } from '../shared/contentHash.ts';
import { mergePaperRecords, samePaperRecord } from '../shared/mergePaper.ts';
import { PAPER_SEARCH_NOTES } from '../shared/searchNotes.ts';
import type { EpisodeEdges, GraphDiff } from './memoryGraph.ts';
import { episodeSearchText, paperIdentifiersText, toPaperRecord, type PaperRow } from './rows.ts';

interface ChangedEpisode {
  record: EpisodeRecord;
  hash: string;
  edges: EpisodeEdges;
}

interface StoredPaper {
  record: PaperRecord;
  citationCount: number;
}

interface PaperUpdate {
  record: PaperRecord;
  citationCount: number;
  newAliases: string[];
}

interface ImportPlan {
  result: ImportResult;
  /** Stored papers whose search row changes: new title or aliases, or new recommendation notes. */
  reindexedPapers: PaperRecord[];
  insertedPapers: { record: PaperRecord; citationCount: number }[];
  updatedPapers: PaperUpdate[];
  deletedPapers: string[];
  addedEpisodes: ChangedEpisode[];
  updatedEpisodes: ChangedEpisode[];
  citationDelta: number;
}

export interface ImportOutcome {
  result: ImportResult;
  /** null when the batch changed nothing and nothing was written. */
  diff: GraphDiff | null;
}

const ids = (values: Iterable<string>) => JSON.stringify([...values]);

export class Importer {
  readonly #db: DatabaseSync;
  readonly #sql: ReturnType<typeof prepareImportStatements>;

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#sql = prepareImportStatements(db);
  }

  /** The batch must already be validated. Throws (with nothing written) if any write fails. */
  run(batch: ImportBatch): ImportOutcome {
    const plan = this.#plan(batch);
    const nothingToWrite =
      plan.addedEpisodes.length === 0 && plan.updatedEpisodes.length === 0 && plan.updatedPapers.length === 0;
    if (nothingToWrite) return { result: plan.result, diff: null };
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      this.#write(plan);
      this.#db.exec('COMMIT');
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
    return {
      result: plan.result,
      diff: {
        addedPapers: plan.insertedPapers.map((p) => ({ id: p.record.id, title: p.record.title })),
        retitledPapers: plan.updatedPapers.map((p) => ({ id: p.record.id, title: p.record.title })),
        addedEpisodes: plan.addedEpisodes.map((e) => e.edges),
        updatedEpisodes: plan.updatedEpisodes.map((e) => e.edges),
        deletedPapers: plan.deletedPapers,
        citationDelta: plan.citationDelta,
      },
    };
  }

  #plan(batch: ImportBatch): ImportPlan {
    const sql = this.#sql;
    const storedHashes = new Map<string, string>();
    for (const row of sql.episodeHashes.all(ids(batch.episodes.map((e) => e.id))) as { id: string; content_hash: string }[]) {
      storedHashes.set(row.id, row.content_hash);
    }

    const result: ImportResult = { added: [], updated: [], unchanged: [] };
    const addedEpisodes: ChangedEpisode[] = [];
    const updatedEpisodes: ChangedEpisode[] = [];
    for (const record of batch.episodes) {
      const hash = episodeContentHash(record);
      const storedHash = storedHashes.get(record.id);
      if (storedHash === hash) {
        result.unchanged.push(record.id);
        continue;
      }
      const changed = { record, hash, edges: edgesOf(record) };
      if (storedHash === undefined) {
        result.added.push(record.id);
        addedEpisodes.push(changed);
      } else {
        result.updated.push(record.id);
        updatedEpisodes.push(changed);
      }
    }

    // Distinct citing episodes per paper change by: +1 for a newly cited pair, -1 for a dropped one.
    const countDelta = new Map<string, number>();
    const bump = (paperId: string, by: number) => countDelta.set(paperId, (countDelta.get(paperId) ?? 0) + by);
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
    for (const row of sql.papersByIds.all(ids(lookup)) as unknown as PaperRow[]) {
      stored.set(row.id, { record: toPaperRecord(row), citationCount: row.citation_count });
    }

    const insertedPapers: ImportPlan['insertedPapers'] = [];
    const updates = new Map<string, PaperUpdate>();
    for (const incoming of batch.papers) {
      const existing = stored.get(incoming.id);
      if (existing === undefined) {
        // The store holds only cited papers: one no changed episode cites is not worth a row.
        if (citedByChanged.has(incoming.id)) {
          insertedPapers.push({ record: incoming, citationCount: countDelta.get(incoming.id) ?? 0 });
        }
        continue;
      }
      const merged = mergePaperRecords(existing.record, incoming);
      if (!samePaperRecord(merged, existing.record)) {
        updates.set(merged.id, {
          record: merged,
          citationCount: existing.citationCount,
          newAliases: merged.aliases.slice(existing.record.aliases.length),
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
      else updates.set(paperId, { record: existing.record, citationCount, newAliases: [] });
    }

    const deleted = new Set(deletedPapers);
    const inserted = new Set(insertedPapers.map((p) => p.record.id));
    const reindexedPapers: PaperRecord[] = [];
    for (const paperId of new Set([...citedByChanged, ...countDelta.keys(), ...updates.keys()])) {
      if (deleted.has(paperId) || inserted.has(paperId)) continue;
      const record = updates.get(paperId)?.record ?? stored.get(paperId)?.record;
      if (record) reindexedPapers.push(record);
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
    };
  }

  #write(plan: ImportPlan): void {
    const sql = this.#sql;
    for (const { record, citationCount } of plan.insertedPapers) {
      sql.insertPaper.run(...paperColumns(record), citationCount);
      for (const alias of record.aliases) sql.insertAlias.run(alias, record.id);
    }
    for (const update of plan.updatedPapers) {
      sql.updatePaper.run(...paperColumns(update.record), update.citationCount);
      for (const alias of update.newAliases) sql.insertAlias.run(alias, update.record.id);
    }
    for (const episode of plan.updatedEpisodes) {
      const { rid } = sql.updateEpisode.get(...episodeColumns(episode)) as { rid: number };
      sql.deleteCitations.run(episode.record.id);
      this.#writeCitations(episode.record);
      sql.deleteEpisodeFts.run(rid);
      this.#writeEpisodeFts(rid, episode.record);
    }
    for (const episode of plan.addedEpisodes) {
      const { rid } = sql.insertEpisode.get(...episodeColumns(episode)) as { rid: number };
      this.#writeCitations(episode.record);
      this.#writeEpisodeFts(rid, episode.record);
    }
    for (const paperId of plan.deletedPapers) {
      const row = sql.deletePaper.get(paperId) as { rid: number } | undefined;
      if (row) sql.deletePaperFts.run(row.rid);
    }
    // Search rows last: a paper's notes come from the citations written above.
    for (const { record } of plan.insertedPapers) this.#writePaperFts(record, false);
    for (const record of plan.reindexedPapers) this.#writePaperFts(record, true);
  }

  #writePaperFts(paper: PaperRecord, replace: boolean): void {
    const sql = this.#sql;
    const { rid } = sql.paperRid.get(paper.id) as { rid: number };
    if (replace) sql.deletePaperFts.run(rid);
    const notes = (sql.paperNotes.all(paper.id, PAPER_SEARCH_NOTES) as { note: string }[]).map((row) => row.note);
    sql.insertPaperFts.run(rid, paper.title, paperIdentifiersText(paper), notes.join('\n'));
  }

  #writeCitations(episode: EpisodeRecord): void {
    this.#sql.insertCitation.run(episode.id, 0, episode.sourcePaperId, 'SOURCE', null);
    episode.recommendations.forEach((r, i) => this.#sql.insertCitation.run(episode.id, i + 1, r.paperId, 'RECOMMENDED', r.note));
  }

  #writeEpisodeFts(rid: number, episode: EpisodeRecord): void {
    const { details, notes } = episodeSearchText(episode);
    this.#sql.insertEpisodeFts.run(rid, episode.title, episode.summary, details, notes);
  }
}

function edgesOf(episode: EpisodeRecord): EpisodeEdges {
  const citations: { paperId: string; kind: CitationKind }[] = [{ paperId: episode.sourcePaperId, kind: 'SOURCE' }];
  for (const r of episode.recommendations) citations.push({ paperId: r.paperId, kind: 'RECOMMENDED' });
  return { episodeId: episode.id, title: episode.title, publishedAt: episode.publishedAt, citations };
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
  ] as const;
}

function prepareImportStatements(db: DatabaseSync) {
  const p = (sql: string): StatementSync => db.prepare(sql);
  return {
    episodeHashes: p('SELECT id, content_hash FROM episodes WHERE id IN (SELECT value FROM json_each(?))'),
    citationsOfEpisodes: p(
      'SELECT episode_id, paper_id FROM citations WHERE episode_id IN (SELECT value FROM json_each(?))',
    ),
    papersByIds: p(
      'SELECT id, title, url, arxiv_id, doi, aliases, citation_count FROM papers WHERE id IN (SELECT value FROM json_each(?))',
    ),
    insertPaper: p('INSERT INTO papers (id, title, url, arxiv_id, doi, aliases, citation_count) VALUES (?, ?, ?, ?, ?, ?, ?)'),
    updatePaper: p(
      `UPDATE papers SET title = ?2, url = ?3, arxiv_id = ?4, doi = ?5, aliases = ?6, citation_count = ?7 WHERE id = ?1`,
    ),
    paperRid: p('SELECT rid FROM papers WHERE id = ?'),
    paperNotes: p(
      'SELECT note FROM citations WHERE paper_id = ? AND note IS NOT NULL ORDER BY episode_id, position LIMIT ?',
    ),
    deletePaper: p('DELETE FROM papers WHERE id = ? RETURNING rid'),
    insertAlias: p('INSERT OR IGNORE INTO paper_aliases (alias, paper_id) VALUES (?, ?)'),
    insertPaperFts: p('INSERT INTO papers_fts (rowid, title, identifiers, notes) VALUES (?, ?, ?, ?)'),
    deletePaperFts: p('DELETE FROM papers_fts WHERE rowid = ?'),
    insertEpisode: p(
      `INSERT INTO episodes (id, title, published_at, paper_published_at, duration_minutes, summary, takeaways,
         chapters, source_paper_id, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING rid`,
    ),
    updateEpisode: p(
      `UPDATE episodes SET title = ?2, published_at = ?3, paper_published_at = ?4, duration_minutes = ?5,
         summary = ?6, takeaways = ?7, chapters = ?8, source_paper_id = ?9, content_hash = ?10
       WHERE id = ?1 RETURNING rid`,
    ),
    deleteCitations: p('DELETE FROM citations WHERE episode_id = ?'),
    insertCitation: p('INSERT INTO citations (episode_id, position, paper_id, kind, note) VALUES (?, ?, ?, ?, ?)'),
    insertEpisodeFts: p('INSERT INTO episodes_fts (rowid, title, summary, details, notes) VALUES (?, ?, ?, ?, ?)'),
    deleteEpisodeFts: p('DELETE FROM episodes_fts WHERE rowid = ?'),
  };
}
