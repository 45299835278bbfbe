// The Cypher of every shortest path between two nodes (GraphStore.shortestPaths), merged into the
// registry in cypher.ts.

export const PATHS_CYPHER = {
  /**
   * ALL SHORTEST over CITES in either direction (zero hops when both ends are one node). An episode and a
   * paper joined twice (source and reading) give two routes through the same nodes: DISTINCT keeps one.
   * Ordered by the routes' id sequences, as the embedded store walks them; a hop is SOURCE when it joins
   * an episode to its source paper.
   */
  shortestPaths: `OPTIONAL MATCH (startEpisode:Episode {id: $fromId})
OPTIONAL MATCH (startPaper:Paper {id: $fromId})
WITH coalesce(startEpisode, startPaper) AS start
OPTIONAL MATCH (finishEpisode:Episode {id: $toId})
OPTIONAL MATCH (finishPaper:Paper {id: $toId})
WITH start, coalesce(finishEpisode, finishPaper) AS finish
WHERE start IS NOT NULL AND finish IS NOT NULL
MATCH route = ALL SHORTEST (start)-[:CITES]-*(finish)
WITH DISTINCT nodes(route) AS chain
WITH chain, [n IN chain | n.id] AS ids
ORDER BY ids
LIMIT $limit
RETURN [n IN chain | {id: n.id, kind: CASE WHEN n:Episode THEN 'EPISODE' ELSE 'PAPER' END, title: n.title,
         weight: coalesce(n.citationCount, n.paperCount)}] AS nodes,
       [hop IN [i IN range(0, size(chain) - 2) |
                  CASE WHEN 'Episode' IN labels(chain[i]) THEN [chain[i], chain[i + 1]] ELSE [chain[i + 1], chain[i]] END] |
         {source: hop[0].id, target: hop[1].id,
          kind: CASE WHEN hop[0].sourcePaperId = hop[1].id THEN 'SOURCE' ELSE 'RECOMMENDED' END}] AS edges`,
} as const;

export interface PathsCypherParams {
  shortestPaths: { fromId: string; toId: string; limit: number };
}

export const PATHS_CYPHER_PARAMETERS = {
  shortestPaths: ['fromId', 'toId', 'limit'],
} as const;
