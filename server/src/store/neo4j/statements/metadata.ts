// Paper metadata and references (store/metadataStore.ts). Graph model:
//   (:PaperMetadata {paperId, url, found, fetchedAt, title, authors, year, venue, abstract, topics,
//                    arxivId, doi, publishedAt})   one per paper the providers told about; fetchedAt is
//                    absent for papers known only as another paper's reference
//   (:PaperMetadata)-[:REFERENCES {position}]->(:PaperMetadata)   the provider's reference list
// Keyed by paper id, apart from (:Paper), so it outlives a paper a re-import drops.
import type { PaperMetadata } from '../../../domain/metadata.ts';
import { cypher } from './declare.ts';
import { EPISODE_PROJECTION, pageItem } from './episodes.ts';

/** The stored properties of one PaperMetadata node (`SET m += fields`): the metadata, authors by name. */
interface MetadataFieldsParam extends Omit<PaperMetadata, 'authors'> {
  found: boolean;
  fetchedAt: string;
  authors: string[];
  /** The names joined, for the full-text index. */
  authorsText: string;
}

/** Author: part of a name; topic: exactly; both case-insensitive, null matches all. */
interface MetadataFilterParams {
  author: string | null;
  topic: string | null;
}

interface MetadataPageParams {
  minCitations: number;
  offset: number;
  limit: number;
}

const METADATA_FILTERS = `($author IS NULL OR any(name IN m.authors WHERE toLower(name) CONTAINS toLower($author)))
  AND ($topic IS NULL OR any(topic IN m.topics WHERE toLower(topic) = toLower($topic)))`;

/** From matching metadata `m` to the episodes it is the source paper of, as listEpisodes pages them. */
const SOURCED_EPISODES_PAGE =
  `MATCH (e:Episode)-[:CITES {kind: 'SOURCE'}]->(:Paper {id: m.paperId})
WITH DISTINCT e
ORDER BY e.publishedAt IS NULL, e.publishedAt DESC, e.id
WITH collect(e) AS hits
RETURN size(hits) AS totalCount,
       [e IN hits[$offset..($offset + $limit)] | ` +
  pageItem(EPISODE_PROJECTION) +
  '] AS items';

export const METADATA_CYPHER = {
  schemaPaperMetadataId: cypher(
    `CREATE CONSTRAINT paper_metadata_id_unique IF NOT EXISTS FOR (m:PaperMetadata) REQUIRE m.paperId IS UNIQUE`,
  ),

  schemaPaperMetadataArxivId: cypher(
    `CREATE INDEX paper_metadata_arxiv_id IF NOT EXISTS FOR (m:PaperMetadata) ON (m.arxivId)`,
  ),

  schemaPaperMetadataSearch: cypher(`CREATE FULLTEXT INDEX paper_metadata_search IF NOT EXISTS
FOR (m:PaperMetadata) ON EACH [m.title, m.authorsText, m.abstract]
OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'english', \`fulltext.eventually_consistent\`: true}}`),

  metadataToEnrich: cypher<{ afterId: string; staleBefore: string; limit: number }>(`MATCH (p:Paper)
WHERE p.id > $afterId
OPTIONAL MATCH (m:PaperMetadata {paperId: p.id})
WITH p, m
WHERE m IS NULL OR m.fetchedAt IS NULL OR m.fetchedAt < $staleBefore
RETURN p.id AS id, p.arxivId AS arxivId, p.doi AS doi
ORDER BY p.id
LIMIT $limit`),

  metadataCounts: cypher<{ staleBefore: string }>(`MATCH (p:Paper)
OPTIONAL MATCH (m:PaperMetadata {paperId: p.id})
RETURN count(p) AS papers, count(CASE WHEN m.fetchedAt >= $staleBefore THEN 1 END) AS done`),

  /** Runs first in the save transaction: the papers' metadata, their old reference lists dropped. */
  metadataSaveEntries: cypher<{
    entries: { paperId: string; fallbackUrl: string; fields: MetadataFieldsParam }[];
  }>(`UNWIND $entries AS entry
OPTIONAL MATCH (p:Paper {id: entry.paperId})
MERGE (m:PaperMetadata {paperId: entry.paperId})
SET m += entry.fields, m.url = coalesce(p.url, m.url, entry.fallbackUrl)
WITH m
OPTIONAL MATCH (m)-[old:REFERENCES]->()
DELETE old
RETURN count(DISTINCT m) AS saved`),

  /** A target already known keeps what it has; one known only by id gets the title now given. */
  metadataSaveReferenceTargets: cypher<{
    targets: {
      id: string;
      url: string;
      title: string | null;
      arxivId: string | null;
      doi: string | null;
    }[];
  }>(`UNWIND $targets AS target
MERGE (m:PaperMetadata {paperId: target.id})
ON CREATE SET m.url = target.url, m.found = true, m.authors = [], m.topics = [], m.arxivId = target.arxivId, m.doi = target.doi
SET m.title = coalesce(m.title, target.title)
RETURN count(m) AS targets`),

  metadataSaveReferences: cypher<{
    references: { citingId: string; citedId: string; position: number }[];
  }>(`UNWIND $references AS reference
MATCH (citing:PaperMetadata {paperId: reference.citingId})
MATCH (cited:PaperMetadata {paperId: reference.citedId})
CREATE (citing)-[:REFERENCES {position: reference.position}]->(cited)
RETURN count(*) AS references`),

  metadataFiltered: cypher<MetadataFilterParams & { limit: number }>(
    `MATCH (m:PaperMetadata)
WHERE ` +
      METADATA_FILTERS +
      `
MATCH (p:Paper {id: m.paperId})
RETURN m.paperId AS paperId, p.citationCount AS score
ORDER BY score DESC, paperId
LIMIT $limit`,
  ),

  metadataSearch: cypher<MetadataFilterParams & { query: string; limit: number }>(
    `CALL db.index.fulltext.queryNodes('paper_metadata_search', $query) YIELD node AS m, score
WHERE ` +
      METADATA_FILTERS +
      `
MATCH (:Paper {id: m.paperId})
RETURN m.paperId AS paperId, score
ORDER BY score DESC, paperId
LIMIT $limit`,
  ),

  /** metadataFiltered's hits cited at least $minCitations times: one page and how many in all. */
  metadataFilteredPage: cypher<MetadataFilterParams & MetadataPageParams>(
    `MATCH (m:PaperMetadata)
WHERE ` +
      METADATA_FILTERS +
      `
MATCH (p:Paper {id: m.paperId})
WHERE p.citationCount >= $minCitations
WITH m.paperId AS paperId, p.citationCount AS score
ORDER BY score DESC, paperId
WITH collect({paperId: paperId, score: score}) AS hits
RETURN size(hits) AS totalCount, hits[$offset..($offset + $limit)] AS items`,
  ),

  /** metadataSearch's hits cited at least $minCitations times: one page and how many in all. */
  metadataSearchPage: cypher<MetadataFilterParams & MetadataPageParams & { query: string }>(
    `CALL db.index.fulltext.queryNodes('paper_metadata_search', $query) YIELD node AS m, score
WHERE ` +
      METADATA_FILTERS +
      `
MATCH (p:Paper {id: m.paperId})
WHERE p.citationCount >= $minCitations
WITH m.paperId AS paperId, score
ORDER BY score DESC, paperId
WITH collect({paperId: paperId, score: score}) AS hits
RETURN size(hits) AS totalCount, hits[$offset..($offset + $limit)] AS items`,
  ),

  /** Episodes whose source paper's metadata passes the filters, newest first: one page and how many in all. */
  metadataSourcedEpisodes: cypher<
    MetadataFilterParams & { offset: number; limit: number; whole: boolean }
  >(
    `MATCH (m:PaperMetadata)
WHERE ` +
      METADATA_FILTERS +
      '\n' +
      SOURCED_EPISODES_PAGE,
  ),

  /** As metadataSourcedEpisodes, the source paper also matching $query. */
  metadataSourcedEpisodesSearch: cypher<
    MetadataFilterParams & { query: string; offset: number; limit: number; whole: boolean }
  >(
    `CALL db.index.fulltext.queryNodes('paper_metadata_search', $query) YIELD node AS m
WHERE ` +
      METADATA_FILTERS +
      '\n' +
      SOURCED_EPISODES_PAGE,
  ),

  metadataByIds: cypher<{ ids: string[] }>(`UNWIND $ids AS id
MATCH (m:PaperMetadata {paperId: id})
RETURN m {.paperId, .url, .found, .fetchedAt, .title, .authors, .year, .venue, .abstract, .topics, .arxivId, .doi, .publishedAt} AS metadata`),

  referencesByIds: cypher<{ ids: string[]; limit: number }>(`UNWIND $ids AS id
MATCH (:PaperMetadata {paperId: id})-[r:REFERENCES]->(cited:PaperMetadata)
WITH id, r.position AS position, cited.paperId AS citedId
ORDER BY id, position
RETURN id, collect(citedId)[..$limit] AS ids`),

  referencedByIds: cypher<{ ids: string[]; limit: number }>(`UNWIND $ids AS id
MATCH (:PaperMetadata {paperId: id})<-[:REFERENCES]-(citing:PaperMetadata)
WITH id, citing.paperId AS citingId
ORDER BY id, citingId
RETURN id, collect(citingId)[..$limit] AS ids`),

  /** The reference edges among $ids, in the provider's order for each citing paper. */
  referenceEdgesAmong: cypher<{ ids: string[] }>(`UNWIND $ids AS id
MATCH (:PaperMetadata {paperId: id})-[r:REFERENCES]->(cited:PaperMetadata)
WHERE cited.paperId IN $ids
RETURN id AS source, cited.paperId AS target
ORDER BY source, r.position`),
} as const;

export const METADATA_SCHEMA_STATEMENTS = [
  'schemaPaperMetadataId',
  'schemaPaperMetadataArxivId',
  'schemaPaperMetadataSearch',
] as const satisfies readonly (keyof typeof METADATA_CYPHER)[];

/** Lucene fields of paper_metadata_search → boost, like the embedded store's bm25 weights. */
export const METADATA_SEARCH_FIELDS = { title: 10, authorsText: 5, abstract: 1 } as const;

export const METADATA_GRAPH_SCHEMA = {
  labels: ['PaperMetadata'],
  relationshipTypes: ['REFERENCES'],
  propertyKeys: [
    'paperId',
    'found',
    'fetchedAt',
    'authors',
    'authorsText',
    'year',
    'venue',
    'abstract',
    'topics',
    'publishedAt',
    // parameter maps' keys
    'fields',
    'fallbackUrl',
    'citingId',
    'citedId',
  ],
  patterns: [{ from: 'PaperMetadata', relType: 'REFERENCES', to: 'PaperMetadata' }],
} as const;
