// Episodes: batched look-ups (the heavy record for the episode page, the light summary for lists), the
// newest-first list and its keyset pages, the export.
import { cypher } from './declare.ts';
import { PEOPLE_OF_EPISODE } from './people.ts';

/**
 * Newest first reads the indexed `newestKey` (schema.ts: episode_newest_key): the publication date, ''
 * when undated, so a descending index scan lists undated episodes last with no sort of the whole label.
 * A keyset window (store.ts: Keyset) in index terms: strictly below the upper key and strictly above
 * the lower one, in (newestKey desc, id asc) order. The store passes sentinels for absent bounds, so
 * every predicate stays an index range the planner can seek.
 */
interface EpisodeWindowParams {
  upperKey: string;
  upperId: string;
  lowerKey: string;
  lowerId: string;
  limit: number;
  /** Whole records, or listings (pageItem). */
  whole: boolean;
}

/** An episode `e` with its citations: the record every heavy read returns. */
export const EPISODE_PROJECTION = `e {.id, .title, .publishedAt, .paperPublishedAt, .durationMinutes, .summary, .takeaways, .chaptersJson, .extrasJson, .sourcePaperId,
         showId: COLLECT { MATCH (e)-[:IN_SHOW]->(s:Show) RETURN s.id }[0],
         citations: [(e)-[c:CITES]->(p:Paper) | {paperId: p.id, kind: c.kind, note: c.note, position: c.position, discussedAt: c.discussedAt}]}`;

/** An episode `e` as list pages show it (store.ts: EpisodeListing): its summary and its readings. */
const EPISODE_LISTING_PROJECTION = `e {.id, .title, .publishedAt, .sourcePaperId,
         citations: [(e)-[c:CITES]->(p:Paper) WHERE c.kind <> 'SOURCE' | {paperId: p.id, kind: c.kind, note: c.note, position: c.position, discussedAt: c.discussedAt}]}`;

/**
 * A list page's episode `e`: the whole record (`whole`, the page's own projection of it) when $whole,
 * else its listing; CASE reads only the branch taken, so a listing reads none of the heavy properties.
 */
export const pageItem = (whole: string) =>
  'CASE WHEN $whole THEN ' + whole + ' ELSE ' + EPISODE_LISTING_PROJECTION + ' END';

// The ties at either bound are filtered by CASE, which the planner leaves alone: written as OR or NOT
// it becomes a union of seeks, and the index order is lost.
const WINDOW = `MATCH (e:Episode)
USING INDEX e:Episode(newestKey)
WHERE e.newestKey <= $upperKey AND e.newestKey >= $lowerKey
  AND CASE WHEN e.newestKey = $upperKey THEN e.id > $upperId ELSE true END
  AND CASE WHEN e.newestKey = $lowerKey THEN e.id < $lowerId ELSE true END
WITH e
`;

const PAGE =
  `
WITH collect(e) AS page
RETURN COUNT { MATCH (counted:Episode) } AS totalCount,
       [e IN page | ` +
  pageItem(EPISODE_PROJECTION) +
  `] AS items`;

export const EPISODES_CYPHER = {
  episodesByIds: cypher<{ ids: string[] }>(
    `UNWIND $ids AS id
MATCH (e:Episode {id: id})
RETURN ` +
      EPISODE_PROJECTION +
      ` AS episode`,
  ),

  /** What lists show of an episode (store.ts: EpisodeSummary). */
  episodeSummariesByIds: cypher<{ ids: string[] }>(`UNWIND $ids AS id
MATCH (e:Episode {id: id})
RETURN e {.id, .title, .publishedAt, .sourcePaperId} AS episode`),

  episodeIdsByGuids: cypher<{ guids: string[] }>(`UNWIND $guids AS guid
MATCH (e:Episode {guid: guid})
RETURN guid, e.id AS id`),

  listEpisodes: cypher<{ offset: number; limit: number; whole: boolean }>(
    `MATCH (e:Episode)
WHERE e.newestKey >= ''
WITH e
ORDER BY e.newestKey DESC, e.id
SKIP $offset
LIMIT $limit` + PAGE,
  ),

  /** Strictly between the bounds, first $limit in list order. */
  listEpisodesWindow: cypher<EpisodeWindowParams>(
    WINDOW +
      `ORDER BY e.newestKey DESC, e.id
LIMIT $limit` +
      PAGE,
  ),

  /** Strictly between the bounds, last $limit, read backwards (the store turns them round). */
  listEpisodesWindowFromEnd: cypher<EpisodeWindowParams>(
    WINDOW +
      `ORDER BY e.newestKey ASC, e.id DESC
LIMIT $limit` +
      PAGE,
  ),

  listEpisodesSearch: cypher<{
    query: string;
    offset: number;
    limit: number;
    whole: boolean;
  }>(
    `CALL db.index.fulltext.queryNodes('episode_search', $query) YIELD node, score
WITH node, score
ORDER BY score DESC, node.id
WITH collect(node) AS hits
RETURN size(hits) AS totalCount,
       [e IN hits[$offset..($offset + $limit)] | ` +
      pageItem(EPISODE_PROJECTION) +
      `] AS items`,
  ),

  /**
   * Every episode, with its transcript's passages in order (none when it has no transcript) and its
   * people (people.ts).
   */
  exportEpisodes: cypher(
    `MATCH (e:Episode)
RETURN ` +
      EPISODE_PROJECTION +
      ` AS episode,
       COLLECT { MATCH (e)-[:HAS_PASSAGE]->(t:TranscriptPassage) RETURN t {.startsJson, .text} AS passage ORDER BY t.position } AS passages,
       ` +
      PEOPLE_OF_EPISODE +
      ` AS people
ORDER BY e.id`,
  ),

  /** Graphs imported before newestKey existed get it once, where the schema is set up. */
  fillEpisodeNewestKeys: cypher(`MATCH (e:Episode)
WHERE e.newestKey IS NULL
SET e.newestKey = coalesce(e.publishedAt, '')
RETURN count(e) AS filled`),
} as const;
