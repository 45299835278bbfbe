// Full-text search over episodes and papers together, and over transcripts.
import { cypher } from './declare.ts';

export const SEARCH_CYPHER = {
  /**
   * Best `limit` of each kind (papers of the graph, and papers known only as a reference by their
   * metadata's text), then merged: score desc, episodes before papers on ties, then id.
   */
  search: cypher<{
    episodeQuery: string;
    paperQuery: string;
    referenceQuery: string;
    limit: number;
  }>(`CALL () {
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
  UNION ALL
  CALL db.index.fulltext.queryNodes('paper_metadata_search', $referenceQuery) YIELD node, score
  WITH node, score
  WHERE NOT EXISTS { MATCH (:Paper {id: node.paperId}) }
  WITH node, score
  ORDER BY score DESC, node.paperId
  LIMIT $limit
  RETURN 'PAPER' AS kind, node.paperId AS id, score
}
RETURN kind, id, score
ORDER BY score DESC, kind, id
LIMIT $limit`),

  /**
   * Episodes whose transcript passages match (of one show when `$show` is given): each episode's best
   * passage (score desc, then its position), the best `limit` episodes (score desc, then id).
   */
  searchTranscripts: cypher<{ query: string; show: string | null; limit: number }>(
    `CALL db.index.fulltext.queryNodes('transcript_search', $query) YIELD node, score
MATCH (e:Episode)-[:HAS_PASSAGE]->(node)
WHERE $show IS NULL OR EXISTS { MATCH (e)-[:IN_SHOW]->(:Show {id: $show}) }
WITH e, node, score
ORDER BY score DESC, node.position
WITH e, collect(node {.startsJson, .text, score: score})[0] AS best
RETURN e.id AS episodeId, best.score AS score, best.startsJson AS startsJson, best.text AS text
ORDER BY score DESC, episodeId
LIMIT $limit`,
  ),
} as const;
