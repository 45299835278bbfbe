// Shows: the podcast each episode belongs to, `(:Episode)-[:IN_SHOW]->(:Show)`. Written by the import
// (an episode keeps the first show it was stored with), read by id, listed, and used to narrow the
// episode and paper lists, search and the graph overview to one show.
import type { ShowRecord } from '../../../domain/model.ts';
import { cypher } from './declare.ts';
import { pageItem } from './episodes.ts';
import { OVERVIEW_SELECTION, RANKED_NODE_ROWS } from './graph.ts';

/** An episode that the import gives a show, if it has none yet. */
interface ShowAssignmentParam {
  episodeId: string;
  showId: string;
}

interface ShowEpisodeWindowParams {
  show: string;
  upperKey: string;
  upperId: string;
  lowerKey: string;
  lowerId: string;
  limit: number;
  whole: boolean;
}

interface ShowPaperWindowParams {
  show: string;
  upperCount: number;
  upperId: string;
  lowerCount: number;
  lowerId: string;
  minCitations: number;
  limit: number;
}

/** A show `s` as every show read returns it, with its episodes counted. */
const SHOW_PROJECTION =
  's {.id, .title, .link, .imageUrl, .author, .feedUrl, episodeCount: COUNT { (s)<-[:IN_SHOW]-(:Episode) }}';

/** The episode record projection of episodes.ts, repeated literally so each statement reads whole. */
const EPISODE_ITEM = `e {.id, .title, .publishedAt, .paperPublishedAt, .durationMinutes, .summary, .takeaways, .chaptersJson, .extrasJson, .sourcePaperId,
         showId: $show,
         citations: [(e)-[c:CITES]->(p:Paper) | {paperId: p.id, kind: c.kind, note: c.note, position: c.position, discussedAt: c.discussedAt}]}`;

const PAPER_ITEM = 'p {.id, .title, .url, .arxivId, .doi, .aliases, .citationCount}';

const EPISODE_PAGE =
  `
WITH collect(e) AS page
RETURN COUNT { MATCH (:Show {id: $show})<-[:IN_SHOW]-(counted:Episode) } AS totalCount,
       [e IN page | ` +
  pageItem(EPISODE_ITEM) +
  `] AS items`;

// Ties at either bound filtered by CASE, as the unfiltered window (episodes.ts).
const EPISODE_WINDOW = `MATCH (:Show {id: $show})<-[:IN_SHOW]-(e:Episode)
WHERE e.newestKey <= $upperKey AND e.newestKey >= $lowerKey
  AND CASE WHEN e.newestKey = $upperKey THEN e.id > $upperId ELSE true END
  AND CASE WHEN e.newestKey = $lowerKey THEN e.id < $lowerId ELSE true END
WITH e
`;

/** The distinct papers the show's episodes cite, `p`, at $minCitations or more. */
const SHOW_PAPERS = `MATCH (:Show {id: $show})<-[:IN_SHOW]-(:Episode)-[:CITES]->(p:Paper)
WHERE p.citationCount >= $minCitations
WITH DISTINCT p
`;

const PAPER_PAGE =
  `
WITH collect(` +
  PAPER_ITEM +
  `) AS items
RETURN COUNT { MATCH (:Show {id: $show})<-[:IN_SHOW]-(:Episode)-[:CITES]->(counted:Paper)
               WHERE counted.citationCount >= $minCitations RETURN DISTINCT counted } AS totalCount, items`;

const PAPER_WINDOW =
  SHOW_PAPERS +
  `WHERE p.citationCount <= $upperCount AND p.citationCount >= $lowerCount
  AND CASE WHEN p.citationCount = $upperCount THEN p.id > $upperId ELSE true END
  AND CASE WHEN p.citationCount = $lowerCount THEN p.id < $lowerId ELSE true END
WITH p
`;

export const SHOWS_CYPHER = {
  showsStored: cypher<{ ids: string[] }>(`UNWIND $ids AS id
MATCH (s:Show {id: id})
RETURN s {.id, .title, .link, .imageUrl, .author, .feedUrl} AS show`),

  /** Creates or rewrites the shows as given (the newest import says what a show is called). */
  showsWrite: cypher<{ shows: ShowRecord[] }>(`UNWIND $shows AS show
MERGE (s:Show {id: show.id})
SET s.title = show.title,
    s.link = show.link,
    s.imageUrl = show.imageUrl,
    s.author = show.author,
    s.feedUrl = show.feedUrl
RETURN count(s) AS shows`),

  /** Links each episode to its show unless it has one already; returns the episodes linked. */
  showsAssign: cypher<{ assignments: ShowAssignmentParam[] }>(`UNWIND $assignments AS assignment
MATCH (e:Episode {id: assignment.episodeId})
WHERE NOT EXISTS { MATCH (e)-[:IN_SHOW]->(:Show) }
MATCH (s:Show {id: assignment.showId})
CREATE (e)-[:IN_SHOW]->(s)
RETURN e.id AS episodeId`),

  /** Undoes showsAssign for these episodes. */
  showsUnassign: cypher<{ episodeIds: string[] }>(`UNWIND $episodeIds AS episodeId
MATCH (:Episode {id: episodeId})-[r:IN_SHOW]->(:Show)
DELETE r
RETURN count(*) AS unassigned`),

  /** Undoes the creation of these shows. */
  showsDelete: cypher<{ ids: string[] }>(`UNWIND $ids AS id
MATCH (s:Show {id: id})
DETACH DELETE s
RETURN count(*) AS deleted`),

  /** Whether a one-time data migration (by key) has run. */
  showsMigrationDone: cypher<{ key: string }>(`OPTIONAL MATCH (m:DataMigration {key: $key})
RETURN m IS NOT NULL AS done`),

  /** Every episode with a source paper and without a show joins $legacyShow (created if missing). */
  showsMigrateEpisodes: cypher<{ legacyShow: ShowRecord }>(`MATCH (e:Episode)
WHERE e.sourcePaperId IS NOT NULL AND NOT EXISTS { MATCH (e)-[:IN_SHOW]->(:Show) }
WITH collect(e) AS episodes
WHERE size(episodes) > 0
MERGE (s:Show {id: $legacyShow.id})
ON CREATE SET s.title = $legacyShow.title,
    s.link = $legacyShow.link,
    s.imageUrl = $legacyShow.imageUrl,
    s.author = $legacyShow.author,
    s.feedUrl = $legacyShow.feedUrl
WITH s, episodes
UNWIND episodes AS e
CREATE (e)-[:IN_SHOW]->(s)
RETURN count(e) AS assigned`),

  showsMarkMigrated: cypher<{ key: string }>(`MERGE (m:DataMigration {key: $key})
RETURN m.key AS key`),

  exportShows: cypher(`MATCH (s:Show)
RETURN s {.id, .title, .link, .imageUrl, .author, .feedUrl} AS show
ORDER BY s.id`),

  showsByIds: cypher<{ ids: string[] }>(
    `UNWIND $ids AS id
MATCH (s:Show {id: id})
RETURN ` +
      SHOW_PROJECTION +
      ` AS show`,
  ),

  /** Shows by title; with `$query`, only those whose title contains it, ignoring case. */
  listShows: cypher<{ offset: number; limit: number; query: string | null }>(
    `MATCH (s:Show)
WHERE $query IS NULL OR toLower(s.title) CONTAINS toLower($query)
WITH s
ORDER BY s.title, s.id
SKIP $offset
LIMIT $limit
WITH collect(` +
      SHOW_PROJECTION +
      `) AS items
RETURN COUNT {
  MATCH (counted:Show)
  WHERE $query IS NULL OR toLower(counted.title) CONTAINS toLower($query)
} AS totalCount, items`,
  ),

  /** A show's episodes, newest first (undated last, then id). */
  listShowEpisodes: cypher<{ show: string; offset: number; limit: number; whole: boolean }>(
    `MATCH (:Show {id: $show})<-[:IN_SHOW]-(e:Episode)
WITH e
ORDER BY e.newestKey DESC, e.id
SKIP $offset
LIMIT $limit` + EPISODE_PAGE,
  ),

  listShowEpisodesWindow: cypher<ShowEpisodeWindowParams>(
    EPISODE_WINDOW +
      `ORDER BY e.newestKey DESC, e.id
LIMIT $limit` +
      EPISODE_PAGE,
  ),

  listShowEpisodesWindowFromEnd: cypher<ShowEpisodeWindowParams>(
    EPISODE_WINDOW +
      `ORDER BY e.newestKey ASC, e.id DESC
LIMIT $limit` +
      EPISODE_PAGE,
  ),

  listShowEpisodesSearch: cypher<{
    show: string;
    query: string;
    offset: number;
    limit: number;
    whole: boolean;
  }>(
    `CALL db.index.fulltext.queryNodes('episode_search', $query) YIELD node, score
WITH node, score
WHERE EXISTS { MATCH (node)-[:IN_SHOW]->(:Show {id: $show}) }
WITH node, score
ORDER BY score DESC, node.id
WITH collect(node) AS hits
RETURN size(hits) AS totalCount,
       [e IN hits[$offset..($offset + $limit)] | ` +
      pageItem(EPISODE_ITEM) +
      `] AS items`,
  ),

  /** Papers the show's episodes cite, most cited first. */
  listShowPapers: cypher<{ show: string; minCitations: number; offset: number; limit: number }>(
    SHOW_PAPERS +
      `ORDER BY p.citationCount DESC, p.id
SKIP $offset
LIMIT $limit` +
      PAPER_PAGE,
  ),

  listShowPapersWindow: cypher<ShowPaperWindowParams>(
    PAPER_WINDOW +
      `ORDER BY p.citationCount DESC, p.id
LIMIT $limit` +
      PAPER_PAGE,
  ),

  listShowPapersWindowFromEnd: cypher<ShowPaperWindowParams>(
    PAPER_WINDOW +
      `ORDER BY p.citationCount ASC, p.id DESC
LIMIT $limit` +
      PAPER_PAGE,
  ),

  listShowPapersSearch: cypher<{
    show: string;
    query: string;
    minCitations: number;
    offset: number;
    limit: number;
  }>(
    `CALL db.index.fulltext.queryNodes('paper_search', $query) YIELD node, score
WITH node, score
WHERE node.citationCount >= $minCitations
  AND EXISTS { MATCH (node)<-[:CITES]-(:Episode)-[:IN_SHOW]->(:Show {id: $show}) }
WITH node, score
ORDER BY score DESC, node.id
WITH collect(node) AS hits
RETURN size(hits) AS totalCount,
       [p IN hits[$offset..($offset + $limit)] | ` +
      PAPER_ITEM +
      `] AS items`,
  ),

  /**
   * search (search.ts) within one show: its episodes and the papers they cite; a paper known only as
   * a reference is cited by no episode, so by no show.
   */
  searchShow: cypher<{ show: string; episodeQuery: string; paperQuery: string; limit: number }>(
    `CALL () {
  CALL db.index.fulltext.queryNodes('episode_search', $episodeQuery) YIELD node, score
  WITH node, score
  WHERE EXISTS { MATCH (node)-[:IN_SHOW]->(:Show {id: $show}) }
  WITH node, score
  ORDER BY score DESC, node.id
  LIMIT $limit
  RETURN 'EPISODE' AS kind, node.id AS id, score
  UNION ALL
  CALL db.index.fulltext.queryNodes('paper_search', $paperQuery) YIELD node, score
  WITH node, score
  WHERE EXISTS { MATCH (node)<-[:CITES]-(:Episode)-[:IN_SHOW]->(:Show {id: $show}) }
  WITH node, score
  ORDER BY score DESC, node.id
  LIMIT $limit
  RETURN 'PAPER' AS kind, node.id AS id, score
}
RETURN kind, id, score
ORDER BY score DESC, kind, id
LIMIT $limit`,
  ),

  /** graphOverview (graph.ts) over one show's episodes and the papers they cite. */
  graphShowOverview: cypher<{ show: string; limit: number; minCitations: number }>(
    `MATCH (:Show {id: $show})<-[:IN_SHOW]-(e:Episode)
WHERE $minCitations <= 1 OR EXISTS { MATCH (e)-[:CITES]->(kept:Paper) WHERE kept.citationCount >= $minCitations }
` +
      OVERVIEW_SELECTION +
      `CALL (selected) {
  UNWIND CASE WHEN $minCitations > 1 AND size(selected) = $limit - 1 THEN selected ELSE [] END AS shown
  MATCH (shown:Paper)<-[:CITES]-(late:Episode)-[:IN_SHOW]->(:Show {id: $show})
  WHERE NOT late IN selected
  WITH DISTINCT late
  ORDER BY late.publishedAt IS NULL, late.publishedAt DESC, late.id
  LIMIT 1
  RETURN collect(late) AS lastSlot
}
WITH selected + lastSlot AS selected
WITH selected,
  COUNT { MATCH (:Show {id: $show})<-[:IN_SHOW]-(e:Episode) WHERE $minCitations <= 1 OR EXISTS { MATCH (e)-[:CITES]->(kept:Paper) WHERE kept.citationCount >= $minCitations } }
    + COUNT { MATCH (:Show {id: $show})<-[:IN_SHOW]-(:Episode)-[:CITES]->(p:Paper) WHERE p.citationCount >= $minCitations RETURN DISTINCT p }
    > size(selected) AS truncated\n` +
      RANKED_NODE_ROWS,
  ),
} as const;
