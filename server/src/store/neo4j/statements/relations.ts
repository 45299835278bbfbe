// Relations between episodes and their clusters (server/src/relations/): what a write persists, in
// the write's own transaction, and what the related, cluster and map reads answer from.
//
// Graph model
//   (:Episode)-[:RELATED {rank, score, reasons}]->(:Episode)
//       an episode's strongest relations, rank 0 first. `reasons` is RelationReason[] as JSON text:
//       a property cannot hold a list of maps, and reasons are only ever read whole.
//   (:Cluster {id, label, size, terms, topPaperIds})
//   (:Episode)-[:IN_CLUSTER {rank}]->(:Cluster)   rank 0 = the cluster's most connected member
//   (:RelationsKept {key: 'relations'})   present once relations are kept for this graph: a graph
//       with episodes and without it predates relations and gets them computed once.
import { cypher } from './declare.ts';

/** One stored relation of `relationsWrite`. */
export interface RelationParam {
  episodeId: string;
  relatedId: string;
  /** 0 for the episode's strongest relation. */
  rank: number;
  score: number;
  /** RelationReason[] as JSON. */
  reasons: string;
}

/** One cluster of `relationsWriteClusters`, members most connected first. */
export interface ClusterParam {
  id: string;
  label: string;
  size: number;
  terms: string[];
  topPaperIds: string[];
  episodeIds: string[];
}

/** An episode as the relations read it: its record's fields and its citations. */
const CORPUS_EPISODE = `e {.id, .title, .publishedAt, .paperPublishedAt, .durationMinutes, .summary, .takeaways, .chaptersJson, .extrasJson, .sourcePaperId} AS episode,
       [(e)-[c:CITES]->(p:Paper) | {paperId: p.id, kind: c.kind, note: c.note, position: c.position}] AS citations`;

/** What metadata `m` (possibly null) says a paper cites, in its order, and is about. */
const PAPER_FACTS = `coalesce(m.topics, []) AS topics,
       COLLECT { MATCH (m)-[r:REFERENCES]->(cited:PaperMetadata) WITH r, cited ORDER BY r.position RETURN cited.paperId } AS references`;

export const RELATIONS_CYPHER = {
  schemaClusterId: cypher(
    `CREATE CONSTRAINT cluster_id_unique IF NOT EXISTS FOR (c:Cluster) REQUIRE c.id IS UNIQUE`,
  ),

  schemaClusterSize: cypher(`CREATE INDEX cluster_size IF NOT EXISTS FOR (c:Cluster) ON (c.size)`),

  schemaRelationsKeptKey: cypher(
    `CREATE CONSTRAINT relations_kept_key_unique IF NOT EXISTS FOR (k:RelationsKept) REQUIRE k.key IS UNIQUE`,
  ),

  /** Whether this graph has episodes whose relations were never computed (it predates them). */
  relationsMissing: cypher(`RETURN EXISTS { MATCH (:Episode) }
  AND NOT EXISTS { MATCH (:RelationsKept {key: 'relations'}) } AS missing`),

  /** Whether the graph's relations are marked as kept (a rolled-back import leaves the mark as it found it). */
  relationsKept: cypher(`RETURN EXISTS { MATCH (:RelationsKept {key: 'relations'}) } AS kept`),

  relationsForget: cypher(`MATCH (k:RelationsKept {key: 'relations'})
DELETE k
RETURN count(*) AS forgotten`),

  /**
   * Every episode but $excludedIds (those the change replaces anyway), for the relation index, with
   * its first $limit stored relations (the cluster graph).
   */
  relationsCorpusEpisodes: cypher<{ limit: number; excludedIds: string[] }>(
    `MATCH (e:Episode)
WHERE NOT e.id IN $excludedIds
RETURN ` +
      CORPUS_EPISODE +
      `,
       COLLECT { MATCH (e)-[r:RELATED]->(other:Episode) WHERE r.rank < $limit
                 WITH r, other ORDER BY r.rank
                 RETURN {episodeId: other.id, score: r.score} } AS strongest
ORDER BY e.id`,
  ),

  /**
   * Every paper but those of $excludedIds metadata says nothing about (papers the change brings,
   * which no other episode cites) and every work metadata names: its title (a paper's own, else what metadata names it) and what metadata
   * says it cites and is about.
   */
  relationsCorpusPapers: cypher<{ excludedIds: string[] }>(
    `CALL () {
  MATCH (p:Paper)
  OPTIONAL MATCH (m:PaperMetadata {paperId: p.id})
  WITH p, m
  WHERE m IS NOT NULL OR NOT p.id IN $excludedIds
  RETURN p.id AS paperId, p.title AS title, m
  UNION
  MATCH (m:PaperMetadata)
  WHERE NOT EXISTS { MATCH (:Paper {id: m.paperId}) }
  RETURN m.paperId AS paperId, m.title AS title, m
}
RETURN paperId, title, ` +
      PAPER_FACTS +
      `
ORDER BY paperId`,
  ),

  /** The same for some papers, titles as a write sees them now: a paper's own, else metadata's. */
  relationsPapersByIds: cypher<{ paperIds: string[] }>(
    `UNWIND $paperIds AS paperId
OPTIONAL MATCH (p:Paper {id: paperId})
OPTIONAL MATCH (m:PaperMetadata {paperId: paperId})
RETURN paperId, coalesce(p.title, m.title) AS title, ` + PAPER_FACTS,
  ),

  /** The stored clusters with their members, for ids that stay stable. */
  relationsCorpusClusters: cypher(`MATCH (c:Cluster)
RETURN c.id AS id,
       COLLECT { MATCH (e:Episode)-[m:IN_CLUSTER]->(c) WITH e, m ORDER BY m.rank RETURN e.id } AS episodeIds
ORDER BY id`),

  /** Replaces the stored relations of each of $episodeIds with the ones of $relations. */
  relationsWrite: cypher<{
    episodeIds: string[];
    relations: RelationParam[];
  }>(`CALL () {
  UNWIND $episodeIds AS episodeId
  MATCH (:Episode {id: episodeId})-[old:RELATED]->()
  DELETE old
}
UNWIND $relations AS relation
MATCH (e:Episode {id: relation.episodeId})
MATCH (other:Episode {id: relation.relatedId})
CREATE (e)-[:RELATED {rank: relation.rank, score: relation.score, reasons: relation.reasons}]->(other)
RETURN count(*) AS relations`),

  /**
   * The clusters become $clusters: the others are deleted, and a cluster's properties and members
   * are written only where they changed, so clusters that stay as they were write nothing. Marks the
   * graph's relations as kept.
   */
  relationsWriteClusters: cypher<{
    clusters: ClusterParam[];
  }>(`MERGE (:RelationsKept {key: 'relations'})
WITH [cluster IN $clusters | cluster.id] AS keep
CALL (keep) {
  MATCH (gone:Cluster)
  WHERE NOT gone.id IN keep
  DETACH DELETE gone
}
UNWIND $clusters AS cluster
MERGE (c:Cluster {id: cluster.id})
WITH c, cluster
CALL (c, cluster) {
  WITH c, cluster
  WHERE c.label IS NULL OR c.label <> cluster.label OR c.size <> cluster.size
     OR c.terms <> cluster.terms OR c.topPaperIds <> cluster.topPaperIds
  SET c.label = cluster.label, c.size = cluster.size, c.terms = cluster.terms, c.topPaperIds = cluster.topPaperIds
}
WITH c, cluster,
     COLLECT { MATCH (e:Episode)-[m:IN_CLUSTER]->(c) WITH e, m ORDER BY m.rank RETURN e.id } AS stored
WHERE stored <> cluster.episodeIds
CALL (c) {
  MATCH (:Episode)-[old:IN_CLUSTER]->(c)
  DELETE old
}
CALL (c, cluster) {
  UNWIND range(0, size(cluster.episodeIds) - 1) AS rank
  MATCH (e:Episode {id: cluster.episodeIds[rank]})
  CREATE (e)-[:IN_CLUSTER {rank: rank}]->(c)
}
RETURN count(c) AS rewritten`),

  /** For each of $episodeIds, its first $limit stored relations, best first. */
  relationsOfEpisodes: cypher<{
    episodeIds: string[];
    limit: number;
  }>(`UNWIND $episodeIds AS episodeId
MATCH (:Episode {id: episodeId})-[r:RELATED]->(other:Episode)
WHERE r.rank < $limit
RETURN episodeId, other.id AS relatedId, r.score AS score, r.reasons AS reasons
ORDER BY episodeId, r.rank`),

  /** relationsOfEpisodes with each related episode's summary (what lists and links show of it). */
  relationsWithSummaries: cypher<{
    episodeIds: string[];
    limit: number;
  }>(`UNWIND $episodeIds AS episodeId
MATCH (:Episode {id: episodeId})-[r:RELATED]->(other:Episode)
WHERE r.rank < $limit
RETURN episodeId, other.id AS relatedId, r.score AS score, r.reasons AS reasons,
       other {.id, .title, .publishedAt, .sourcePaperId} AS episode
ORDER BY episodeId, r.rank`),

  /** The episode's summary with its first $limit relations, best first, each with the other's summary. */
  episodeWithRelated: cypher<{
    episodeId: string;
    limit: number;
  }>(`MATCH (e:Episode {id: $episodeId})
RETURN e {.id, .title, .publishedAt, .sourcePaperId} AS episode,
       COLLECT { MATCH (e)-[r:RELATED]->(other:Episode) WHERE r.rank < $limit
                 WITH r, other ORDER BY r.rank
                 RETURN {relatedId: other.id, score: r.score, reasons: r.reasons,
                         episode: other {.id, .title, .publishedAt, .sourcePaperId}} } AS relations`),

  relationsClustersOfEpisodes: cypher<{ episodeIds: string[] }>(`UNWIND $episodeIds AS episodeId
MATCH (:Episode {id: episodeId})-[:IN_CLUSTER]->(c:Cluster)
RETURN episodeId, c.id AS id, c.label AS label, c.size AS size`),

  /** Largest first, then by id. */
  relationsClusters: cypher<{ limit: number }>(`MATCH (c:Cluster)
WITH c
ORDER BY c.size DESC, c.id
LIMIT $limit
RETURN c {.id, .label, .size, .terms, .topPaperIds} AS cluster,
       COLLECT { MATCH (e:Episode)-[m:IN_CLUSTER]->(c) WITH e, m ORDER BY m.rank RETURN e.id } AS episodeIds`),

  /**
   * A map's first read: the clusters in view with their members (one cluster, or all of them largest
   * first; with a show, only its members, and only clusters that have some).
   */
  relationsMapClusters: cypher<{
    clusterId: string | null;
    showId: string | null;
  }>(`MATCH (c:Cluster)
WHERE $clusterId IS NULL OR c.id = $clusterId
WITH c, COLLECT {
  MATCH (e:Episode)-[m:IN_CLUSTER]->(c)
  WHERE $showId IS NULL OR EXISTS { (e)-[:IN_SHOW]->(:Show {id: $showId}) }
  WITH e, m ORDER BY m.rank
  RETURN e.id
} AS episodeIds
ORDER BY c.size DESC, c.id
WHERE size(episodeIds) > 0
RETURN collect(c {.id, .label, .size, .terms, .topPaperIds, episodeIds: episodeIds}) AS clusters`),

  /** Episodes a map may show: their titles and dates and their first $limit relations, best first. */
  relationsMapEpisodes: cypher<{
    episodeIds: string[];
    limit: number;
  }>(`UNWIND $episodeIds AS episodeId
MATCH (e:Episode {id: episodeId})
RETURN e {.id, .title, .publishedAt} AS episode,
       COLLECT { MATCH (e)-[r:RELATED]->(other:Episode) WHERE r.rank < $limit
                 WITH r, other ORDER BY r.rank
                 RETURN {relatedId: other.id, score: r.score, reasons: r.reasons} } AS relations`),
} as const;

export const RELATIONS_SCHEMA_STATEMENTS = [
  'schemaClusterId',
  'schemaClusterSize',
  'schemaRelationsKeptKey',
] as const satisfies readonly (keyof typeof RELATIONS_CYPHER)[];

export const RELATIONS_GRAPH_SCHEMA = {
  labels: ['Cluster', 'RelationsKept'],
  relationshipTypes: ['RELATED', 'IN_CLUSTER'],
  propertyKeys: [
    // RELATED
    'rank',
    'score',
    'reasons',
    // Cluster (id, title as elsewhere)
    'label',
    'size',
    'terms',
    'topPaperIds',
    // parameter maps' keys
    'episodeId',
    'relatedId',
    'episodeIds',
  ],
  patterns: [
    { from: 'Episode', relType: 'RELATED', to: 'Episode' },
    { from: 'Episode', relType: 'IN_CLUSTER', to: 'Cluster' },
  ],
} as const;
