// Withdrawing an episode: its row, citations, transcript and search rows go in one transaction, with every paper
// only it cited; the papers it shared with other episodes lose one citer and get their search row
// rebuilt (their notes may have come from it). Memory follows only after COMMIT, like an import.
import type { DatabaseSync, StatementSync } from 'node:sqlite';

import { PAPER_SEARCH_NOTES } from '../shared/searchNotes.ts';
import { graphChangedAtStamp } from './graphChangedAt.ts';
import { graphVersionBump } from './graphVersion.ts';
import type { MemoryState } from './memoryGraph.ts';
import { PeopleWriter } from './people.ts';
import { paperIdentifiersText, type PaperRow, toPaperRecord } from './rows.ts';

export interface EpisodeRemoval {
  episodeId: string;
  removedPaperIds: string[];
  citationRows: number;
}

export class EpisodeRemover {
  readonly #db: DatabaseSync;
  readonly #sql: Record<string, StatementSync>;
  readonly #bumpGraphVersion: () => void;
  readonly #stampChangedAt: () => void;
  readonly #people: PeopleWriter;

  constructor(writer: DatabaseSync) {
    this.#db = writer;
    this.#people = new PeopleWriter(writer);
    this.#bumpGraphVersion = graphVersionBump(writer);
    this.#stampChangedAt = graphChangedAtStamp(writer);
    const p = (sql: string) => writer.prepare(sql);
    this.#sql = {
      episode: p('SELECT rid FROM episodes WHERE id = ?'),
      citedPapers: p(
        'SELECT paper_id, count(*) AS rows FROM citations WHERE episode_id = ? GROUP BY paper_id',
      ),
      deleteEpisodeFts: p('DELETE FROM episodes_fts WHERE rowid = ?'),
      deleteTranscriptFts: p(
        'DELETE FROM transcripts_fts WHERE rowid IN (SELECT rid FROM transcripts WHERE episode_id = ?)',
      ),
      // Citations, transcript passages and links to people go with the episode (ON DELETE CASCADE).
      deleteEpisode: p('DELETE FROM episodes WHERE id = ?'),
      uncite: p(
        'UPDATE papers SET citation_count = citation_count - 1 WHERE id = ? RETURNING rid, id, title, url, arxiv_id, doi, aliases, citation_count',
      ),
      deletePaper: p('DELETE FROM papers WHERE id = ?'),
      deletePaperFts: p('DELETE FROM papers_fts WHERE rowid = ?'),
      paperNotes: p(
        'SELECT note FROM citations WHERE paper_id = ? AND note IS NOT NULL ORDER BY episode_id, position LIMIT ?',
      ),
      insertPaperFts: p(
        'INSERT INTO papers_fts (rowid, title, identifiers, notes) VALUES (?, ?, ?, ?)',
      ),
    };
  }

  /**
   * null when there is no such episode. `beforeCommit` runs inside the transaction, after the
   * removal's writes. Throws with nothing written if any statement or `beforeCommit` fails.
   */
  async remove(
    episodeId: string,
    beforeCommit: () => Promise<void>,
  ): Promise<EpisodeRemoval | null> {
    const sql = this.#sql;
    const episode = sql.episode!.get(episodeId) as { rid: number } | undefined;
    if (!episode) return null;
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const cited = sql.citedPapers!.all(episodeId) as { paper_id: string; rows: number }[];
      sql.deleteEpisodeFts!.run(episode.rid);
      sql.deleteTranscriptFts!.run(episodeId);
      const named = this.#people.named(episodeId);
      sql.deleteEpisode!.run(episodeId);
      this.#people.dropUnnamed(named);
      const removedPaperIds: string[] = [];
      for (const { paper_id: paperId } of cited) {
        const row = sql.uncite!.get(paperId) as (PaperRow & { rid: number }) | undefined;
        if (!row) continue;
        sql.deletePaperFts!.run(row.rid);
        if (row.citation_count === 0) {
          sql.deletePaper!.run(paperId);
          removedPaperIds.push(paperId);
          continue;
        }
        const record = toPaperRecord(row);
        const notes = (sql.paperNotes!.all(paperId, PAPER_SEARCH_NOTES) as { note: string }[]).map(
          (r) => r.note,
        );
        sql.insertPaperFts!.run(
          row.rid,
          record.title,
          paperIdentifiersText(record),
          notes.join('\n'),
        );
      }
      this.#bumpGraphVersion();
      this.#stampChangedAt();
      await beforeCommit();
      this.#db.exec('COMMIT');
      return { episodeId, removedPaperIds, citationRows: cited.reduce((n, c) => n + c.rows, 0) };
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
  }
}

/** The removal, mirrored in memory (after COMMIT; touches memory only and cannot fail). */
export function applyEpisodeRemoval(state: MemoryState, removal: EpisodeRemoval): void {
  const { graph } = state;
  graph.setEpisodeEdges(graph.indexOf(removal.episodeId), []);
  graph.removeNode(removal.episodeId);
  for (const paperId of removal.removedPaperIds) graph.removeNode(paperId);
  state.episodeCount -= 1;
  state.paperCount -= removal.removedPaperIds.length;
  state.citationCount -= removal.citationRows;
}
