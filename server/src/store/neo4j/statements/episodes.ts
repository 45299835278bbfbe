// Episodes: batched look-ups, the list and its pages, the export.
import { cypher } from './declare.ts';

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

/** An episode `e` with its citations, as the lists return them. */
export const EPISODE_PROJECTION = `e {.id, .title, .publishedAt, .paperPublishedAt, .durationMinutes, .summary, .takeaways, .chaptersJson, .extrasJson, .sourcePaperId,
         citations: [(e)-[c:CITES]->(p:Paper) | {paperId: p.id, kind: c.kind, note: c.note, position: c.position}]}`;

export const EPISODES_CYPHER = {
  episodesByIds: cypher<{ ids: string[] }>(`UNWIND $ids AS id
MATCH (e:Episode {id: id})
RETURN e {.id, .title, .publishedAt, .paperPublishedAt, .durationMinutes, .summary, .takeaways, .chaptersJson, .extrasJson, .sourcePaperId} AS episode,
       [(e)-[c:CITES]->(p:Paper) | {paperId: p.id, kind: c.kind, note: c.note, position: c.position}] AS citations`),

  episodeIdsByGuids: cypher<{ guids: string[] }>(`UNWIND $guids AS guid
MATCH (e:Episode {guid: guid})
RETURN guid, e.id AS id`),

  listEpisodes: cypher<{ offset: number; limit: number }>(
    `MATCH (e:Episode)
WITH e
ORDER BY e.publishedAt IS NULL, e.publishedAt DESC, e.id
SKIP $offset
LIMIT $limit
WITH collect(e) AS page
RETURN COUNT { MATCH (counted:Episode) } AS totalCount,
       [e IN page | ` +
      EPISODE_PROJECTION +
      `] AS items`,
  ),

  /** Strictly after / before a key in listEpisodes' order (undated episodes last). */
  listEpisodesWindow: cypher<EpisodeWindowParams>(
    `MATCH (e:Episode)
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
       [e IN page | ` +
      EPISODE_PROJECTION +
      `] AS items`,
  ),

  listEpisodesSearch: cypher<{
    query: string;
    offset: number;
    limit: number;
  }>(
    `CALL db.index.fulltext.queryNodes('episode_search', $query) YIELD node, score
WITH node, score
ORDER BY score DESC, node.id
WITH collect(node) AS hits
RETURN size(hits) AS totalCount,
       [e IN hits[$offset..($offset + $limit)] | ` +
      EPISODE_PROJECTION +
      `] AS items`,
  ),

  exportEpisodes: cypher(`MATCH (e:Episode)
RETURN e {.id, .title, .publishedAt, .paperPublishedAt, .durationMinutes, .summary, .takeaways, .chaptersJson, .extrasJson, .sourcePaperId} AS episode,
       [(e)-[c:CITES]->(p:Paper) | {paperId: p.id, kind: c.kind, note: c.note, position: c.position}] AS citations
ORDER BY e.id`),
} as const;
