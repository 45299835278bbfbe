// Paper metadata and references in the embedded store: two tables beside the graph's, created on open
// (CREATE … IF NOT EXISTS migrates an existing DATA_DIR without touching its other tables). Metadata
// is keyed by paper id without a foreign key, so it outlives a paper a re-import drops and comes back with it.
import type { DatabaseSync, StatementSync } from 'node:sqlite';

import {
  type EnrichmentCandidate,
  type EnrichmentCounts,
  type MetadataEntry,
  type StoredMetadata,
  urlOfPaperKey,
} from '../../domain/metadata.ts';
import type {
  EnrichmentQuery,
  MetadataFilter,
  MetadataHit,
  MetadataPageQuery,
} from '../metadataStore.ts';
import { pageWindow } from '../shared/pageWindow.ts';
import type { Page } from '../store.ts';
import { toFtsQuery } from './ftsQuery.ts';
import { ids, IN_IDS, NEWEST_FIRST } from './reads.ts';
import { METADATA_ARXIV_KEY, METADATA_DOI_KEY, METADATA_FTS_WEIGHTS } from './schema.ts';

const METADATA_SCHEMA = `
CREATE TABLE IF NOT EXISTS paper_metadata (
  paper_id TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  found INTEGER NOT NULL CHECK (found IN (0, 1)),
  fetched_at TEXT,                            -- null: known only as another paper's reference
  title TEXT,
  authors TEXT NOT NULL,                      -- JSON array of names
  year INTEGER,
  venue TEXT,
  abstract TEXT,
  topics TEXT NOT NULL,                       -- JSON array
  arxiv_id TEXT,
  doi TEXT,
  published_at TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS paper_references (
  citing_id TEXT NOT NULL,
  position INTEGER NOT NULL CHECK (position >= 0),
  cited_id TEXT NOT NULL,
  PRIMARY KEY (citing_id, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS paper_references_by_cited ON paper_references (cited_id, citing_id);
CREATE INDEX IF NOT EXISTS paper_metadata_by_arxiv_key ON paper_metadata (${METADATA_ARXIV_KEY});
CREATE INDEX IF NOT EXISTS paper_metadata_by_doi_key ON paper_metadata (${METADATA_DOI_KEY});
`;

/** Search side of paper_metadata: its own text copy, keyed by the UNINDEXED paper id. */
const METADATA_FTS = `CREATE VIRTUAL TABLE paper_metadata_fts USING fts5 (
  paper_id UNINDEXED, title, authors, abstract, tokenize='porter unicode61 remove_diacritics 2'
);
INSERT INTO paper_metadata_fts (paper_id, title, authors, abstract)
  SELECT paper_id, title, (SELECT group_concat(value, ', ') FROM json_each(authors)), abstract FROM paper_metadata;`;

interface MetadataRow {
  paper_id: string;
  url: string;
  found: number;
  fetched_at: string | null;
  title: string | null;
  authors: string;
  year: number | null;
  venue: string | null;
  abstract: string | null;
  topics: string;
  arxiv_id: string | null;
  doi: string | null;
  published_at: string | null;
}

function ensureMetadataSchema(db: DatabaseSync): void {
  db.exec(METADATA_SCHEMA);
  const fts = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'paper_metadata_fts'").get();
  // Created with what is already stored, in one transaction, the first time a DATA_DIR opens with it.
  if (fts === undefined) {
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(METADATA_FTS);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
  // Papers known only as a reference are searched by title too; a DATA_DIR from before that gets their text once.
  db.exec(`INSERT INTO paper_metadata_fts (paper_id, title, authors, abstract)
    SELECT paper_id, title, '', NULL FROM paper_metadata
    WHERE fetched_at IS NULL AND paper_id NOT IN (SELECT paper_id FROM paper_metadata_fts)`);
}

function toStoredMetadata(row: MetadataRow): StoredMetadata {
  return {
    paperId: row.paper_id,
    url: row.url,
    found: row.found === 1,
    fetchedAt: row.fetched_at,
    title: row.title,
    authors: (JSON.parse(row.authors) as string[]).map((name) => ({ name })),
    year: row.year,
    venue: row.venue,
    abstract: row.abstract,
    topics: JSON.parse(row.topics) as string[],
    arxivId: row.arxiv_id,
    doi: row.doi,
    publishedAt: row.published_at,
  };
}

function grouped(
  rows: { paper_id: string; other_id: string }[],
  order: readonly string[],
  limit: number,
): string[][] {
  const byPaper = new Map<string, string[]>();
  for (const row of rows) {
    const list = byPaper.get(row.paper_id) ?? [];
    if (list.length < limit) list.push(row.other_id);
    byPaper.set(row.paper_id, list);
  }
  return order.map((id) => byPaper.get(id) ?? []);
}

/** Reads on the query connection, writes on the import connection (callers serialise them with imports). */
export class MetadataTables {
  readonly #read: ReturnType<typeof prepareReads>;
  readonly #write: ReturnType<typeof prepareWrites>;
  readonly #writer: DatabaseSync;

  constructor(reader: DatabaseSync, writer: DatabaseSync) {
    ensureMetadataSchema(writer);
    this.#writer = writer;
    this.#read = prepareReads(reader);
    this.#write = prepareWrites(writer);
  }

  papersToEnrich(query: EnrichmentQuery): EnrichmentCandidate[] {
    const rows = this.#read.toEnrich.all(query.staleBefore, query.afterId ?? '', query.limit) as {
      id: string;
      arxiv_id: string | null;
      doi: string | null;
    }[];
    return rows.map((row) => ({ id: row.id, arxivId: row.arxiv_id, doi: row.doi }));
  }

  enrichmentCounts(staleBefore: string): EnrichmentCounts {
    const row = this.#read.counts.get(staleBefore) as { papers: number; done: number };
    return { pending: row.papers - row.done, done: row.done };
  }

  /**
   * One transaction; the caller runs it in the import queue, so it never interleaves with an import.
   * `beforeCommit` runs inside it, after the metadata's writes.
   */
  async save(entries: readonly MetadataEntry[], beforeCommit: () => Promise<void>): Promise<void> {
    const w = this.#write;
    this.#writer.exec('BEGIN IMMEDIATE');
    try {
      // One pass over the search table: paper_id is UNINDEXED there, so a delete per entry scans it each time.
      const entryIds = new Set(entries.map((entry) => entry.paperId));
      const targetIds = new Set(
        entries.flatMap((entry) => entry.references.map((target) => target.id)),
      );
      w.dropSearchText.run(ids([...entryIds, ...targetIds]));
      for (const entry of entries) {
        const m = entry.metadata;
        w.upsert.run(
          entry.paperId,
          urlOfPaperKey(entry.paperId), // used only when the paper is no longer stored
          m === null ? 0 : 1,
          entry.fetchedAt,
          m?.title ?? null,
          JSON.stringify((m?.authors ?? []).map((a) => a.name)),
          m?.year ?? null,
          m?.venue ?? null,
          m?.abstract ?? null,
          JSON.stringify(m?.topics ?? []),
          m?.arxivId ?? null,
          m?.doi ?? null,
          m?.publishedAt ?? null,
        );
        w.searchText.run(
          entry.paperId,
          m?.title ?? null,
          (m?.authors ?? []).map((a) => a.name).join(', '),
          m?.abstract ?? null,
        );
        w.dropReferences.run(entry.paperId);
        entry.references.forEach((target, position) => {
          w.referenceTarget.run(target.id, target.url, target.title, target.arxivId, target.doi);
          w.reference.run(entry.paperId, position, target.id);
        });
      }
      // Reference targets' text as stored now (a new target's title, or what a fetch gave it before).
      w.storedSearchText.run(ids([...targetIds].filter((id) => !entryIds.has(id))));
      await beforeCommit();
      this.#writer.exec('COMMIT');
    } catch (error) {
      if (this.#writer.isTransaction) this.#writer.exec('ROLLBACK');
      throw error;
    }
  }

  byPaperIds(paperIds: readonly string[]): (StoredMetadata | null)[] {
    const rows = this.#read.byIds.all(ids(paperIds)) as unknown as MetadataRow[];
    const found = new Map(rows.map((row) => [row.paper_id, toStoredMetadata(row)]));
    return paperIds.map((id) => found.get(id) ?? null);
  }

  references(paperIds: readonly string[], limit: number): string[][] {
    return grouped(
      this.#read.references.all(ids(paperIds)) as { paper_id: string; other_id: string }[],
      paperIds,
      limit,
    );
  }

  referencedBy(paperIds: readonly string[], limit: number): string[][] {
    return grouped(
      this.#read.referencedBy.all(ids(paperIds)) as { paper_id: string; other_id: string }[],
      paperIds,
      limit,
    );
  }

  search(filter: MetadataFilter, limit: number): MetadataHit[] {
    return this.#hits({ ...filter, offset: 0, limit }) ?? [];
  }

  page(query: MetadataPageQuery): Page<MetadataHit> {
    const items = this.#hits(query);
    if (items === null) return { items: [], totalCount: 0 };
    const { match, filters } = bound(query);
    const count =
      match === null
        ? this.#read.filteredCount.get(filters)
        : this.#read.searchedCount.get({ ...filters, match });
    return { items, totalCount: (count as { n: number }).n };
  }

  /** Ids of the episodes whose source paper matches, newest first, and how many match in all. */
  sourcedEpisodes(
    filter: MetadataFilter,
    offset: number,
    limit: number,
  ): { ids: string[]; totalCount: number } {
    const { match, filters, window } = bound({ ...filter, offset, limit });
    if (filter.text !== undefined && match === null) return { ids: [], totalCount: 0 };
    const { author, topic } = filters;
    const [rows, count] =
      match === null
        ? [
            this.#read.sourcedEpisodes.all({ author, topic, ...window }),
            this.#read.sourcedEpisodeCount.get({ author, topic }),
          ]
        : [
            this.#read.sourcedEpisodesSearched.all({ author, topic, match, ...window }),
            this.#read.sourcedEpisodeSearchedCount.get({ author, topic, match }),
          ];
    return {
      ids: (rows as { id: string }[]).map((row) => row.id),
      totalCount: (count as { n: number }).n,
    };
  }

  /** null when `text` holds no searchable word (nothing matches). */
  #hits(query: MetadataPageQuery): MetadataHit[] | null {
    const { match, filters, window } = bound(query);
    if (query.text !== undefined && match === null) return null;
    const rows =
      match === null
        ? this.#read.filtered.all({ ...filters, ...window })
        : this.#read.searched.all({ ...filters, ...window, match });
    return (rows as { paper_id: string; score: number }[]).map(toHit);
  }

  /** The reference edges among these papers, in the provider's order for each citing paper. */
  edgesAmong(paperIds: readonly string[]): { source: string; target: string }[] {
    const list = ids(paperIds);
    return this.#read.edgesAmong.all(list, list) as { source: string; target: string }[];
  }
}

/** A query's named parameters: the full-text match (null without words), the filters, the page. */
function bound(query: MetadataPageQuery) {
  return {
    match: query.text === undefined ? null : toFtsQuery(query.text),
    filters: {
      author: query.author ?? null,
      topic: query.topic ?? null,
      minCitations: query.minCitations ?? 0,
    },
    window: pageWindow(query),
  };
}

const toHit = (row: { paper_id: string; score: number }): MetadataHit => ({
  paperId: row.paper_id,
  score: row.score,
});

/** Author (part of a name) and topic (exactly) filters; NULL parameters match everything. */
const METADATA_FILTERS = `(:author IS NULL OR EXISTS (SELECT 1 FROM json_each(m.authors) WHERE instr(lower(value), lower(:author)) > 0))
      AND (:topic IS NULL OR EXISTS (SELECT 1 FROM json_each(m.topics) WHERE lower(value) = lower(:topic)))`;

/** Papers of the graph (cited at least :minCitations times) whose metadata passes the filters. */
const FILTERED_PAPERS = `FROM paper_metadata m JOIN papers p ON p.id = m.paper_id
      WHERE ${METADATA_FILTERS} AND p.citation_count >= :minCitations`;
const SEARCHED_PAPERS = `FROM paper_metadata_fts JOIN paper_metadata m ON m.paper_id = paper_metadata_fts.paper_id JOIN papers p ON p.id = m.paper_id
      WHERE paper_metadata_fts MATCH :match AND ${METADATA_FILTERS} AND p.citation_count >= :minCitations`;
/** Episodes whose source paper's metadata passes the filters. */
const SOURCED_EPISODES = `FROM episodes e JOIN paper_metadata m ON m.paper_id = e.source_paper_id
      WHERE ${METADATA_FILTERS}`;
const SOURCED_EPISODES_SEARCHED = `${SOURCED_EPISODES}
      AND m.paper_id IN (SELECT paper_id FROM paper_metadata_fts WHERE paper_metadata_fts MATCH :match)`;

function prepareReads(db: DatabaseSync) {
  const p = (sql: string): StatementSync => db.prepare(sql);
  return {
    toEnrich:
      p(`SELECT p.id, p.arxiv_id, p.doi FROM papers p LEFT JOIN paper_metadata m ON m.paper_id = p.id
      WHERE (m.fetched_at IS NULL OR m.fetched_at < ?1) AND p.id > ?2 ORDER BY p.id LIMIT ?3`),
    counts: p(`SELECT count(*) AS papers, count(m.fetched_at >= ?1 OR NULL) AS done
      FROM papers p LEFT JOIN paper_metadata m ON m.paper_id = p.id`),
    byIds: p(`SELECT * FROM paper_metadata WHERE paper_id ${IN_IDS}`),
    filtered: p(`SELECT m.paper_id, p.citation_count AS score ${FILTERED_PAPERS}
      ORDER BY p.citation_count DESC, p.id LIMIT :limit OFFSET :offset`),
    filteredCount: p(`SELECT count(*) AS n ${FILTERED_PAPERS}`),
    searched:
      p(`SELECT m.paper_id, -bm25(paper_metadata_fts, ${METADATA_FTS_WEIGHTS}) AS score ${SEARCHED_PAPERS}
      ORDER BY score DESC, m.paper_id LIMIT :limit OFFSET :offset`),
    searchedCount: p(`SELECT count(*) AS n ${SEARCHED_PAPERS}`),
    sourcedEpisodes: p(
      `SELECT e.id ${SOURCED_EPISODES} ORDER BY ${NEWEST_FIRST} LIMIT :limit OFFSET :offset`,
    ),
    sourcedEpisodeCount: p(`SELECT count(*) AS n ${SOURCED_EPISODES}`),
    sourcedEpisodesSearched: p(
      `SELECT e.id ${SOURCED_EPISODES_SEARCHED} ORDER BY ${NEWEST_FIRST} LIMIT :limit OFFSET :offset`,
    ),
    sourcedEpisodeSearchedCount: p(`SELECT count(*) AS n ${SOURCED_EPISODES_SEARCHED}`),
    references: p(`SELECT citing_id AS paper_id, cited_id AS other_id FROM paper_references
      WHERE citing_id ${IN_IDS} ORDER BY citing_id, position`),
    referencedBy: p(`SELECT r.cited_id AS paper_id, r.citing_id AS other_id FROM paper_references r
      WHERE r.cited_id ${IN_IDS} ORDER BY r.cited_id, r.citing_id`),
    edgesAmong: p(`SELECT citing_id AS source, cited_id AS target FROM paper_references
      WHERE citing_id ${IN_IDS} AND cited_id ${IN_IDS} ORDER BY citing_id, position`),
  };
}

function prepareWrites(db: DatabaseSync) {
  const p = (sql: string): StatementSync => db.prepare(sql);
  return {
    upsert: p(`INSERT INTO paper_metadata
        (paper_id, url, found, fetched_at, title, authors, year, venue, abstract, topics, arxiv_id, doi, published_at)
      VALUES (?1, coalesce((SELECT url FROM papers WHERE id = ?1), ?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
      ON CONFLICT (paper_id) DO UPDATE SET found = excluded.found, fetched_at = excluded.fetched_at,
        title = excluded.title, authors = excluded.authors, year = excluded.year, venue = excluded.venue,
        abstract = excluded.abstract, topics = excluded.topics, arxiv_id = excluded.arxiv_id,
        doi = excluded.doi, published_at = excluded.published_at`),
    dropReferences: p('DELETE FROM paper_references WHERE citing_id = ?'),
    dropSearchText: p(`DELETE FROM paper_metadata_fts WHERE paper_id ${IN_IDS}`),
    searchText: p(
      'INSERT INTO paper_metadata_fts (paper_id, title, authors, abstract) VALUES (?, ?, ?, ?)',
    ),
    storedSearchText: p(`INSERT INTO paper_metadata_fts (paper_id, title, authors, abstract)
      SELECT paper_id, title, (SELECT group_concat(value, ', ') FROM json_each(authors)), abstract
      FROM paper_metadata WHERE paper_id ${IN_IDS}`),
    // A target already known keeps what it has; one known only by id gets the title now given.
    referenceTarget:
      p(`INSERT INTO paper_metadata (paper_id, url, found, fetched_at, title, authors, topics, arxiv_id, doi)
      VALUES (?1, ?2, 1, NULL, ?3, '[]', '[]', ?4, ?5)
      ON CONFLICT (paper_id) DO UPDATE SET title = coalesce(paper_metadata.title, excluded.title)`),
    reference: p(
      'INSERT OR IGNORE INTO paper_references (citing_id, position, cited_id) VALUES (?, ?, ?)',
    ),
  };
}
