// Kùzu's schema and the Cypher for the questions the bench times on papergraph, with the same
// definitions: related = two hops over CITES scored by Adamic–Adar (each shared paper adds 1/ln of how
// many episodes cite it; papers cited once add nothing), citedBy = source citations first, then newest
// episode first (undated last), then episode id.
export const KUZU_SCHEMA = [
  'CREATE NODE TABLE Episode(id STRING, title STRING, published DATE, summary STRING, details STRING, notes STRING, PRIMARY KEY(id))',
  'CREATE NODE TABLE Paper(id STRING, title STRING, arxivId STRING, doi STRING, identifiers STRING, notes STRING, PRIMARY KEY(id))',
  'CREATE REL TABLE CITES(FROM Episode TO Paper, kind STRING, position INT64)',
];

/** The search indexes papergraph keeps (episodes_fts, papers_fts: same fields, Porter stemming), in Kùzu's FTS. */
export const KUZU_SEARCH_INDEXES = [
  "CALL CREATE_FTS_INDEX('Episode', 'episode_text', ['title', 'summary', 'details', 'notes'], stemmer := 'porter')",
  "CALL CREATE_FTS_INDEX('Paper', 'paper_text', ['title', 'identifiers', 'notes'], stemmer := 'porter')",
];

export const KUZU_STATS =
  'MATCH (e:Episode) WITH count(e) AS episodes ' +
  'MATCH (p:Paper) WITH episodes, count(p) AS papers ' +
  'MATCH (:Episode)-[c:CITES]->(:Paper) RETURN episodes, papers, count(c) AS citations';

export const KUZU_RELATED =
  'MATCH (e:Episode {id: $id})-[:CITES]->(p:Paper)<-[:CITES]-(citer:Episode) ' +
  'WITH p, count(citer) AS degree WHERE degree >= 2 ' +
  'MATCH (p)<-[:CITES]-(other:Episode) WHERE other.id <> $id ' +
  'RETURN other.id AS id, other.title AS title, sum(1.0 / ln(degree)) AS score, collect(p.id) AS shared ' +
  'ORDER BY score DESC, id LIMIT 10';

export const KUZU_CITED_BY =
  'MATCH (e:Episode)-[c:CITES]->(p:Paper {id: $id}) ' +
  "RETURN e.title AS title ORDER BY CASE WHEN c.kind = 'SOURCE' THEN 0 ELSE 1 END, " +
  'CASE WHEN e.published IS NULL THEN 1 ELSE 0 END, e.published DESC, e.id LIMIT 50';

/** What the parent hands the Kùzu worker to time, the same sample papergraph's query rows used. */
export interface KuzuWorkerSample {
  episodeIds: string[];
  paperId: string;
  relatedSamples: number;
  citedBySamples: number;
}
