// Full-text search over episodes and papers together.
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
} as const;
