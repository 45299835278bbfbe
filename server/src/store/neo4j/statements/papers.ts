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
export const PAPER_PROJECTION = 'p {.id, .title, .url, .arxivId, .doi, .aliases, .citationCount}';

/** A paper known only from metadata (another paper's reference) `m`, read as a paper no episode cites. */
export const REFERENCE_PROJECTION =
  'm {id: m.paperId, .title, .url, .arxivId, .doi, aliases: [m.paperId], citationCount: 0}';

/** The paper `p` with the id `id`, or else the reference `m` known by it: metadata is read only then. */
export const PAPER_OR_REFERENCE = `OPTIONAL MATCH (p:Paper {id: id})
OPTIONAL CALL (p, id) {
  WITH p, id
  WHERE p IS NULL
  MATCH (m:PaperMetadata {paperId: id})
  RETURN m
}
`;

/**
 * The stored paper id a candidate `key` names: an exact id wins over an alias, an alias over a paper
 * known only from metadata, which is found by its id, then by the arXiv id or DOI its metadata gives;
 * among several the smallest id (as the embedded store).
 */
export const RESOLVED_KEY = `coalesce(
         COLLECT { MATCH (p:Paper {id: key}) RETURN p.id }[0],
         COLLECT { MATCH (:Alias {key: key})-[:ALIAS_OF]->(p:Paper) RETURN p.id ORDER BY p.id LIMIT 1 }[0],
         COLLECT { MATCH (m:PaperMetadata {paperId: key}) RETURN m.paperId }[0],
         COLLECT { MATCH (m:PaperMetadata) WHERE key STARTS WITH 'arxiv:' AND m.arxivId = substring(key, 6)
                   RETURN m.paperId ORDER BY m.paperId LIMIT 1 }[0],
         COLLECT { MATCH (m:PaperMetadata) WHERE key STARTS WITH 'doi:' AND toLower(m.doi) = substring(key, 4)
                   RETURN m.paperId ORDER BY m.paperId LIMIT 1 }[0]
       )`;

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
  /**
   * Papers of the graph, then those known only from metadata (another paper's reference), uncited;
   * each with the title its metadata gives (one index seek; null when it has none).
   */
  papersByIds: cypher<{ ids: string[] }>(
    `UNWIND $ids AS id
` +
      PAPER_OR_REFERENCE +
      `WITH id, p, m
WHERE p IS NOT NULL OR m IS NOT NULL
RETURN coalesce(` +
      PAPER_PROJECTION +
      `,
                ` +
      REFERENCE_PROJECTION +
      `) AS paper,
       CASE WHEN p IS NULL THEN m.title
            ELSE COLLECT { MATCH (k:PaperMetadata {paperId: id}) RETURN k.title }[0] END AS metadataTitle`,
  ),

  /** Each key's stored paper id (RESOLVED_KEY), null when none. */
  resolvePaperKeys: cypher<{ keys: string[] }>(
    `UNWIND $keys AS key
RETURN key,
       ` +
      RESOLVED_KEY +
      ` AS paperId`,
  ),

  /**
   * paperCitedBy as one statement: the first of $keys that resolves (as resolvePaperKeys), the paper
   * (or the reference known only from metadata, which no episode cites), and its first $limit
   * citations in citationsByPaperIds' order, each with what lists show of its episode: a list in
   * records.ts toPaperCitedBy's column order, not a map, so no keys travel with each citation.
   */
  paperCitedBy: cypher<{ keys: string[]; limit: number }>(
    `UNWIND range(0, size($keys) - 1) AS i
WITH i, $keys[i] AS key
WITH i, ` +
      RESOLVED_KEY +
      ` AS paperId
WHERE paperId IS NOT NULL
WITH paperId
ORDER BY i
LIMIT 1
WITH paperId AS id
` +
      PAPER_OR_REFERENCE +
      `RETURN coalesce(` +
      PAPER_PROJECTION +
      `, ` +
      REFERENCE_PROJECTION +
      `) AS paper,
       COLLECT {
         MATCH (e:Episode)-[c:CITES]->(p)
         RETURN [c.kind, c.note, c.position, c.discussedAt, e.id, e.title, e.publishedAt, e.sourcePaperId] AS citation
         ORDER BY c.kind = 'SOURCE' DESC, e.publishedAt IS NULL, e.publishedAt DESC, e.id, c.position
         LIMIT $limit
       } AS citations`,
  ),

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
