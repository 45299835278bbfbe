// The SQLite file layout. Created idempotently; `user_version` says which layout a file has so a newer
// file is refused instead of being misread.
import type { DatabaseSync } from 'node:sqlite';

import { aiPapersShow } from '../../domain/show.ts';

const SCHEMA_VERSION = 7;

/** FTS: porter stemming so "preferences" finds "preference"; contentless, the text lives in the tables. */
const FTS_OPTIONS = `content='', contentless_delete=1, tokenize='porter unicode61 remove_diacritics 2'`;

const SCHEMA_V1 = `
CREATE TABLE IF NOT EXISTS papers (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  title TEXT,
  url TEXT NOT NULL,
  arxiv_id TEXT,
  doi TEXT,
  aliases TEXT NOT NULL,                      -- JSON array, first-seen order
  citation_count INTEGER NOT NULL CHECK (citation_count >= 0)   -- distinct citing episodes
);
CREATE INDEX IF NOT EXISTS papers_by_citations ON papers (citation_count DESC, id);

-- Lookup side of papers.aliases. Keyed by (alias, paper) because nothing stops two feeds from
-- attaching one raw form to two papers; lookups prefer an exact id, then the smallest paper id.
CREATE TABLE IF NOT EXISTS paper_aliases (
  alias TEXT NOT NULL,
  paper_id TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  PRIMARY KEY (alias, paper_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS paper_aliases_by_paper ON paper_aliases (paper_id);

CREATE TABLE IF NOT EXISTS episodes (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  published_at TEXT,
  paper_published_at TEXT,
  duration_minutes INTEGER,
  summary TEXT,
  takeaways TEXT NOT NULL,                    -- JSON array of strings
  chapters TEXT NOT NULL,                     -- JSON array of chapters
  source_paper_id TEXT NOT NULL REFERENCES papers (id),
  content_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS episodes_newest_first ON episodes (published_at IS NULL, published_at DESC, id);
-- Deleting a paper checks the source_paper_id foreign key: without this index that is a scan of every
-- episode row (97 ms per orphaned paper at 100k episodes, 40 s for one 2,000-episode re-import).
CREATE INDEX IF NOT EXISTS episodes_by_source ON episodes (source_paper_id);

-- One row per citation as the episode lists it: position 0 is the source, 1.. the recommendations.
CREATE TABLE IF NOT EXISTS citations (
  episode_id TEXT NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  paper_id TEXT NOT NULL REFERENCES papers (id),
  kind TEXT NOT NULL CHECK ((kind = 'SOURCE') = (position = 0) AND kind IN ('SOURCE', 'RECOMMENDED')),
  note TEXT,
  PRIMARY KEY (episode_id, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS citations_by_paper ON citations (paper_id, episode_id);

-- rowid = episodes.rid / papers.rid. details = takeaways + chapter titles and summaries;
-- notes = the episode's recommendation notes; identifiers = paper id + aliases; a paper's notes = what
-- the first episodes recommending it say about it (so "DPO" finds Direct Preference Optimization).
CREATE VIRTUAL TABLE IF NOT EXISTS episodes_fts USING fts5 (title, summary, details, notes, ${FTS_OPTIONS});
CREATE VIRTUAL TABLE IF NOT EXISTS papers_fts USING fts5 (title, identifiers, notes, ${FTS_OPTIONS});
`;

/**
 * Version 2, applied to new files and to version-1 files alike (an upgrade keeps its data): what a
 * feed item says about an episode (guid, link, audio, image, unlinked readings; JSON, null when none)
 * and the feed subscriptions with their HTTP validators and last poll.
 */
const SCHEMA_V2 = `
ALTER TABLE episodes ADD COLUMN extras TEXT;
CREATE INDEX episodes_by_guid ON episodes (json_extract(extras, '$.guid')) WHERE extras IS NOT NULL;
CREATE TABLE feeds (
  url TEXT PRIMARY KEY,
  added_at TEXT NOT NULL,
  title TEXT,
  etag TEXT,
  last_modified TEXT,
  last_checked_at TEXT,
  last_changed_at TEXT,
  last_status TEXT,
  last_error TEXT,
  episode_count INTEGER NOT NULL DEFAULT 0,
  next_check_at TEXT
) WITHOUT ROWID;
`;

/**
 * Version 3: an episode may have no source paper (another podcast's episode, its papers being the ones
 * its notes mention), and a citation may be a MENTIONS (position 0 stays the source, when there is
 * one). SQLite changes neither a NOT NULL nor a CHECK in place, so both tables are rebuilt, keeping
 * every rowid (the search rows point at them). Run with foreign keys off: dropping the old tables must
 * not cascade to the citations or to the tables that point at episodes.
 */
const SCHEMA_V3 = `
CREATE TABLE episodes_v3 (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  published_at TEXT,
  paper_published_at TEXT,
  duration_minutes INTEGER,
  summary TEXT,
  takeaways TEXT NOT NULL,
  chapters TEXT NOT NULL,
  source_paper_id TEXT REFERENCES papers (id),
  content_hash TEXT NOT NULL,
  extras TEXT
);
INSERT INTO episodes_v3 (rid, id, title, published_at, paper_published_at, duration_minutes, summary,
    takeaways, chapters, source_paper_id, content_hash, extras)
  SELECT rid, id, title, published_at, paper_published_at, duration_minutes, summary, takeaways,
    chapters, source_paper_id, content_hash, extras FROM episodes;
CREATE TABLE citations_v3 (
  episode_id TEXT NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  paper_id TEXT NOT NULL REFERENCES papers (id),
  kind TEXT NOT NULL CHECK ((kind = 'SOURCE') = (position = 0) AND kind IN ('SOURCE', 'RECOMMENDED', 'MENTIONS')),
  note TEXT,
  PRIMARY KEY (episode_id, position)
) WITHOUT ROWID;
INSERT INTO citations_v3 SELECT episode_id, position, paper_id, kind, note FROM citations;
DROP TABLE citations;
DROP TABLE episodes;
ALTER TABLE episodes_v3 RENAME TO episodes;
ALTER TABLE citations_v3 RENAME TO citations;
CREATE INDEX episodes_newest_first ON episodes (published_at IS NULL, published_at DESC, id);
CREATE INDEX episodes_by_source ON episodes (source_paper_id);
CREATE INDEX episodes_by_guid ON episodes (json_extract(extras, '$.guid')) WHERE extras IS NOT NULL;
CREATE INDEX citations_by_paper ON citations (paper_id, episode_id);
`;

/**
 * Version 4: shows (the podcast each episode belongs to, one per feed) and each episode's show. The
 * episodes of an older file with a source paper came from the "AI Papers" page or feed, so they get
 * that show (`assignPreShowEpisodes`); one without (another podcast's, version 3) gets its show when
 * its feed is imported again.
 */
const SCHEMA_V4 = `
CREATE TABLE shows (
  rid INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  link TEXT,
  image_url TEXT,
  author TEXT,
  feed_url TEXT
);
-- No foreign key: shows are never deleted, and an import writes an episode's show (which its batch
-- must hold) in the same transaction.
ALTER TABLE episodes ADD COLUMN show_id TEXT;
CREATE INDEX episodes_by_show ON episodes (show_id, published_at IS NULL, published_at DESC, id);
`;

/**
 * Version 5: the second of the audio at which the episode's transcript first discusses a cited paper
 * (fetched feeds only); older citations have none.
 */
const SCHEMA_V5 = `
ALTER TABLE citations ADD COLUMN discussed_at INTEGER CHECK (discussed_at IS NULL OR discussed_at >= 0);
`;

/**
 * Version 6: transcripts (fetched feeds only), as passages of their cues (store/shared/transcripts.ts)
 * and their search rows; older episodes have none until their feed is fetched again. `IF NOT EXISTS`:
 * an older file rebuilt from a newer one (the migration tests' downgrades) may keep them.
 */
const SCHEMA_V6 = `
CREATE TABLE IF NOT EXISTS transcripts (
  rid INTEGER PRIMARY KEY,
  episode_id TEXT NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  starts TEXT NOT NULL,                       -- JSON array: each line's start second, null when none
  text TEXT NOT NULL,                         -- the passage's cues, one per line
  UNIQUE (episode_id, position)
);
-- rowid = transcripts.rid.
CREATE VIRTUAL TABLE IF NOT EXISTS transcripts_fts USING fts5 (text, ${FTS_OPTIONS});
`;

/**
 * Version 7: the people episodes name (podcast:person, domain/person.ts). `people` holds each person
 * named as the latest import wrote them, with the last page and picture given; `episode_people` each episode's people as its feed wrote them, in feed
 * order. A person no episode names is deleted with its last link. Older episodes name no one until
 * their feed is imported again. `IF NOT EXISTS`, as version 6.
 */
const SCHEMA_V7 = `
CREATE TABLE IF NOT EXISTS people (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  href TEXT,
  image_url TEXT
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS episode_people (
  episode_id TEXT NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  person_id TEXT NOT NULL REFERENCES people (id),
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  grp TEXT NOT NULL,
  href TEXT,
  image_url TEXT,
  PRIMARY KEY (episode_id, position),
  UNIQUE (episode_id, person_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS episode_people_by_person ON episode_people (person_id, episode_id);
`;

/** Older files rebuilt from a newer one (the migration tests' downgrades) may keep the column. */
function citationsHaveTimes(db: DatabaseSync): boolean {
  return (
    db.prepare("SELECT 1 FROM pragma_table_info('citations') WHERE name = 'discussed_at'").get() !==
    undefined
  );
}

function assignPreShowEpisodes(db: DatabaseSync): void {
  const aboutPapers = 'SELECT 1 FROM episodes WHERE source_paper_id IS NOT NULL LIMIT 1';
  if (db.prepare(aboutPapers).get() === undefined) return;
  const show = aiPapersShow();
  db.prepare(
    'INSERT INTO shows (id, title, link, image_url, author, feed_url) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(show.id, show.title, show.link, show.imageUrl, show.author, show.feedUrl);
  db.prepare(
    'UPDATE episodes SET show_id = ? WHERE show_id IS NULL AND source_paper_id IS NOT NULL',
  ).run(show.id);
}

/**
 * Secondary indexes that no statement of an import reads while its transaction is open (its look-ups,
 * the relation keeper's included, go by id and primary key), so a large import into an empty store
 * builds them after its rows: one sorted build each instead of an entry per row. Two of them serve
 * deleting a paper (the check of `episodes.source_paper_id`, the cascade to its aliases) and are built
 * before a batch deletes one. Not `citations_by_paper`: every batch after the first reads the notes of
 * the papers it cites again through it.
 */
export const IMPORT_DEFERRABLE_INDEXES = [
  'papers_by_citations',
  'paper_aliases_by_paper',
  'episodes_newest_first',
  'episodes_by_source',
  'episodes_by_guid',
  'episodes_by_show',
] as const;

/** The paper keys (ids/paperId.ts) of the arXiv id and DOI a metadata row gives, as indexed expressions. */
export const METADATA_ARXIV_KEY = "('arxiv:' || arxiv_id)";
export const METADATA_DOI_KEY = "('doi:' || lower(doi))";

/** Column weights for bm25: a title hit counts far more than a mention in a long summary. */
export const EPISODE_FTS_WEIGHTS = '10.0, 2.0, 2.0, 1.0';
export const PAPER_FTS_WEIGHTS = '10.0, 3.0, 1.0';
/** bm25 weights of paper_metadata_fts's columns (paper_id, title, authors, abstract). */
export const METADATA_FTS_WEIGHTS = '0.0, 10.0, 5.0, 1.0';

export function ensureSchema(db: DatabaseSync, location: string): void {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  const version = row?.user_version ?? 0;
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `${location} has schema version ${version}, newer than this papergraph understands (${SCHEMA_VERSION}); upgrade papergraph`,
    );
  }
  if (version === SCHEMA_VERSION) return;
  // Only outside a transaction does this pragma take effect; the rebuild of version 3 needs it off.
  const foreignKeys = db.prepare('PRAGMA foreign_keys').get() as { foreign_keys: number };
  db.exec('PRAGMA foreign_keys = OFF');
  db.exec('BEGIN IMMEDIATE');
  try {
    if (version < 1) db.exec(SCHEMA_V1);
    if (version < 2) db.exec(SCHEMA_V2);
    if (version < 3) db.exec(SCHEMA_V3);
    if (version < 4) {
      db.exec(SCHEMA_V4);
      assignPreShowEpisodes(db);
    }
    if (version < 5 && !citationsHaveTimes(db)) db.exec(SCHEMA_V5);
    if (version < 6) db.exec(SCHEMA_V6);
    if (version < 7) db.exec(SCHEMA_V7);
    const broken = db.prepare('PRAGMA foreign_key_check').all();
    if (broken.length > 0)
      throw new Error(`${location}: the upgrade would break ${broken.length} references`);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  } finally {
    db.exec(`PRAGMA foreign_keys = ${foreignKeys.foreign_keys === 1 ? 'ON' : 'OFF'}`);
  }
}
