// Papers: batched look-ups, who cites them, the list and its pages, the export.
import { cypher } from './declare.ts';

/**
 * A keyset window over listPapers' order (citationCount desc, id asc) as index ranges, like the
 * episodes' window (episodes.ts): strictly below the upper key, strictly above the lower one; the store
 * passes sentinels for absent bounds.
 */
interface PaperWindowParams {
  upperCount: number;
  upperId: string;
  lowerCount: number;
  lowerId: string;
  minCitations: number;
  limit: number;
}

/** A paper `p` as every paper read returns it. */
const PAPER_PROJECTION = 'p {.id, .title, .url, .arxivId, .doi, .aliases, .citationCount}';

const WINDOW = `MATCH (p:Paper)
USING INDEX p:Paper(citationCount)
WHERE p.citationCount >= $minCitations AND p.citationCount <= $upperCount AND p.citationCount >= $lowerCount
  AND CASE WHEN p.citationCount = $upperCount THEN p.id > $upperId ELSE true END
  AND CASE WHEN p.citationCount = $lowerCount THEN p.id < $lowerId ELSE true END
WITH p
`;

const PAGE =
  `
WITH collect(` +
  PAPER_PROJECTION +
  `) AS items
RETURN COUNT { MATCH (counted:Paper) WHERE counted.citationCount >= $minCitations } AS totalCount, items`;

export const PAPERS_CYPHER = {
  /** Papers of the graph, then those known only from metadata (another paper's reference), uncited. */
  papersByIds: cypher<{ ids: string[] }>(
    `UNWIND $ids AS id
OPTIONAL MATCH (p:Paper {id: id})
OPTIONAL MATCH (m:PaperMetadata {paperId: id})
WITH p, m
WHERE p IS NOT NULL OR m IS NOT NULL
RETURN coalesce(` +
      PAPER_PROJECTION +
      `,
                m {id: m.paperId, .title, .url, .arxivId, .doi, aliases: [m.paperId], citationCount: 0}) AS paper`,
  ),

  /**
   * An exact id wins over an alias, an alias over a paper known only from metadata, which is found by
   * its id, then by the arXiv id or DOI its metadata gives; among several the smallest id (as the
   * embedded store).
   */
  resolvePaperKeys: cypher<{ keys: string[] }>(`UNWIND $keys AS key
RETURN key,
       coalesce(
         COLLECT { MATCH (p:Paper {id: key}) RETURN p.id }[0],
         COLLECT { MATCH (:Alias {key: key})-[:ALIAS_OF]->(p:Paper) RETURN p.id ORDER BY p.id LIMIT 1 }[0],
         COLLECT { MATCH (m:PaperMetadata {paperId: key}) RETURN m.paperId }[0],
         COLLECT { MATCH (m:PaperMetadata) WHERE key STARTS WITH 'arxiv:' AND m.arxivId = substring(key, 6)
                   RETURN m.paperId ORDER BY m.paperId LIMIT 1 }[0],
         COLLECT { MATCH (m:PaperMetadata) WHERE key STARTS WITH 'doi:' AND toLower(m.doi) = substring(key, 4)
                   RETURN m.paperId ORDER BY m.paperId LIMIT 1 }[0]
       ) AS paperId`),

  /** The first $limitPerPaper citations of each paper; rows arrive grouped by paper, each group in citation order. */
  citationsByPaperIds: cypher<{
    paperIds: string[];
    limitPerPaper: number;
  }>(`UNWIND $paperIds AS paperId
CALL (paperId) {
  MATCH (e:Episode)-[c:CITES]->(:Paper {id: paperId})
  RETURN e.id AS episodeId, c.kind AS kind, c.note AS note, c.position AS position,
         c.discussedAt AS discussedAt
  ORDER BY c.kind = 'SOURCE' DESC, e.publishedAt IS NULL, e.publishedAt DESC, e.id, c.position
  LIMIT $limitPerPaper
}
RETURN paperId, episodeId, kind, note, position, discussedAt`),

  listPapers: cypher<{ minCitations: number; offset: number; limit: number }>(
    `MATCH (p:Paper)
WHERE p.citationCount >= $minCitations
WITH p
ORDER BY p.citationCount DESC, p.id
SKIP $offset
LIMIT $limit` + PAGE,
  ),

  /** Strictly between the bounds, first $limit in list order. */
  listPapersWindow: cypher<PaperWindowParams>(
    WINDOW +
      `ORDER BY p.citationCount DESC, p.id
LIMIT $limit` +
      PAGE,
  ),

  /** Strictly between the bounds, last $limit, read backwards (the store turns them round). */
  listPapersWindowFromEnd: cypher<PaperWindowParams>(
    WINDOW +
      `ORDER BY p.citationCount ASC, p.id DESC
LIMIT $limit` +
      PAGE,
  ),

  listPapersSearch: cypher<{
    query: string;
    minCitations: number;
    offset: number;
    limit: number;
  }>(
    `CALL db.index.fulltext.queryNodes('paper_search', $query) YIELD node, score
WITH node, score
WHERE node.citationCount >= $minCitations
WITH node, score
ORDER BY score DESC, node.id
WITH collect(node) AS hits
RETURN size(hits) AS totalCount,
       [p IN hits[$offset..($offset + $limit)] | ` +
      PAPER_PROJECTION +
      `] AS items`,
  ),

  exportPapers: cypher(
    `MATCH (p:Paper)
RETURN ` +
      PAPER_PROJECTION +
      ` AS paper
ORDER BY p.id`,
  ),
} as const;
