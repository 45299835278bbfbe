// Everything answered straight from SQLite: records, lookups, lists, full-text search, export.
// Batched lookups pass their ids as one JSON array (json_each), never one query per id.
import type { DatabaseSync, StatementSync } from 'node:sqlite';

import type {
  Citation,
  EpisodeRecord,
  ImportBatch,
  PaperView,
  SearchHit,
} from '../../domain/model.ts';
import { pageWindow } from '../shared/pageWindow.ts';
import { passageLines, transcriptMatch } from '../shared/transcripts.ts';
import type {
  EpisodeListQuery,
  EpisodeSortKey,
  Keyset,
  Page,
  PaperListQuery,
  PaperSortKey,
  PaperWithMetadataTitle,
  ShowListQuery,
  ShowView,
  TranscriptHit,
} from '../store.ts';
import { toFtsQuery } from './ftsQuery.ts';
import {
  type CitationRow,
  EPISODE_COLUMNS,
  type EpisodeRow,
  groupBy,
  PAPER_COLUMNS,
  type PaperRow,
  SHOW_COLUMNS,
  type ShowRow,
  toEpisodeRecord,
  toPaperRecord,
  toPaperView,
  toShowRecord,
} from './rows.ts';
import {
  EPISODE_FTS_WEIGHTS,
  METADATA_ARXIV_KEY,
  METADATA_DOI_KEY,
  METADATA_FTS_WEIGHTS,
  PAPER_FTS_WEIGHTS,
} from './schema.ts';

/** An id list as the one JSON parameter `IN_IDS` reads. */
export const ids = (values: Iterable<string>) => JSON.stringify([...new Set(values)]);
export const IN_IDS = 'IN (SELECT value FROM json_each(?))';
export const NEWEST_FIRST = 'e.published_at IS NULL, e.published_at DESC, e.id';
const MOST_CITED_FIRST = 'p.citation_count DESC, p.id';
// The same orders backwards, for the last items of a keyset window (read in reverse, then flipped).
export const NEWEST_LAST = 'e.published_at IS NULL DESC, e.published_at ASC, e.id DESC';
const MOST_CITED_LAST = 'p.citation_count ASC, p.id DESC';

// Strictly after / before a key in NEWEST_FIRST order (an absent bound is a null id); undated episodes sort last.
export const EPISODE_WINDOW = `(:afterId IS NULL OR CASE WHEN :afterPublished IS NULL THEN e.published_at IS NULL AND e.id > :afterId
    ELSE e.published_at IS NULL OR e.published_at < :afterPublished OR (e.published_at = :afterPublished AND e.id > :afterId) END)
  AND (:beforeId IS NULL OR CASE WHEN :beforePublished IS NULL THEN e.published_at IS NOT NULL OR e.id < :beforeId
    ELSE e.published_at > :beforePublished OR (e.published_at = :beforePublished AND e.id < :beforeId) END)`;
// Strictly after / before a key in MOST_CITED_FIRST order.
const PAPER_WINDOW = `(:afterId IS NULL OR p.citation_count < :afterCount OR (p.citation_count = :afterCount AND p.id > :afterId))
  AND (:beforeId IS NULL OR p.citation_count > :beforeCount OR (p.citation_count = :beforeCount AND p.id < :beforeId))`;

/** The papers a show's episodes cite (its one parameter is the show id). */
const SHOW_PAPER_IDS =
  'SELECT c.paper_id FROM citations c JOIN episodes se ON se.id = c.episode_id WHERE se.show_id = ?';
const SHOW_PAPER_IDS_NAMED =
  'SELECT c.paper_id FROM citations c JOIN episodes se ON se.id = c.episode_id WHERE se.show_id = :show';

/** A row of `transcripts`: a passage (store/shared/transcripts.ts). */
interface TranscriptRow {
  episode_id: string;
  starts: string;
  text: string;
}

export class Reads {
  readonly #sql: ReturnType<typeof prepareReadStatements>;

  constructor(db: DatabaseSync) {
    this.#sql = prepareReadStatements(db);
  }

  episodesByIds(episodeIds: readonly string[]): (EpisodeRecord | null)[] {
    const found = this.#episodes(
      this.#sql.episodesByIds.all(ids(episodeIds)) as unknown as EpisodeRow[],
    );
    return episodeIds.map((id) => found.get(id) ?? null);
  }

  /** Papers of the graph, or known only as another paper's reference (cited by none). */
  papersByIds(paperIds: readonly string[]): (PaperWithMetadataTitle | null)[] {
    const rows = this.#sql.papersByIds.all(ids(paperIds), ids(paperIds)) as unknown as (PaperRow & {
      metadata_title: string | null;
    })[];
    const found = new Map(
      rows.map((row) => [row.id, { ...toPaperView(row), metadataTitle: row.metadata_title }]),
    );
    return paperIds.map((id) => found.get(id) ?? null);
  }

  resolvePaperKeys(keys: readonly string[]): (string | null)[] {
    const rows = this.#sql.resolveKeys.all(ids(keys)) as { key: string; paper_id: string | null }[];
    const found = new Map(rows.map((row) => [row.key, row.paper_id]));
    return keys.map((key) => found.get(key) ?? null);
  }

  /**
   * One paper's citations by the given episodes (`episodeIds` newest first, as the store contract
   * orders them), in the contract's order: source citations first, then by that episode order.
   */
  citationsOfPaperBy(paperId: string, episodeIds: readonly string[]): Citation[] {
    if (episodeIds.length === 0) return [];
    const rank = new Map(episodeIds.map((id, i) => [id, i]));
    const rows = this.#sql.citationsOfPaperBy.all(
      paperId,
      ids(episodeIds),
    ) as unknown as CitationRow[];
    const sourceFirst = (row: CitationRow) => (row.kind === 'SOURCE' ? 0 : 1);
    rows.sort(
      (a, b) =>
        sourceFirst(a) - sourceFirst(b) ||
        rank.get(a.episode_id)! - rank.get(b.episode_id)! ||
        a.position - b.position,
    );
    return rows.map(toCitation);
  }

  listEpisodes(query: EpisodeListQuery): Page<EpisodeRecord> {
    if (query.keyset !== undefined)
      return this.#episodeKeysetPage(query.keyset, pageWindow(query).limit, query.show ?? null);
    const { offset, limit } = pageWindow(query);
    const match = query.search === undefined ? null : toFtsQuery(query.search);
    const sql = this.#sql;
    const show = query.show;
    const [rows, totalCount] =
      show !== undefined
        ? match === null
          ? [sql.showEpisodePage.all(show, limit, offset), count(sql.showEpisodeCount.get(show))]
          : [
              sql.showEpisodeSearchPage.all(match, show, limit, offset),
              count(sql.showEpisodeSearchCount.get(match, show)),
            ]
        : match === null
          ? [sql.episodePage.all(limit, offset), count(sql.episodeCount.get())]
          : [
              sql.episodeSearchPage.all(match, limit, offset),
              count(sql.episodeSearchCount.get(match)),
            ];
    const typed = rows as unknown as EpisodeRow[];
    const found = this.#episodes(typed);
    return { items: typed.map((row) => found.get(row.id)!), totalCount };
  }

  listPapers(query: PaperListQuery): Page<PaperView> {
    if (query.show !== undefined) return this.#showPapers(query, query.show);
    const minCitations = query.minCitations ?? 0;
    if (query.keyset !== undefined)
      return this.#paperKeysetPage(query.keyset, minCitations, pageWindow(query).limit);
    const { offset, limit } = pageWindow(query);
    const match = query.search === undefined ? null : toFtsQuery(query.search);
    const [rows, totalCount] =
      match === null
        ? [
            this.#sql.paperPage.all(minCitations, limit, offset),
            count(this.#sql.paperCount.get(minCitations)),
          ]
        : [
            this.#sql.paperSearchPage.all(match, minCitations, limit, offset),
            count(this.#sql.paperSearchCount.get(match, minCitations)),
          ];
    return { items: (rows as unknown as PaperRow[]).map(toPaperView), totalCount };
  }

  /**
   * Best `limit` of each kind (papers of the graph, and papers known only as a reference by their
   * metadata's text), then merged by score (desc), episodes before papers on ties, then id.
   */
  search(text: string, limit: number, show?: string): SearchHit[] {
    const match = toFtsQuery(text);
    if (match === null || limit <= 0) return [];
    const toHits = (kind: SearchHit['kind'], rows: unknown[]) =>
      (rows as { id: string; score: number }[]).map((row) => ({
        kind,
        id: row.id,
        score: row.score,
      }));
    const sql = this.#sql;
    // Papers known only as a reference are cited by no episode, so no show's.
    const hits =
      show === undefined
        ? [
            ...toHits('EPISODE', sql.searchEpisodes.all(match, limit)),
            ...toHits('PAPER', sql.searchPapers.all(match, limit)),
            ...toHits('PAPER', sql.searchReferenceOnly.all(match, limit)),
          ]
        : [
            ...toHits('EPISODE', sql.searchShowEpisodes.all(match, show, limit)),
            ...toHits('PAPER', sql.searchShowPapers.all(match, show, limit)),
          ];
    hits.sort((a, b) => b.score - a.score || compare(a.kind, b.kind) || compare(a.id, b.id));
    return hits.slice(0, limit);
  }

  /** Each episode's best passage (bm25), the best `limit` episodes; the excerpt from that passage. */
  searchTranscripts(text: string, limit: number, show?: string): TranscriptHit[] {
    const match = toFtsQuery(text);
    if (match === null || limit <= 0) return [];
    const rows = this.#sql.searchTranscripts.all({ match, show: show ?? null, limit }) as {
      episode_id: string;
      score: number;
      starts: string;
      text: string;
    }[];
    return rows.map((row) => ({
      episodeId: row.episode_id,
      score: row.score,
      ...transcriptMatch(text, { startsJson: row.starts, text: row.text }),
    }));
  }

  showsByIds(showIds: readonly string[]): (ShowView | null)[] {
    const rows = this.#sql.showsByIds.all(ids(showIds)) as unknown as (ShowRow & { n: number })[];
    const found = new Map(rows.map((row) => [row.id, toShowView(row)]));
    return showIds.map((id) => found.get(id) ?? null);
  }

  /** A show's episode ids, newest first, read as they are drawn. */
  *episodeIdsOfShow(show: string): Generator<string> {
    for (const row of this.#sql.showEpisodeIds.iterate(show) as Iterable<{ id: string }>)
      yield row.id;
  }

  listShows(query: ShowListQuery): Page<ShowView> {
    const { offset, limit } = pageWindow(query);
    if (query.titleContains !== undefined) {
      // SQLite's lower() folds ASCII only; a title in another script is folded here instead.
      const wanted = query.titleContains.toLowerCase();
      const titles = this.#sql.showTitles.all() as unknown as { id: string; title: string }[];
      const matching = titles.filter((row) => row.title.toLowerCase().includes(wanted));
      const page = this.showsByIds(matching.slice(offset, offset + limit).map((row) => row.id));
      return { items: page.filter((show) => show !== null), totalCount: matching.length };
    }
    const rows = this.#sql.showPage.all(limit, offset) as unknown as (ShowRow & { n: number })[];
    return { items: rows.map(toShowView), totalCount: count(this.#sql.showCount.get()) };
  }

  /**
   * Everything stored, as a batch; with `transcripts`, each transcript too (the export), without
   * them for the relations' corpus, which never reads them.
   */
  exportBatch({ transcripts }: { transcripts: boolean }): ImportBatch {
    const citations = groupBy(
      this.#sql.allCitations.all() as unknown as CitationRow[],
      (c) => c.episode_id,
    );
    const passages = groupBy(
      transcripts ? (this.#sql.allTranscripts.all() as unknown as TranscriptRow[]) : [],
      (t) => t.episode_id,
    );
    const episodes = (this.#sql.allEpisodes.all() as unknown as EpisodeRow[]).map((row) => {
      const record = toEpisodeRecord(row, citations.get(row.id) ?? []);
      // An episode without a transcript exports none: its import then keeps what a store holds.
      const transcript = (passages.get(row.id) ?? []).flatMap((t) =>
        passageLines({ startsJson: t.starts, text: t.text }),
      );
      return transcript.length === 0 ? record : { ...record, transcript };
    });
    const papers = (this.#sql.allPapers.all() as unknown as PaperRow[]).map(toPaperRecord);
    const shows = (this.#sql.allShows.all() as unknown as ShowRow[]).map(toShowRecord);
    return { episodes, papers, ...(shows.length === 0 ? {} : { shows }) };
  }

  #episodeKeysetPage(
    keyset: Keyset<EpisodeSortKey>,
    limit: number,
    show: string | null,
  ): Page<EpisodeRecord> {
    const bounds = {
      ...(show === null ? {} : { show }),
      afterId: keyset.after?.id ?? null,
      afterPublished: keyset.after?.publishedAt ?? null,
      beforeId: keyset.before?.id ?? null,
      beforePublished: keyset.before?.publishedAt ?? null,
      limit,
    };
    const sql = this.#sql;
    const statement =
      show === null
        ? keyset.fromEnd
          ? sql.episodeWindowFromEnd
          : sql.episodeWindow
        : keyset.fromEnd
          ? sql.showEpisodeWindowFromEnd
          : sql.showEpisodeWindow;
    const rows = inListOrder(statement.all(bounds) as unknown as EpisodeRow[], keyset);
    const found = this.#episodes(rows);
    return {
      items: rows.map((row) => found.get(row.id)!),
      totalCount: count(show === null ? sql.episodeCount.get() : sql.showEpisodeCount.get(show)),
    };
  }

  /** Papers the show's episodes cite, most cited first; by keyset or offset, or by relevance with search. */
  #showPapers(query: PaperListQuery, show: string): Page<PaperView> {
    const sql = this.#sql;
    const minCitations = query.minCitations ?? 0;
    const { offset, limit } = pageWindow(query);
    const totalCount = count(sql.showPaperCount.get(show, minCitations));
    if (query.keyset !== undefined) {
      const { keyset } = query;
      const bounds = { show, ...paperWindowBounds(keyset, minCitations, limit) };
      const statement = keyset.fromEnd ? sql.showPaperWindowFromEnd : sql.showPaperWindow;
      const rows = inListOrder(statement.all(bounds) as unknown as PaperRow[], keyset);
      return { items: rows.map(toPaperView), totalCount };
    }
    const match = query.search === undefined ? null : toFtsQuery(query.search);
    if (match === null) {
      const rows = sql.showPaperPage.all(show, minCitations, limit, offset);
      return { items: (rows as unknown as PaperRow[]).map(toPaperView), totalCount };
    }
    const rows = sql.showPaperSearchPage.all(match, show, minCitations, limit, offset);
    return {
      items: (rows as unknown as PaperRow[]).map(toPaperView),
      totalCount: count(sql.showPaperSearchCount.get(match, show, minCitations)),
    };
  }

  #paperKeysetPage(
    keyset: Keyset<PaperSortKey>,
    minCitations: number,
    limit: number,
  ): Page<PaperView> {
    const bounds = paperWindowBounds(keyset, minCitations, limit);
    const statement = keyset.fromEnd ? this.#sql.paperWindowFromEnd : this.#sql.paperWindow;
    const rows = inListOrder(statement.all(bounds) as unknown as PaperRow[], keyset);
    return {
      items: rows.map(toPaperView),
      totalCount: count(this.#sql.paperCount.get(minCitations)),
    };
  }

  #episodes(rows: readonly EpisodeRow[]): Map<string, EpisodeRecord> {
    if (rows.length === 0) return new Map();
    const citations = groupBy(
      this.#sql.citationsOfEpisodes.all(ids(rows.map((row) => row.id))) as unknown as CitationRow[],
      (c) => c.episode_id,
    );
    return new Map(rows.map((row) => [row.id, toEpisodeRecord(row, citations.get(row.id) ?? [])]));
  }
}

function toShowView(row: ShowRow & { n: number }): ShowView {
  return { ...toShowRecord(row), episodeCount: row.n };
}

function toCitation(row: CitationRow): Citation {
  return {
    episodeId: row.episode_id,
    paperId: row.paper_id,
    kind: row.kind,
    note: row.note,
    position: row.position,
    ...(row.discussed_at === null ? {} : { discussedAt: row.discussed_at }),
  };
}

/** Rows read backwards for `fromEnd`, put back in list order. */
function inListOrder<T>(rows: T[], keyset: Keyset<unknown>): T[] {
  return keyset.fromEnd ? rows.reverse() : rows;
}

function count(row: unknown): number {
  return (row as { n: number }).n;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function prepareReadStatements(db: DatabaseSync) {
  const p = (sql: string): StatementSync => db.prepare(sql);
  const citationColumns = 'c.episode_id, c.paper_id, c.kind, c.note, c.position, c.discussed_at';
  return {
    episodesByIds: p(`SELECT ${EPISODE_COLUMNS} FROM episodes e WHERE e.id ${IN_IDS}`),
    citationsOfEpisodes: p(
      `SELECT ${citationColumns} FROM citations c WHERE c.episode_id ${IN_IDS} ORDER BY c.episode_id, c.position`,
    ),
    // Papers of the graph, then those known only from metadata (another paper's reference), uncited.
    papersByIds: p(
      `SELECT ${PAPER_COLUMNS}, (SELECT title FROM paper_metadata WHERE paper_id = p.id) AS metadata_title
       FROM papers p WHERE p.id ${IN_IDS}
       UNION ALL
       SELECT m.paper_id, m.title, m.url, m.arxiv_id, m.doi, json_array(m.paper_id), 0, m.title FROM paper_metadata m
       WHERE m.paper_id ${IN_IDS} AND NOT EXISTS (SELECT 1 FROM papers WHERE id = m.paper_id)`,
    ),
    // An exact id wins over an alias, an alias over a paper known only from metadata, which is found by
    // its id, then by the arXiv id or DOI its metadata gives; among several the smallest id.
    resolveKeys: p(
      `SELECT k.value AS key, COALESCE(
         (SELECT id FROM papers WHERE id = k.value),
         (SELECT paper_id FROM paper_aliases WHERE alias = k.value ORDER BY paper_id LIMIT 1),
         (SELECT paper_id FROM paper_metadata WHERE paper_id = k.value),
         (SELECT paper_id FROM paper_metadata WHERE ${METADATA_ARXIV_KEY} = k.value ORDER BY paper_id LIMIT 1),
         (SELECT paper_id FROM paper_metadata WHERE ${METADATA_DOI_KEY} = k.value ORDER BY paper_id LIMIT 1)) AS paper_id
       FROM json_each(?) k`,
    ),
    citationsOfPaperBy: p(
      `SELECT ${citationColumns} FROM citations c WHERE c.paper_id = ? AND c.episode_id ${IN_IDS}`,
    ),
    episodePage: p(
      `SELECT ${EPISODE_COLUMNS} FROM episodes e ORDER BY ${NEWEST_FIRST} LIMIT ? OFFSET ?`,
    ),
    episodeCount: p('SELECT count(*) AS n FROM episodes'),
    episodeWindow: p(
      `SELECT ${EPISODE_COLUMNS} FROM episodes e WHERE ${EPISODE_WINDOW} ORDER BY ${NEWEST_FIRST} LIMIT :limit`,
    ),
    episodeWindowFromEnd: p(
      `SELECT ${EPISODE_COLUMNS} FROM episodes e WHERE ${EPISODE_WINDOW} ORDER BY ${NEWEST_LAST} LIMIT :limit`,
    ),
    episodeSearchPage: p(
      `SELECT ${EPISODE_COLUMNS} FROM episodes_fts JOIN episodes e ON e.rid = episodes_fts.rowid
       WHERE episodes_fts MATCH ? ORDER BY bm25(episodes_fts, ${EPISODE_FTS_WEIGHTS}), e.id LIMIT ? OFFSET ?`,
    ),
    episodeSearchCount: p('SELECT count(*) AS n FROM episodes_fts WHERE episodes_fts MATCH ?'),
    paperPage: p(
      `SELECT ${PAPER_COLUMNS} FROM papers p WHERE p.citation_count >= ? ORDER BY ${MOST_CITED_FIRST} LIMIT ? OFFSET ?`,
    ),
    paperCount: p('SELECT count(*) AS n FROM papers WHERE citation_count >= ?'),
    paperWindow: p(
      `SELECT ${PAPER_COLUMNS} FROM papers p WHERE p.citation_count >= :minCitations AND ${PAPER_WINDOW} ORDER BY ${MOST_CITED_FIRST} LIMIT :limit`,
    ),
    paperWindowFromEnd: p(
      `SELECT ${PAPER_COLUMNS} FROM papers p WHERE p.citation_count >= :minCitations AND ${PAPER_WINDOW} ORDER BY ${MOST_CITED_LAST} LIMIT :limit`,
    ),
    paperSearchPage: p(
      `SELECT ${PAPER_COLUMNS} FROM papers_fts JOIN papers p ON p.rid = papers_fts.rowid
       WHERE papers_fts MATCH ? AND p.citation_count >= ?
       ORDER BY bm25(papers_fts, ${PAPER_FTS_WEIGHTS}), p.id LIMIT ? OFFSET ?`,
    ),
    paperSearchCount: p(
      `SELECT count(*) AS n FROM papers_fts JOIN papers p ON p.rid = papers_fts.rowid
       WHERE papers_fts MATCH ? AND p.citation_count >= ?`,
    ),
    // bm25 is lower-is-better; hits report higher-is-better.
    searchEpisodes: p(
      `SELECT e.id, -bm25(episodes_fts, ${EPISODE_FTS_WEIGHTS}) AS score FROM episodes_fts JOIN episodes e ON e.rid = episodes_fts.rowid
       WHERE episodes_fts MATCH ? ORDER BY score DESC, e.id LIMIT ?`,
    ),
    searchPapers: p(
      `SELECT p.id, -bm25(papers_fts, ${PAPER_FTS_WEIGHTS}) AS score FROM papers_fts JOIN papers p ON p.rid = papers_fts.rowid
       WHERE papers_fts MATCH ? ORDER BY score DESC, p.id LIMIT ?`,
    ),
    searchReferenceOnly: p(
      `SELECT m.paper_id AS id, -bm25(paper_metadata_fts, ${METADATA_FTS_WEIGHTS}) AS score
       FROM paper_metadata_fts JOIN paper_metadata m ON m.paper_id = paper_metadata_fts.paper_id
       WHERE paper_metadata_fts MATCH ? AND NOT EXISTS (SELECT 1 FROM papers WHERE id = m.paper_id)
       ORDER BY score DESC, m.paper_id LIMIT ?`,
    ),
    // SQLite takes a bare column of a max() aggregate from the row with the maximum: the best passage.
    // (bm25 is computed in its own step: SQLite refuses it inside a flattened aggregate.)
    // With :show, only that show's episodes (the full-text match picks the rows either way).
    searchTranscripts: p(
      `WITH passages AS MATERIALIZED (
         SELECT t.episode_id, -bm25(transcripts_fts) AS score, t.starts, t.text
         FROM transcripts_fts JOIN transcripts t ON t.rid = transcripts_fts.rowid
         WHERE transcripts_fts MATCH :match
           AND (:show IS NULL OR EXISTS (
             SELECT 1 FROM episodes e WHERE e.id = t.episode_id AND e.show_id = :show)))
       SELECT episode_id, max(score) AS score, starts, text FROM passages
       GROUP BY episode_id ORDER BY score DESC, episode_id LIMIT :limit`,
    ),
    allEpisodes: p(`SELECT ${EPISODE_COLUMNS} FROM episodes e ORDER BY e.id`),
    allCitations: p(`SELECT ${citationColumns} FROM citations c ORDER BY c.episode_id, c.position`),
    allTranscripts: p(
      'SELECT episode_id, starts, text FROM transcripts ORDER BY episode_id, position',
    ),
    allPapers: p(`SELECT ${PAPER_COLUMNS} FROM papers p ORDER BY p.id`),
    allShows: p(`SELECT ${SHOW_COLUMNS} FROM shows s ORDER BY s.id`),
    showsByIds: p(
      `SELECT ${SHOW_COLUMNS}, (SELECT count(*) FROM episodes e WHERE e.show_id = s.id) AS n
       FROM shows s WHERE s.id ${IN_IDS}`,
    ),
    showPage: p(
      `SELECT ${SHOW_COLUMNS}, (SELECT count(*) FROM episodes e WHERE e.show_id = s.id) AS n
       FROM shows s ORDER BY s.title, s.id LIMIT ? OFFSET ?`,
    ),
    showCount: p('SELECT count(*) AS n FROM shows'),
    showTitles: p('SELECT s.id, s.title FROM shows s ORDER BY s.title, s.id'),
    showEpisodeIds: p(`SELECT e.id FROM episodes e WHERE e.show_id = ? ORDER BY ${NEWEST_FIRST}`),
    showEpisodePage: p(
      `SELECT ${EPISODE_COLUMNS} FROM episodes e WHERE e.show_id = ? ORDER BY ${NEWEST_FIRST} LIMIT ? OFFSET ?`,
    ),
    showEpisodeCount: p('SELECT count(*) AS n FROM episodes WHERE show_id = ?'),
    showEpisodeWindow: p(
      `SELECT ${EPISODE_COLUMNS} FROM episodes e WHERE e.show_id = :show AND ${EPISODE_WINDOW}
       ORDER BY ${NEWEST_FIRST} LIMIT :limit`,
    ),
    showEpisodeWindowFromEnd: p(
      `SELECT ${EPISODE_COLUMNS} FROM episodes e WHERE e.show_id = :show AND ${EPISODE_WINDOW}
       ORDER BY ${NEWEST_LAST} LIMIT :limit`,
    ),
    showEpisodeSearchPage: p(
      `SELECT ${EPISODE_COLUMNS} FROM episodes_fts JOIN episodes e ON e.rid = episodes_fts.rowid
       WHERE episodes_fts MATCH ? AND e.show_id = ?
       ORDER BY bm25(episodes_fts, ${EPISODE_FTS_WEIGHTS}), e.id LIMIT ? OFFSET ?`,
    ),
    showEpisodeSearchCount: p(
      `SELECT count(*) AS n FROM episodes_fts JOIN episodes e ON e.rid = episodes_fts.rowid
       WHERE episodes_fts MATCH ? AND e.show_id = ?`,
    ),
    showPaperPage: p(
      `SELECT ${PAPER_COLUMNS} FROM papers p WHERE p.id IN (${SHOW_PAPER_IDS}) AND p.citation_count >= ?
       ORDER BY ${MOST_CITED_FIRST} LIMIT ? OFFSET ?`,
    ),
    showPaperCount: p(
      `SELECT count(*) AS n FROM papers p WHERE p.id IN (${SHOW_PAPER_IDS}) AND p.citation_count >= ?`,
    ),
    showPaperWindow: p(
      `SELECT ${PAPER_COLUMNS} FROM papers p WHERE p.id IN (${SHOW_PAPER_IDS_NAMED})
         AND p.citation_count >= :minCitations AND ${PAPER_WINDOW}
       ORDER BY ${MOST_CITED_FIRST} LIMIT :limit`,
    ),
    showPaperWindowFromEnd: p(
      `SELECT ${PAPER_COLUMNS} FROM papers p WHERE p.id IN (${SHOW_PAPER_IDS_NAMED})
         AND p.citation_count >= :minCitations AND ${PAPER_WINDOW}
       ORDER BY ${MOST_CITED_LAST} LIMIT :limit`,
    ),
    showPaperSearchPage: p(
      `SELECT ${PAPER_COLUMNS} FROM papers_fts JOIN papers p ON p.rid = papers_fts.rowid
       WHERE papers_fts MATCH ? AND p.id IN (${SHOW_PAPER_IDS}) AND p.citation_count >= ?
       ORDER BY bm25(papers_fts, ${PAPER_FTS_WEIGHTS}), p.id LIMIT ? OFFSET ?`,
    ),
    showPaperSearchCount: p(
      `SELECT count(*) AS n FROM papers_fts JOIN papers p ON p.rid = papers_fts.rowid
       WHERE papers_fts MATCH ? AND p.id IN (${SHOW_PAPER_IDS}) AND p.citation_count >= ?`,
    ),
    searchShowEpisodes: p(
      `SELECT e.id, -bm25(episodes_fts, ${EPISODE_FTS_WEIGHTS}) AS score FROM episodes_fts JOIN episodes e ON e.rid = episodes_fts.rowid
       WHERE episodes_fts MATCH ? AND e.show_id = ? ORDER BY score DESC, e.id LIMIT ?`,
    ),
    searchShowPapers: p(
      `SELECT p.id, -bm25(papers_fts, ${PAPER_FTS_WEIGHTS}) AS score FROM papers_fts JOIN papers p ON p.rid = papers_fts.rowid
       WHERE papers_fts MATCH ? AND p.id IN (${SHOW_PAPER_IDS}) ORDER BY score DESC, p.id LIMIT ?`,
    ),
  };
}

/** The named parameters of a most-cited window's keyset statements. */
function paperWindowBounds(keyset: Keyset<PaperSortKey>, minCitations: number, limit: number) {
  return {
    afterId: keyset.after?.id ?? null,
    afterCount: keyset.after?.citationCount ?? null,
    beforeId: keyset.before?.id ?? null,
    beforeCount: keyset.before?.citationCount ?? null,
    minCitations,
    limit,
  };
}
