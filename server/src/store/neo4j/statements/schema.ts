// The constraints and indexes the statements rely on, and the graph model they are written against.
//
// Graph model
//   (:Episode {id, title, publishedAt, newestKey, paperPublishedAt, durationMinutes, summary, takeaways, chaptersJson,
//              extrasJson, guid, sourcePaperId, contentHash, paperCount, searchDetails, searchNotes})
//   (:Paper   {id, title, url, arxivId, doi, aliases, citationCount, searchIdentifiers, searchNotes})
//   (:Alias   {key})-[:ALIAS_OF]->(:Paper)            indexed lookup side of Paper.aliases
//   (:Episode)-[:CITES {kind, position, note}]->(:Paper)  one per listed citation; position 0 = source
//     (when the episode has one: sourcePaperId is null for an episode whose papers are MENTIONS)
//   (:Feed    {url, addedAt, title, etag, lastModified, lastCheckedAt, …})   a subscription (domain/feed.ts)
//   (:GraphChange {key: 'graph', at})   one node: when an import or removal last changed the graph
//   (:Show    {id, title, link, imageUrl, author, feedUrl})   a podcast (domain/show.ts)
//   (:Episode)-[:IN_SHOW]->(:Show)     at most one: the show the episode was first stored with
//   (:DataMigration {key})             a one-time data migration that has run (shows.ts)
//   (:Episode)-[:HAS_PASSAGE]->(:TranscriptPassage {position, startsJson, text})   the episode's
//     transcript in passages of its cues (store/shared/transcripts.ts), searched by transcript_search
//   (:Episode)-[:FEATURES {position, role, group, name, href, imageUrl}]->(:Person {id, name, href,
//     imageUrl})   the people an episode names (people.ts)
// newestKey is publishedAt, '' when undated: the newest-first order as one indexed value.
// paperCount / citationCount are distinct neighbours (the graph weights), kept current by the import.
// The metadata part of the model is described in metadata.ts, relations and clusters in relations.ts,
// the journal of an import run in importRun.ts.
import { cypher } from './declare.ts';
import { IMPORT_RUN_GRAPH_SCHEMA, IMPORT_RUN_SCHEMA_STATEMENTS } from './importRun.ts';
import { METADATA_GRAPH_SCHEMA, METADATA_SCHEMA_STATEMENTS } from './metadata.ts';
import { PEOPLE_GRAPH_SCHEMA, PEOPLE_SCHEMA_STATEMENTS } from './people.ts';
import { RELATIONS_GRAPH_SCHEMA, RELATIONS_SCHEMA_STATEMENTS } from './relations.ts';

export const FULLTEXT_INDEXES = {
  episodes: 'episode_search',
  papers: 'paper_search',
  transcripts: 'transcript_search',
  paperMetadata: 'paper_metadata_search',
} as const;

export const SCHEMA_CYPHER = {
  schemaEpisodeId: cypher(
    `CREATE CONSTRAINT episode_id_unique IF NOT EXISTS FOR (e:Episode) REQUIRE e.id IS UNIQUE`,
  ),

  schemaPaperId: cypher(
    `CREATE CONSTRAINT paper_id_unique IF NOT EXISTS FOR (p:Paper) REQUIRE p.id IS UNIQUE`,
  ),

  schemaAliasKey: cypher(
    `CREATE CONSTRAINT alias_key_unique IF NOT EXISTS FOR (a:Alias) REQUIRE a.key IS UNIQUE`,
  ),

  schemaEpisodePublished: cypher(
    `CREATE INDEX episode_published_at IF NOT EXISTS FOR (e:Episode) ON (e.publishedAt)`,
  ),

  schemaEpisodeNewestKey: cypher(
    `CREATE INDEX episode_newest_key IF NOT EXISTS FOR (e:Episode) ON (e.newestKey)`,
  ),

  schemaPaperCitationCount: cypher(
    `CREATE INDEX paper_citation_count IF NOT EXISTS FOR (p:Paper) ON (p.citationCount)`,
  ),

  schemaEpisodeGuid: cypher(`CREATE INDEX episode_guid IF NOT EXISTS FOR (e:Episode) ON (e.guid)`),

  schemaFeedUrl: cypher(
    `CREATE CONSTRAINT feed_url_unique IF NOT EXISTS FOR (f:Feed) REQUIRE f.url IS UNIQUE`,
  ),

  schemaGraphChangeKey: cypher(
    `CREATE CONSTRAINT graph_change_key_unique IF NOT EXISTS FOR (g:GraphChange) REQUIRE g.key IS UNIQUE`,
  ),

  schemaShowId: cypher(
    `CREATE CONSTRAINT show_id_unique IF NOT EXISTS FOR (s:Show) REQUIRE s.id IS UNIQUE`,
  ),

  schemaDataMigrationKey: cypher(
    `CREATE CONSTRAINT data_migration_key_unique IF NOT EXISTS FOR (m:DataMigration) REQUIRE m.key IS UNIQUE`,
  ),

  // Every full-text index is eventually consistent: Lucene takes a transaction's changes after its
  // commit, off the writer's path; a store write that changes indexed text waits for them
  // (awaitFullTextRefresh) before it returns, and ensureSchema rebuilds an index made without it.
  schemaEpisodeSearch: cypher(`CREATE FULLTEXT INDEX episode_search IF NOT EXISTS
FOR (e:Episode) ON EACH [e.title, e.summary, e.searchDetails, e.searchNotes]
OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'english', \`fulltext.eventually_consistent\`: true}}`),

  schemaPaperSearch: cypher(`CREATE FULLTEXT INDEX paper_search IF NOT EXISTS
FOR (p:Paper) ON EACH [p.title, p.searchIdentifiers, p.searchNotes]
OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'english', \`fulltext.eventually_consistent\`: true}}`),

  schemaTranscriptSearch: cypher(`CREATE FULLTEXT INDEX transcript_search IF NOT EXISTS
FOR (t:TranscriptPassage) ON EACH [t.text]
OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'english', \`fulltext.eventually_consistent\`: true}}`),

  schemaAwait: cypher<{ timeoutSeconds: number }>(`CALL db.awaitIndexes($timeoutSeconds)`),

  /** The full-text indexes among $names created before they were eventually consistent. */
  fullTextIndexesToRebuild: cypher<{ names: string[] }>(`SHOW FULLTEXT INDEXES YIELD name, options
WHERE name IN $names AND NOT coalesce(options.indexConfig.\`fulltext.eventually_consistent\`, false)
RETURN name`),

  /** Its CREATE statement above builds it again, with the options the store needs. */
  dropFullTextIndex: cypher<{ name: string }>(`DROP INDEX $name IF EXISTS`),

  /** Until the full-text indexes hold every committed transaction's changes. */
  awaitFullTextRefresh: cypher(`CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()`),
} as const;

/** The statements `ensureSchema` runs, in order. */
export const SCHEMA_STATEMENTS = [
  'schemaEpisodeId',
  'schemaPaperId',
  'schemaAliasKey',
  'schemaEpisodePublished',
  'schemaEpisodeNewestKey',
  'schemaPaperCitationCount',
  'schemaEpisodeGuid',
  'schemaFeedUrl',
  'schemaGraphChangeKey',
  'schemaShowId',
  'schemaDataMigrationKey',
  'schemaEpisodeSearch',
  'schemaPaperSearch',
  'schemaTranscriptSearch',
  ...METADATA_SCHEMA_STATEMENTS,
  ...RELATIONS_SCHEMA_STATEMENTS,
  ...IMPORT_RUN_SCHEMA_STATEMENTS,
  ...PEOPLE_SCHEMA_STATEMENTS,
] as const satisfies readonly (
  | keyof typeof SCHEMA_CYPHER
  | (typeof PEOPLE_SCHEMA_STATEMENTS)[number]
  | (typeof IMPORT_RUN_SCHEMA_STATEMENTS)[number]
  | (typeof METADATA_SCHEMA_STATEMENTS)[number]
  | (typeof RELATIONS_SCHEMA_STATEMENTS)[number]
)[];

export type SchemaStatementName = (typeof SCHEMA_STATEMENTS)[number];

/** The database schema the statements are written against (the linter checks them against it). */
export const GRAPH_SCHEMA = {
  labels: [
    'Episode',
    'Paper',
    'Alias',
    'Feed',
    'GraphChange',
    'Show',
    'DataMigration',
    'TranscriptPassage',
    ...METADATA_GRAPH_SCHEMA.labels,
    ...RELATIONS_GRAPH_SCHEMA.labels,
    ...IMPORT_RUN_GRAPH_SCHEMA.labels,
    ...PEOPLE_GRAPH_SCHEMA.labels,
  ],
  relationshipTypes: [
    'CITES',
    'ALIAS_OF',
    'IN_SHOW',
    'HAS_PASSAGE',
    ...METADATA_GRAPH_SCHEMA.relationshipTypes,
    ...RELATIONS_GRAPH_SCHEMA.relationshipTypes,
    ...PEOPLE_GRAPH_SCHEMA.relationshipTypes,
  ],
  propertyKeys: [
    // Episode
    'id',
    'title',
    'publishedAt',
    'newestKey',
    'paperPublishedAt',
    'durationMinutes',
    'summary',
    'takeaways',
    'chaptersJson',
    'extrasJson',
    'guid',
    'sourcePaperId',
    'contentHash',
    'paperCount',
    'searchDetails',
    'searchNotes',
    // Paper
    'url',
    'arxivId',
    'doi',
    'aliases',
    'citationCount',
    'searchIdentifiers',
    // importCreatePapers' and importUpdatePapers' rows
    'newAliases',
    // Alias
    'key',
    // Feed (url, title as above)
    'addedAt',
    'etag',
    'lastModified',
    'lastCheckedAt',
    'lastChangedAt',
    'lastStatus',
    'lastError',
    'episodeCount',
    'nextCheckAt',
    // GraphChange (key as above)
    'at',
    // Show (id, title, url as above)
    'link',
    'imageUrl',
    'author',
    'feedUrl',
    // showsAssign's rows (episodeId as in relations.ts)
    'showId',
    // CITES
    'kind',
    'position',
    'note',
    'discussedAt',
    // TranscriptPassage (position, text as above), and the rows that write and read them
    'startsJson',
    'passages',
    'times',
    ...METADATA_GRAPH_SCHEMA.propertyKeys,
    ...RELATIONS_GRAPH_SCHEMA.propertyKeys,
    ...IMPORT_RUN_GRAPH_SCHEMA.propertyKeys,
    ...PEOPLE_GRAPH_SCHEMA.propertyKeys,
  ],
  /** (from label, relationship type, to label) triples that exist. */
  patterns: [
    { from: 'Episode', relType: 'CITES', to: 'Paper' },
    { from: 'Alias', relType: 'ALIAS_OF', to: 'Paper' },
    { from: 'Episode', relType: 'IN_SHOW', to: 'Show' },
    { from: 'Episode', relType: 'HAS_PASSAGE', to: 'TranscriptPassage' },
    ...METADATA_GRAPH_SCHEMA.patterns,
    ...RELATIONS_GRAPH_SCHEMA.patterns,
    ...PEOPLE_GRAPH_SCHEMA.patterns,
  ],
} as const;
