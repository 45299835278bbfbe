// Every Cypher statement the Neo4j store runs, and nothing else runs. Statements are plain literals:
// values travel only as parameters, and tests/neo4j/cypher-lint.test.ts checks each one with Neo4j's
// own parser and semantic analysis against the schema below.
//
// Graph model
//   (:Episode {id, title, publishedAt, paperPublishedAt, durationMinutes, summary, takeaways, chaptersJson,
//              extrasJson, guid, sourcePaperId, contentHash, paperCount, searchDetails, searchNotes})
//   (:Paper   {id, title, url, arxivId, doi, aliases, citationCount, searchIdentifiers, searchNotes})
//   (:Alias   {key})-[:ALIAS_OF]->(:Paper)            indexed lookup side of Paper.aliases
//   (:Episode)-[:CITES {kind, position, note}]->(:Paper)  one per listed citation; position 0 = source
//   (:Feed    {url, addedAt, title, etag, lastModified, lastCheckedAt, …})   a subscription (domain/feed.ts)
//   (:GraphChange {key: 'graph', at})   one node: when an import or removal last changed the graph
// paperCount / citationCount are distinct neighbours (the graph weights), kept current by the import.

import type { FeedRecord } from '../../domain/feed.ts';

import {
  METADATA_CYPHER,
  METADATA_CYPHER_PARAMETERS,
  METADATA_GRAPH_SCHEMA,
  METADATA_SCHEMA_STATEMENTS,
  type MetadataCypherParams,
} from './metadataCypher.ts';
import { PATHS_CYPHER, PATHS_CYPHER_PARAMETERS, type PathsCypherParams } from './pathsCypher.ts';

/** Neighbourhood queries unroll one block per hop; the API allows at most this many. */
export const NEO4J_MAX_GRAPH_DEPTH = 4;

// Keyset windows (store.ts: Keyset): an absent bound is a null id; with $fromEnd the window is read in
// reverse order (each sort key has a forward and a backward twin, the unused one constant null).
interface EpisodeWindowParams {
  afterId: string | null;
  afterPublished: string | null;
  beforeId: string | null;
  beforePublished: string | null;
  fromEnd: boolean;
  limit: number;
}

interface PaperWindowParams {
  afterId: string | null;
  afterCount: number | null;
  beforeId: string | null;
  beforeCount: number | null;
  minCitations: number;
  fromEnd: boolean;
  limit: number;
}

export const FULLTEXT_INDEXES = {
  episodes: 'episode_search',
  papers: 'paper_search',
} as const;

export const CYPHER = {
  // ---- schema (idempotent) ----
  schemaEpisodeId: `CREATE CONSTRAINT episode_id_unique IF NOT EXISTS FOR (e:Episode) REQUIRE e.id IS UNIQUE`,
  schemaPaperId: `CREATE CONSTRAINT paper_id_unique IF NOT EXISTS FOR (p:Paper) REQUIRE p.id IS UNIQUE`,
  schemaAliasKey: `CREATE CONSTRAINT alias_key_unique IF NOT EXISTS FOR (a:Alias) REQUIRE a.key IS UNIQUE`,
  schemaEpisodePublished: `CREATE INDEX episode_published_at IF NOT EXISTS FOR (e:Episode) ON (e.publishedAt)`,
  schemaPaperCitationCount: `CREATE INDEX paper_citation_count IF NOT EXISTS FOR (p:Paper) ON (p.citationCount)`,
  schemaEpisodeGuid: `CREATE INDEX episode_guid IF NOT EXISTS FOR (e:Episode) ON (e.guid)`,
  schemaFeedUrl: `CREATE CONSTRAINT feed_url_unique IF NOT EXISTS FOR (f:Feed) REQUIRE f.url IS UNIQUE`,
  schemaGraphChangeKey: `CREATE CONSTRAINT graph_change_key_unique IF NOT EXISTS FOR (g:GraphChange) REQUIRE g.key IS UNIQUE`,
  schemaEpisodeSearch: `CREATE FULLTEXT INDEX episode_search IF NOT EXISTS
FOR (e:Episode) ON EACH [e.title, e.summary, e.searchDetails, e.searchNotes]
OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'english'}}`,
  schemaPaperSearch: `CREATE FULLTEXT INDEX paper_search IF NOT EXISTS
FOR (p:Paper) ON EACH [p.title, p.searchIdentifiers, p.searchNotes]
OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'english'}}`,
  schemaAwait: `CALL db.awaitIndexes($timeoutSeconds)`,

  // ---- import: all run in one write transaction ----
  importStoredHashes: `UNWIND $episodeIds AS episodeId
MATCH (e:Episode {id: episodeId})
RETURN e.id AS id, e.contentHash AS contentHash`,

  /** Drops the citations of episodes about to be rewritten; returns the papers they pointed at. */
  importDetachCitations: `UNWIND $episodeIds AS episodeId
MATCH (:Episode {id: episodeId})-[c:CITES]->(p:Paper)
WITH c, p.id AS paperId
DELETE c
RETURN collect(DISTINCT paperId) AS paperIds`,

  /** Same rules as shared/mergePaper.ts; a paper no changed episode cites is only merged if stored. */
  importMergePapers: `UNWIND $papers AS paper
OPTIONAL MATCH (stored:Paper {id: paper.id})
WITH paper, stored
WHERE stored IS NOT NULL OR paper.citedByChange
MERGE (p:Paper {id: paper.id})
ON CREATE SET p.citationCount = 0
WITH p, paper, coalesce(p.aliases, []) AS storedAliases
WITH p, paper, storedAliases, storedAliases + [alias IN paper.aliases WHERE NOT alias IN storedAliases] AS aliases
// Whether the SET below changes anything: an import whose papers and episodes all stay as stored
// leaves the graph's change time alone.
WITH p, paper, aliases,
     p.url IS NULL OR size(aliases) > size(storedAliases)
       OR (paper.title IS NOT NULL AND (p.title IS NULL OR paper.title <> p.title))
       OR (p.arxivId IS NULL AND paper.arxivId IS NOT NULL) OR (p.doi IS NULL AND paper.doi IS NOT NULL) AS changed
SET p.title = coalesce(paper.title, p.title),
    p.url = coalesce(p.url, paper.url),
    p.arxivId = coalesce(p.arxivId, paper.arxivId),
    p.doi = coalesce(p.doi, paper.doi),
    p.aliases = aliases,
    p.searchIdentifiers = reduce(text = p.id, alias IN aliases | text + ' ' + alias)
WITH p, aliases, changed
UNWIND aliases AS key
MERGE (a:Alias {key: key})
MERGE (a)-[:ALIAS_OF]->(p)
RETURN count(DISTINCT p) AS papers, count(DISTINCT CASE WHEN changed THEN p END) AS changedPapers`,

  importWriteEpisodes: `UNWIND $episodes AS episode
MERGE (e:Episode {id: episode.id})
SET e.title = episode.title,
    e.publishedAt = episode.publishedAt,
    e.paperPublishedAt = episode.paperPublishedAt,
    e.durationMinutes = episode.durationMinutes,
    e.summary = episode.summary,
    e.takeaways = episode.takeaways,
    e.chaptersJson = episode.chaptersJson,
    e.extrasJson = episode.extrasJson,
    e.guid = episode.guid,
    e.sourcePaperId = episode.sourcePaperId,
    e.contentHash = episode.contentHash,
    e.paperCount = episode.paperCount,
    e.searchDetails = episode.searchDetails,
    e.searchNotes = episode.searchNotes
RETURN count(e) AS episodes`,

  importWriteCitations: `UNWIND $citations AS citation
MATCH (e:Episode)
WHERE e.id = citation.episodeId
MATCH (p:Paper)
WHERE p.id = citation.paperId
CREATE (e)-[:CITES {kind: citation.kind, position: citation.position, note: citation.note}]->(p)
RETURN count(*) AS citations`,

  /**
   * Recounts citing episodes and refreshes the notes that describe the paper in search (the first
   * $searchNotes by episode id, as the embedded store); papers left with none are deleted, returning
   * their alias keys.
   */
  importRecountPapers: `UNWIND $paperIds AS paperId
MATCH (p:Paper {id: paperId})
WITH p, COUNT { MATCH (e:Episode)-[:CITES]->(p) RETURN DISTINCT e } AS citationCount,
     COLLECT { MATCH (e:Episode)-[c:CITES]->(p) WHERE c.note IS NOT NULL RETURN c.note ORDER BY e.id, c.position LIMIT $searchNotes } AS notes
SET p.citationCount = citationCount,
    p.searchNotes = reduce(text = '', note IN notes | text + note + ' ')
WITH p, citationCount
WHERE citationCount = 0
WITH p, p.id AS deletedId, [(a:Alias)-[:ALIAS_OF]->(p) | a.key] AS aliasKeys
DETACH DELETE p
RETURN deletedId, aliasKeys`,

  importDropUnusedAliases: `UNWIND $aliasKeys AS key
MATCH (a:Alias {key: key})
WHERE COUNT { MATCH (a)-[:ALIAS_OF]->(:Paper) } = 0
DELETE a
RETURN count(*) AS aliases`,

  // ---- batched lookups ----
  episodeIdsByGuids: `UNWIND $guids AS guid
MATCH (e:Episode {guid: guid})
RETURN guid, e.id AS id`,

  /** The episode and its citations; the papers it cited are recounted (and dropped at 0) by importRecountPapers. */
  removeEpisode: `MATCH (e:Episode {id: $episodeId})
WITH e, [(e)-[:CITES]->(p:Paper) | p.id] AS paperIds
DETACH DELETE e
RETURN paperIds`,

  /** In the transaction of every import or removal that changed the graph. */
  markGraphChanged: `MERGE (g:GraphChange {key: 'graph'})
SET g.at = $at
RETURN g.at AS at`,
  graphChangedAt: `MATCH (g:GraphChange {key: 'graph'})
RETURN g.at AS at`,

  // ---- feed subscriptions ----
  listFeeds: `MATCH (f:Feed)
RETURN f {.url, .addedAt, .title, .etag, .lastModified, .lastCheckedAt, .lastChangedAt, .lastStatus, .lastError,
          .episodeCount, .nextCheckAt} AS feed
ORDER BY f.url`,
  saveFeed: `MERGE (f:Feed {url: $feed.url})
SET f += $feed
RETURN f.url AS url`,
  removeFeed: `MATCH (f:Feed {url: $url})
DELETE f
RETURN count(*) AS removed`,

  episodesByIds: `UNWIND $ids AS id
MATCH (e:Episode {id: id})
RETURN e {.id, .title, .publishedAt, .paperPublishedAt, .durationMinutes, .summary, .takeaways, .chaptersJson, .extrasJson, .sourcePaperId} AS episode,
       [(e)-[c:CITES]->(p:Paper) | {paperId: p.id, kind: c.kind, note: c.note, position: c.position}] AS citations`,

  papersByIds: `UNWIND $ids AS id
MATCH (p:Paper {id: id})
RETURN p {.id, .title, .url, .arxivId, .doi, .aliases, .citationCount} AS paper`,

  /** An exact id wins over an alias; among papers sharing an alias the smallest id (as the embedded store). */
  resolvePaperKeys: `UNWIND $keys AS key
RETURN key,
       coalesce(
         COLLECT { MATCH (p:Paper {id: key}) RETURN p.id }[0],
         COLLECT { MATCH (:Alias {key: key})-[:ALIAS_OF]->(p:Paper) RETURN p.id ORDER BY p.id LIMIT 1 }[0]
       ) AS paperId`,

  /** The first $limitPerPaper citations of each paper; rows arrive grouped by paper, each group in citation order. */
  citationsByPaperIds: `UNWIND $paperIds AS paperId
CALL (paperId) {
  MATCH (e:Episode)-[c:CITES]->(:Paper {id: paperId})
  RETURN e.id AS episodeId, c.kind AS kind, c.note AS note, c.position AS position
  ORDER BY c.kind = 'SOURCE' DESC, e.publishedAt IS NULL, e.publishedAt DESC, e.id, c.position
  LIMIT $limitPerPaper
}
RETURN paperId, episodeId, kind, note, position`,

  // ---- lists ----
  listEpisodes: `MATCH (e:Episode)
WITH e
ORDER BY e.publishedAt IS NULL, e.publishedAt DESC, e.id
SKIP $offset
LIMIT $limit
WITH collect(e) AS page
RETURN COUNT { MATCH (counted:Episode) } AS totalCount,
       [e IN page | e {.id, .title, .publishedAt, .paperPublishedAt, .durationMinutes, .summary, .takeaways, .chaptersJson, .extrasJson, .sourcePaperId,
         citations: [(e)-[c:CITES]->(p:Paper) | {paperId: p.id, kind: c.kind, note: c.note, position: c.position}]}] AS items`,

  /** Strictly after / before a key in listEpisodes' order (undated episodes last). */
  listEpisodesWindow: `MATCH (e:Episode)
WHERE ($afterId IS NULL OR CASE WHEN $afterPublished IS NULL THEN e.publishedAt IS NULL AND e.id > $afterId
    ELSE e.publishedAt IS NULL OR e.publishedAt < $afterPublished OR (e.publishedAt = $afterPublished AND e.id > $afterId) END)
  AND ($beforeId IS NULL OR CASE WHEN $beforePublished IS NULL THEN e.publishedAt IS NOT NULL OR e.id < $beforeId
    ELSE e.publishedAt > $beforePublished OR (e.publishedAt = $beforePublished AND e.id < $beforeId) END)
WITH e
ORDER BY (e.publishedAt IS NULL) <> $fromEnd,
  CASE WHEN $fromEnd THEN null ELSE e.publishedAt END DESC, CASE WHEN $fromEnd THEN e.publishedAt END ASC,
  CASE WHEN $fromEnd THEN null ELSE e.id END ASC, CASE WHEN $fromEnd THEN e.id END DESC
LIMIT $limit
WITH collect(e) AS page
RETURN COUNT { MATCH (counted:Episode) } AS totalCount,
       [e IN page | e {.id, .title, .publishedAt, .paperPublishedAt, .durationMinutes, .summary, .takeaways, .chaptersJson, .extrasJson, .sourcePaperId,
         citations: [(e)-[c:CITES]->(p:Paper) | {paperId: p.id, kind: c.kind, note: c.note, position: c.position}]}] AS items`,

  listEpisodesSearch: `CALL db.index.fulltext.queryNodes('episode_search', $query) YIELD node, score
WITH node, score
ORDER BY score DESC, node.id
WITH collect(node) AS hits
RETURN size(hits) AS totalCount,
       [e IN hits[$offset..($offset + $limit)] | e {.id, .title, .publishedAt, .paperPublishedAt, .durationMinutes, .summary, .takeaways, .chaptersJson, .extrasJson, .sourcePaperId,
         citations: [(e)-[c:CITES]->(p:Paper) | {paperId: p.id, kind: c.kind, note: c.note, position: c.position}]}] AS items`,

  listPapers: `MATCH (p:Paper)
WHERE p.citationCount >= $minCitations
WITH p
ORDER BY p.citationCount DESC, p.id
SKIP $offset
LIMIT $limit
WITH collect(p {.id, .title, .url, .arxivId, .doi, .aliases, .citationCount}) AS items
RETURN COUNT { MATCH (counted:Paper) WHERE counted.citationCount >= $minCitations } AS totalCount, items`,

  /** Strictly after / before a key in listPapers' order. */
  listPapersWindow: `MATCH (p:Paper)
WHERE p.citationCount >= $minCitations
  AND ($afterId IS NULL OR p.citationCount < $afterCount OR (p.citationCount = $afterCount AND p.id > $afterId))
  AND ($beforeId IS NULL OR p.citationCount > $beforeCount OR (p.citationCount = $beforeCount AND p.id < $beforeId))
WITH p
ORDER BY CASE WHEN $fromEnd THEN -p.citationCount ELSE p.citationCount END DESC,
  CASE WHEN $fromEnd THEN null ELSE p.id END ASC, CASE WHEN $fromEnd THEN p.id END DESC
LIMIT $limit
WITH collect(p {.id, .title, .url, .arxivId, .doi, .aliases, .citationCount}) AS items
RETURN COUNT { MATCH (counted:Paper) WHERE counted.citationCount >= $minCitations } AS totalCount, items`,

  listPapersSearch: `CALL db.index.fulltext.queryNodes('paper_search', $query) YIELD node, score
WITH node, score
WHERE node.citationCount >= $minCitations
WITH node, score
ORDER BY score DESC, node.id
WITH collect(node) AS hits
RETURN size(hits) AS totalCount,
       [p IN hits[$offset..($offset + $limit)] | p {.id, .title, .url, .arxivId, .doi, .aliases, .citationCount}] AS items`,

  /** Best `limit` of each kind, then merged: score desc, episodes before papers on ties, then id. */
  search: `CALL () {
  CALL db.index.fulltext.queryNodes('episode_search', $episodeQuery) YIELD node, score
  WITH node, score
  ORDER BY score DESC, node.id
  LIMIT $limit
  RETURN 'EPISODE' AS kind, node.id AS id, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('paper_search', $paperQuery) YIELD node, score
  WITH node, score
  ORDER BY score DESC, node.id
  LIMIT $limit
  RETURN 'PAPER' AS kind, node.id AS id, score
}
RETURN kind, id, score
ORDER BY score DESC, kind, id
LIMIT $limit`,

  // ---- graph questions: one statement each ----
  /**
   * Adamic–Adar over shared papers: Σ 1/ln(citationCount). Rows are summed in paper-id order, as the
   * embedded store does, so both give the same score to the last bit.
   */
  /** For each of $episodeIds, its $limit best related episodes; rows arrive grouped by episode, best first. */
  related: `UNWIND $episodeIds AS episodeId
CALL (episodeId) {
  MATCH (e:Episode {id: episodeId})-[:CITES]->(p:Paper)
  WHERE p.citationCount >= 2
  WITH DISTINCT e, p
  MATCH (p)<-[:CITES]-(other:Episode)
  WHERE other <> e
  WITH DISTINCT p, other
  ORDER BY p.id
  WITH other, sum(1.0 / log(p.citationCount)) AS score, collect({id: p.id, citationCount: p.citationCount}) AS shared
  RETURN other.id AS relatedId, score, shared
  ORDER BY score DESC, relatedId
  LIMIT $limit
}
RETURN episodeId, relatedId, score, shared`,

  /**
   * Breadth-first from the focus, one unrolled block per hop. The graph is bipartite, so a node's new
   * neighbours are those not in the previous layer. Each layer is heaviest first (weight desc, id) and
   * cut to what still fits in $limit; papers under $minCitations are neither returned nor walked.
   */
  graphNeighbourhood: `CALL () {
  MATCH (n:Episode {id: $focus})
  RETURN n
  UNION
  MATCH (n:Paper {id: $focus})
  RETURN n
}
WITH [n] AS selected, [n] AS frontier, [] AS previous
CALL (selected, frontier, previous) {
  UNWIND CASE WHEN $depth >= 1 AND size(selected) < $limit THEN frontier ELSE [] END AS node
  MATCH (node)-[:CITES]-(next)
  WHERE NOT next IN previous AND (next:Episode OR next.citationCount >= $minCitations)
  WITH DISTINCT next
  ORDER BY coalesce(next.citationCount, next.paperCount) DESC, next.id
  RETURN collect(next) AS layer
}
WITH selected, frontier, layer[..($limit - size(selected))] AS layer
WITH selected + layer AS selected, layer AS frontier, frontier AS previous
CALL (selected, frontier, previous) {
  UNWIND CASE WHEN $depth >= 2 AND size(selected) < $limit THEN frontier ELSE [] END AS node
  MATCH (node)-[:CITES]-(next)
  WHERE NOT next IN previous AND (next:Episode OR next.citationCount >= $minCitations)
  WITH DISTINCT next
  ORDER BY coalesce(next.citationCount, next.paperCount) DESC, next.id
  RETURN collect(next) AS layer
}
WITH selected, frontier, layer[..($limit - size(selected))] AS layer
WITH selected + layer AS selected, layer AS frontier, frontier AS previous
CALL (selected, frontier, previous) {
  UNWIND CASE WHEN $depth >= 3 AND size(selected) < $limit THEN frontier ELSE [] END AS node
  MATCH (node)-[:CITES]-(next)
  WHERE NOT next IN previous AND (next:Episode OR next.citationCount >= $minCitations)
  WITH DISTINCT next
  ORDER BY coalesce(next.citationCount, next.paperCount) DESC, next.id
  RETURN collect(next) AS layer
}
WITH selected, frontier, layer[..($limit - size(selected))] AS layer
WITH selected + layer AS selected, layer AS frontier, frontier AS previous
CALL (selected, frontier, previous) {
  UNWIND CASE WHEN $depth >= 4 AND size(selected) < $limit THEN frontier ELSE [] END AS node
  MATCH (node)-[:CITES]-(next)
  WHERE NOT next IN previous AND (next:Episode OR next.citationCount >= $minCitations)
  WITH DISTINCT next
  ORDER BY coalesce(next.citationCount, next.paperCount) DESC, next.id
  RETURN collect(next) AS layer
}
WITH selected, frontier, layer[..($limit - size(selected))] AS layer
WITH selected + layer AS selected
UNWIND range(0, size(selected) - 1) AS rank
WITH rank, selected[rank] AS n
RETURN n.id AS id,
       CASE WHEN n:Episode THEN 'EPISODE' ELSE 'PAPER' END AS kind,
       n.title AS title,
       coalesce(n.citationCount, n.paperCount) AS weight,
       CASE WHEN n:Episode THEN [(n)-[c:CITES]->(p:Paper) | {paperId: p.id, kind: c.kind, position: c.position}] ELSE [] END AS citations
ORDER BY rank`,

  /**
   * The whole graph within $limit: newest episodes first, each followed by its papers heaviest first.
   * With $minCitations > 1 an episode needs a remaining paper, and takes the last free slot only when
   * one of its papers is already shown; that slot may go to an episode past the first $limit.
   */
  graphOverview: `MATCH (e:Episode)
WHERE $minCitations <= 1 OR EXISTS { MATCH (e)-[:CITES]->(kept:Paper) WHERE kept.citationCount >= $minCitations }
WITH e
ORDER BY e.publishedAt IS NULL, e.publishedAt DESC, e.id
LIMIT $limit
WITH collect(e) AS newestFirst
UNWIND range(0, size(newestFirst) - 1) AS rank
WITH rank, newestFirst[rank] AS e
CALL (e) {
  MATCH (e)-[:CITES]->(p:Paper)
  WHERE p.citationCount >= $minCitations
  WITH DISTINCT p
  ORDER BY p.citationCount DESC, p.id
  RETURN collect(p) AS papers
}
WITH rank, e, papers
ORDER BY rank
WITH collect({episode: e, papers: papers}) AS candidates
WITH reduce(selected = [], candidate IN candidates |
  CASE
    WHEN size(selected) >= $limit THEN selected
    WHEN $minCitations > 1 AND size(selected) = $limit - 1 AND none(p IN candidate.papers WHERE p IN selected) THEN selected
    ELSE selected + [candidate.episode] + [p IN candidate.papers WHERE NOT p IN selected][..($limit - size(selected) - 1)]
  END) AS selected
CALL (selected) {
  UNWIND CASE WHEN $minCitations > 1 AND size(selected) = $limit - 1 THEN selected ELSE [] END AS shown
  MATCH (shown:Paper)<-[:CITES]-(late:Episode)
  WHERE NOT late IN selected
  WITH DISTINCT late
  ORDER BY late.publishedAt IS NULL, late.publishedAt DESC, late.id
  LIMIT 1
  RETURN collect(late) AS lastSlot
}
WITH selected + lastSlot AS selected
UNWIND range(0, size(selected) - 1) AS rank
WITH rank, selected[rank] AS n
RETURN n.id AS id,
       CASE WHEN n:Episode THEN 'EPISODE' ELSE 'PAPER' END AS kind,
       n.title AS title,
       coalesce(n.citationCount, n.paperCount) AS weight,
       CASE WHEN n:Episode THEN [(n)-[c:CITES]->(p:Paper) | {paperId: p.id, kind: c.kind, position: c.position}] ELSE [] END AS citations
ORDER BY rank`,

  /**
   * Shortest chain over CITES in either direction; zero hops when both ends are the same node. An
   * edge is SOURCE when it joins an episode to its source paper (the source wins a repeated pair).
   */
  path: `CALL () {
  MATCH (n:Episode {id: $fromId})
  RETURN n AS start
  UNION
  MATCH (n:Paper {id: $fromId})
  RETURN n AS start
}
CALL () {
  MATCH (n:Episode {id: $toId})
  RETURN n AS finish
  UNION
  MATCH (n:Paper {id: $toId})
  RETURN n AS finish
}
MATCH route = SHORTEST 1 (start)-[:CITES]-*(finish)
RETURN [n IN nodes(route) | {id: n.id, kind: CASE WHEN n:Episode THEN 'EPISODE' ELSE 'PAPER' END, title: n.title,
         weight: coalesce(n.citationCount, n.paperCount)}] AS nodes,
       [r IN relationships(route) | {source: startNode(r).id, target: endNode(r).id,
         kind: CASE WHEN startNode(r).sourcePaperId = endNode(r).id THEN 'SOURCE' ELSE 'RECOMMENDED' END}] AS edges`,

  stats: `RETURN COUNT { MATCH (e:Episode) } AS episodes,
       COUNT { MATCH (p:Paper) } AS papers,
       COUNT { MATCH (:Episode)-[c:CITES]->(:Paper) } AS citations`,

  // ---- export ----
  exportEpisodes: `MATCH (e:Episode)
RETURN e {.id, .title, .publishedAt, .paperPublishedAt, .durationMinutes, .summary, .takeaways, .chaptersJson, .extrasJson, .sourcePaperId} AS episode,
       [(e)-[c:CITES]->(p:Paper) | {paperId: p.id, kind: c.kind, note: c.note, position: c.position}] AS citations
ORDER BY e.id`,

  exportPapers: `MATCH (p:Paper)
RETURN p {.id, .title, .url, .arxivId, .doi, .aliases, .citationCount} AS paper
ORDER BY p.id`,
  ...METADATA_CYPHER,
  ...PATHS_CYPHER,
} as const;

export type StatementName = keyof typeof CYPHER;

// ---- parameters ----

/** One row of `importMergePapers`. */
export interface PaperParam {
  id: string;
  title: string | null;
  url: string;
  arxivId: string | null;
  doi: string | null;
  aliases: string[];
  /** Cited by an added or updated episode of this batch: create it if missing. */
  citedByChange: boolean;
}

/** One row of `importWriteEpisodes`. */
export interface EpisodeParam {
  id: string;
  title: string;
  publishedAt: string | null;
  paperPublishedAt: string | null;
  durationMinutes: number | null;
  summary: string | null;
  takeaways: string[];
  chaptersJson: string;
  /** guid, link, audio, image, unlinked readings (domain/episodeExtras.ts); null when the feed gave none. */
  extrasJson: string | null;
  /** Also a property of its own, indexed: the guid identifies the episode across edits. */
  guid: string | null;
  sourcePaperId: string;
  contentHash: string;
  paperCount: number;
  searchDetails: string;
  searchNotes: string;
}

/** One row of `importWriteCitations`. */
export interface CitationParam {
  episodeId: string;
  paperId: string;
  kind: 'SOURCE' | 'RECOMMENDED';
  position: number;
  note: string | null;
}

type NoParams = Record<never, never>;

/** The parameters each statement takes; the runner only accepts these shapes. */
export interface CypherParams extends MetadataCypherParams, PathsCypherParams {
  schemaEpisodeId: NoParams;
  schemaPaperId: NoParams;
  schemaAliasKey: NoParams;
  schemaEpisodePublished: NoParams;
  schemaPaperCitationCount: NoParams;
  schemaEpisodeGuid: NoParams;
  schemaFeedUrl: NoParams;
  schemaGraphChangeKey: NoParams;
  schemaEpisodeSearch: NoParams;
  schemaPaperSearch: NoParams;
  schemaAwait: { timeoutSeconds: number };
  importStoredHashes: { episodeIds: string[] };
  importDetachCitations: { episodeIds: string[] };
  importMergePapers: { papers: PaperParam[] };
  importWriteEpisodes: { episodes: EpisodeParam[] };
  importWriteCitations: { citations: CitationParam[] };
  importRecountPapers: { paperIds: string[]; searchNotes: number };
  importDropUnusedAliases: { aliasKeys: string[] };
  episodesByIds: { ids: string[] };
  episodeIdsByGuids: { guids: string[] };
  listFeeds: NoParams;
  removeEpisode: { episodeId: string };
  markGraphChanged: { at: string };
  graphChangedAt: NoParams;
  saveFeed: { feed: FeedRecord };
  removeFeed: { url: string };
  papersByIds: { ids: string[] };
  resolvePaperKeys: { keys: string[] };
  citationsByPaperIds: { paperIds: string[]; limitPerPaper: number };
  listEpisodes: { offset: number; limit: number };
  listEpisodesSearch: { query: string; offset: number; limit: number };
  listEpisodesWindow: EpisodeWindowParams;
  listPapers: { minCitations: number; offset: number; limit: number };
  listPapersSearch: { query: string; minCitations: number; offset: number; limit: number };
  listPapersWindow: PaperWindowParams;
  search: { episodeQuery: string; paperQuery: string; limit: number };
  related: { episodeIds: string[]; limit: number };
  graphNeighbourhood: { focus: string; depth: number; limit: number; minCitations: number };
  graphOverview: { limit: number; minCitations: number };
  path: { fromId: string; toId: string };
  stats: NoParams;
  exportEpisodes: NoParams;
  exportPapers: NoParams;
}

/** Parameter names per statement, for the linter and the runtime check in the driver adapter. */
export const CYPHER_PARAMETERS = {
  schemaEpisodeId: [],
  schemaPaperId: [],
  schemaAliasKey: [],
  schemaEpisodePublished: [],
  schemaPaperCitationCount: [],
  schemaEpisodeGuid: [],
  schemaFeedUrl: [],
  schemaGraphChangeKey: [],
  schemaEpisodeSearch: [],
  schemaPaperSearch: [],
  schemaAwait: ['timeoutSeconds'],
  importStoredHashes: ['episodeIds'],
  importDetachCitations: ['episodeIds'],
  importMergePapers: ['papers'],
  importWriteEpisodes: ['episodes'],
  importWriteCitations: ['citations'],
  importRecountPapers: ['paperIds', 'searchNotes'],
  importDropUnusedAliases: ['aliasKeys'],
  episodesByIds: ['ids'],
  episodeIdsByGuids: ['guids'],
  listFeeds: [],
  removeEpisode: ['episodeId'],
  markGraphChanged: ['at'],
  graphChangedAt: [],
  saveFeed: ['feed'],
  removeFeed: ['url'],
  papersByIds: ['ids'],
  resolvePaperKeys: ['keys'],
  citationsByPaperIds: ['paperIds', 'limitPerPaper'],
  listEpisodes: ['offset', 'limit'],
  listEpisodesSearch: ['query', 'offset', 'limit'],
  listEpisodesWindow: [
    'afterId',
    'afterPublished',
    'beforeId',
    'beforePublished',
    'fromEnd',
    'limit',
  ],
  listPapers: ['minCitations', 'offset', 'limit'],
  listPapersSearch: ['query', 'minCitations', 'offset', 'limit'],
  listPapersWindow: [
    'afterId',
    'afterCount',
    'beforeId',
    'beforeCount',
    'minCitations',
    'fromEnd',
    'limit',
  ],
  search: ['episodeQuery', 'paperQuery', 'limit'],
  related: ['episodeIds', 'limit'],
  graphNeighbourhood: ['focus', 'depth', 'limit', 'minCitations'],
  graphOverview: ['limit', 'minCitations'],
  path: ['fromId', 'toId'],
  stats: [],
  exportEpisodes: [],
  exportPapers: [],
  ...METADATA_CYPHER_PARAMETERS,
  ...PATHS_CYPHER_PARAMETERS,
} as const satisfies { [K in StatementName]: readonly (keyof CypherParams[K])[] };

// Compile-time check that no typed parameter is missing from CYPHER_PARAMETERS.
type UnlistedParameter = {
  [K in StatementName]: Exclude<keyof CypherParams[K], (typeof CYPHER_PARAMETERS)[K][number]>;
}[StatementName];
export const everyParameterListed: [UnlistedParameter] extends [never] ? true : UnlistedParameter =
  true;

/** The statements `ensureSchema` runs, in order. */
export const SCHEMA_STATEMENTS = [
  'schemaEpisodeId',
  'schemaPaperId',
  'schemaAliasKey',
  'schemaEpisodePublished',
  'schemaPaperCitationCount',
  'schemaEpisodeGuid',
  'schemaFeedUrl',
  'schemaGraphChangeKey',
  'schemaEpisodeSearch',
  'schemaPaperSearch',
  ...METADATA_SCHEMA_STATEMENTS,
] as const satisfies readonly StatementName[];

export type SchemaStatementName = (typeof SCHEMA_STATEMENTS)[number];

/** The database schema the statements are written against (the linter checks them against it). */
export const GRAPH_SCHEMA = {
  labels: ['Episode', 'Paper', 'Alias', 'Feed', 'GraphChange', ...METADATA_GRAPH_SCHEMA.labels],
  relationshipTypes: ['CITES', 'ALIAS_OF', ...METADATA_GRAPH_SCHEMA.relationshipTypes],
  propertyKeys: [
    // Episode
    'id',
    'title',
    'publishedAt',
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
    // CITES
    'kind',
    'position',
    'note',
    ...METADATA_GRAPH_SCHEMA.propertyKeys,
  ],
  /** (from label, relationship type, to label) triples that exist. */
  patterns: [
    { from: 'Episode', relType: 'CITES', to: 'Paper' },
    { from: 'Alias', relType: 'ALIAS_OF', to: 'Paper' },
    ...METADATA_GRAPH_SCHEMA.patterns,
  ],
} as const;
