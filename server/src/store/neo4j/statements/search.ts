// Full-text search over episodes and papers together, and over transcripts.
import { cypher } from './declare.ts';
import {
  PAPER_OR_REFERENCE,
  PAPER_PROJECTION,
  REFERENCE_PROJECTION,
  RESOLVED_KEY,
} from './papers.ts';

/** searchSources' Lucene queries: null when the text holds nothing searchable (that source is empty). */
interface SearchSourceParams {
  episodeQuery: string | null;
  paperQuery: string | null;
  referenceQuery: string | null;
  transcriptQuery: string | null;
  keys: string[];
  show: string | null;
  limit: number;
}

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

  /**
   * Everything `search` ranks in one statement: the hits of `search` (or of `searchShow` with
   * $show), those of `searchTranscripts`, those of `metadataSearch` and the paper the first resolving
   * of $keys names (`resolvePaperKeys`; neither within a show), each source in its own statement's
   * order, every row with its node (an episode's summary, or the paper or reference papersByIds reads).
   */
  searchSources: cypher<SearchSourceParams>(
    `CALL () {
  CALL () {
    WITH $episodeQuery AS q
    WHERE q IS NOT NULL
    CALL db.index.fulltext.queryNodes('episode_search', q) YIELD node, score
    WITH node, score
    WHERE $show IS NULL OR EXISTS { MATCH (node)-[:IN_SHOW]->(:Show {id: $show}) }
    WITH node, score
    ORDER BY score DESC, node.id
    LIMIT $limit
    RETURN 'EPISODE' AS kind, node.id AS id, score
    UNION ALL
    WITH $paperQuery AS q
    WHERE q IS NOT NULL
    CALL db.index.fulltext.queryNodes('paper_search', q) YIELD node, score
    WITH node, score
    WHERE $show IS NULL OR EXISTS { MATCH (node)<-[:CITES]-(:Episode)-[:IN_SHOW]->(:Show {id: $show}) }
    WITH node, score
    ORDER BY score DESC, node.id
    LIMIT $limit
    RETURN 'PAPER' AS kind, node.id AS id, score
    UNION ALL
    WITH $referenceQuery AS q
    WHERE q IS NOT NULL AND $show IS NULL
    CALL db.index.fulltext.queryNodes('paper_metadata_search', q) YIELD node, score
    WITH node, score
    WHERE NOT EXISTS { MATCH (:Paper {id: node.paperId}) }
    WITH node, score
    ORDER BY score DESC, node.paperId
    LIMIT $limit
    RETURN 'PAPER' AS kind, node.paperId AS id, score
  }
  WITH kind, id, score
  ORDER BY score DESC, kind, id
  LIMIT $limit
  RETURN 'HIT' AS source, kind, id, score, null AS startsJson, null AS text
  UNION ALL
  WITH $transcriptQuery AS q
  WHERE q IS NOT NULL
  CALL db.index.fulltext.queryNodes('transcript_search', q) YIELD node, score
  MATCH (e:Episode)-[:HAS_PASSAGE]->(node)
  WHERE $show IS NULL OR EXISTS { MATCH (e)-[:IN_SHOW]->(:Show {id: $show}) }
  WITH e, node, score
  ORDER BY score DESC, node.position
  WITH e, collect(node {.startsJson, .text, score: score})[0] AS best
  WITH e.id AS id, best
  ORDER BY best.score DESC, id
  LIMIT $limit
  RETURN 'TRANSCRIPT' AS source, 'EPISODE' AS kind, id, best.score AS score,
         best.startsJson AS startsJson, best.text AS text
  UNION ALL
  WITH $referenceQuery AS q
  WHERE q IS NOT NULL AND $show IS NULL
  CALL db.index.fulltext.queryNodes('paper_metadata_search', q) YIELD node AS m, score
  MATCH (:Paper {id: m.paperId})
  WITH m.paperId AS id, score
  ORDER BY score DESC, id
  LIMIT $limit
  RETURN 'METADATA' AS source, 'PAPER' AS kind, id, score, null AS startsJson, null AS text
  UNION ALL
  UNWIND range(0, size($keys) - 1) AS i
  WITH i, $keys[i] AS key
  WITH i, ` +
      RESOLVED_KEY +
      ` AS paperId
  WHERE paperId IS NOT NULL
  WITH paperId
  ORDER BY i
  LIMIT 1
  RETURN 'NAMED' AS source, 'PAPER' AS kind, paperId AS id, null AS score, null AS startsJson,
         null AS text
}
OPTIONAL CALL (kind, id) {
  WITH kind, id
  WHERE kind = 'EPISODE'
  MATCH (e:Episode {id: id})
  RETURN e {.id, .title, .publishedAt, .sourcePaperId} AS node
  UNION ALL
  WITH kind, id
  WHERE kind = 'PAPER'
  ` +
      PAPER_OR_REFERENCE +
      `  RETURN coalesce(` +
      PAPER_PROJECTION +
      `, ` +
      REFERENCE_PROJECTION +
      `) AS node
}
RETURN source, kind, id, score, startsJson, text, node
ORDER BY source, score DESC, kind, id`,
  ),
} as const;
