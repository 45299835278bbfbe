// The graph questions, one statement each: a node's neighbourhood, the whole graph within a limit,
// shortest paths, counts. Related episodes are kept relations (relations.ts).
import { cypher } from './declare.ts';

/** Neighbourhood queries hold one block per hop; the API allows at most this many. */
export const NEO4J_MAX_GRAPH_DEPTH = 4;

/**
 * One row per node of `selected`, in its order: the shape graphNeighbourhood and graphOverview return.
 * Each row repeats `truncated`: whether a larger $limit would select more nodes. An empty selection
 * is one row without a node, so `truncated` still comes back.
 */
export const RANKED_NODE_ROWS = `UNWIND CASE size(selected) WHEN 0 THEN [null] ELSE range(0, size(selected) - 1) END AS rank
WITH rank, selected[rank] AS n, truncated
RETURN truncated,
       n.id AS id,
       CASE WHEN n:Episode THEN 'EPISODE' ELSE 'PAPER' END AS kind,
       n.title AS title,
       coalesce(n.citationCount, n.paperCount) AS weight,
       CASE WHEN n:Episode THEN [(n)-[c:CITES]->(p:Paper) | {paperId: p.id, kind: c.kind, position: c.position}] ELSE [] END AS citations
ORDER BY rank`;

/**
 * The overview's selection, after the episodes it may show are matched as `e`: the newest $limit of
 * them, each followed by its papers at $minCitations or more, heaviest first, taken in that order
 * while $limit is not full; with $minCitations > 1 an episode takes the last free slot only when one of
 * its papers is already shown. Written once for graphOverview and graphShowOverview (shows.ts), which
 * differ in the episodes matched before it and in what follows it.
 */
export const OVERVIEW_SELECTION = `WITH e
ORDER BY e.publishedAt IS NULL, e.publishedAt DESC, e.id
LIMIT $limit
WITH collect(e) AS newestFirst
UNWIND range(0, size(newestFirst) - 1) AS rank
WITH rank, newestFirst[rank] AS e
CALL (e) {
  MATCH (e)-[:CITES]->(p:Paper)
  WHERE p.citationCount >= $minCitations
  WITH DISTINCT p
  ORDER BY p.citationCount DESC, p.id
  RETURN collect(p) AS papers
}
WITH rank, e, papers
ORDER BY rank
WITH collect({episode: e, papers: papers}) AS candidates
WITH reduce(selected = [], candidate IN candidates |
  CASE
    WHEN size(selected) >= $limit THEN selected
    WHEN $minCitations > 1 AND size(selected) = $limit - 1 AND none(p IN candidate.papers WHERE p IN selected) THEN selected
    ELSE selected + [candidate.episode] + [p IN candidate.papers WHERE NOT p IN selected][..($limit - size(selected) - 1)]
  END) AS selected
`;

/** The focus, episode or paper, as the first layer of the walk. */
const NEIGHBOURHOOD_START = `CALL () {
  MATCH (n:Episode {id: $focus})
  RETURN n
  UNION
  MATCH (n:Paper {id: $focus})
  RETURN n
}
WITH [n] AS selected, [n] AS frontier, [] AS previous, false AS truncated`;

/**
 * Hop `hop` of the walk: the next layer, taken while $depth reaches the hop and $limit is not full.
 * Cypher cannot loop a walk that orders and cuts each layer, so the statement holds one block per
 * possible hop, each naming its hop number as a literal. The view is truncated when a layer is cut,
 * or when the selection is full and the frontier still has a new neighbour within $depth.
 */
function neighbourhoodHop(hop: number): string {
  const reached = '$depth >= ' + String(hop);
  return (
    'CALL (selected, frontier, previous) {\n' +
    '  UNWIND CASE WHEN ' +
    reached +
    ' AND size(selected) < $limit THEN frontier ELSE [] END AS node\n' +
    `  MATCH (node)-[:CITES]-(next)
  WHERE NOT next IN previous AND (next:Episode OR next.citationCount >= $minCitations)
  WITH DISTINCT next
  ORDER BY coalesce(next.citationCount, next.paperCount) DESC, next.id
  RETURN collect(next) AS layer
}
WITH selected, frontier, layer[..($limit - size(selected))] AS layer,
  truncated OR size(layer) > $limit - size(selected) OR (` +
    reached +
    ` AND size(selected) >= $limit AND any(node IN frontier WHERE EXISTS {
    MATCH (node)-[:CITES]-(next)
    WHERE NOT next IN previous AND (next:Episode OR next.citationCount >= $minCitations)
  })) AS truncated`
  );
}

const NEIGHBOURHOOD_HOPS = Array.from({ length: NEO4J_MAX_GRAPH_DEPTH }, (_, index) =>
  neighbourhoodHop(index + 1),
).join('\nWITH selected + layer AS selected, layer AS frontier, frontier AS previous, truncated\n');

export const GRAPH_CYPHER = {
  /**
   * Breadth-first from the focus, one block per hop. The graph is bipartite, so a node's new
   * neighbours are those not in the previous layer. Each layer is heaviest first (weight desc, id) and
   * cut to what still fits in $limit; papers under $minCitations are neither returned nor walked.
   */
  graphNeighbourhood: cypher<{ focus: string; depth: number; limit: number; minCitations: number }>(
    [
      NEIGHBOURHOOD_START,
      NEIGHBOURHOOD_HOPS,
      'WITH selected + layer AS selected, truncated',
      RANKED_NODE_ROWS,
    ].join('\n'),
  ),

  /**
   * The whole graph within $limit: newest episodes first, each followed by its papers heaviest first.
   * With $minCitations > 1 an episode needs a remaining paper, and takes the last free slot only when
   * one of its papers is already shown; that slot may go to an episode past the first $limit.
   * Without a limit every episode that can be drawn comes with all its remaining papers, so the view
   * is truncated exactly when it holds fewer nodes than those.
   */
  graphOverview: cypher<{ limit: number; minCitations: number }>(
    `MATCH (e:Episode)
WHERE $minCitations <= 1 OR EXISTS { MATCH (e)-[:CITES]->(kept:Paper) WHERE kept.citationCount >= $minCitations }
` +
      OVERVIEW_SELECTION +
      `CALL (selected) {
  UNWIND CASE WHEN $minCitations > 1 AND size(selected) = $limit - 1 THEN selected ELSE [] END AS shown
  MATCH (shown:Paper)<-[:CITES]-(late:Episode)
  WHERE NOT late IN selected
  WITH DISTINCT late
  ORDER BY late.publishedAt IS NULL, late.publishedAt DESC, late.id
  LIMIT 1
  RETURN collect(late) AS lastSlot
}
WITH selected + lastSlot AS selected
WITH selected,
  COUNT { MATCH (e:Episode) WHERE $minCitations <= 1 OR EXISTS { MATCH (e)-[:CITES]->(kept:Paper) WHERE kept.citationCount >= $minCitations } }
    + COUNT { MATCH (p:Paper) WHERE p.citationCount >= $minCitations AND EXISTS { MATCH (p)<-[:CITES]-(:Episode) } }
    > size(selected) AS truncated\n` +
      RANKED_NODE_ROWS,
  ),

  /**
   * Shortest chain over CITES in either direction; zero hops when both ends are the same node. An
   * edge is SOURCE when it joins an episode to its source paper (the source wins a repeated pair), else
   * the kind the episode first lists the paper under.
   */
  path: cypher<{ fromId: string; toId: string }>(`CALL () {
  MATCH (n:Episode {id: $fromId})
  RETURN n AS start
  UNION
  MATCH (n:Paper {id: $fromId})
  RETURN n AS start
}
CALL () {
  MATCH (n:Episode {id: $toId})
  RETURN n AS finish
  UNION
  MATCH (n:Paper {id: $toId})
  RETURN n AS finish
}
MATCH route = SHORTEST 1 (start)-[:CITES]-*(finish)
RETURN [n IN nodes(route) | {id: n.id, kind: CASE WHEN n:Episode THEN 'EPISODE' ELSE 'PAPER' END, title: n.title,
         weight: coalesce(n.citationCount, n.paperCount)}] AS nodes,
       [r IN relationships(route) | {source: startNode(r).id, target: endNode(r).id,
         kind: CASE WHEN startNode(r).sourcePaperId = endNode(r).id THEN 'SOURCE' ELSE COLLECT { MATCH (:Episode {id: startNode(r).id})-[c:CITES]->(:Paper {id: endNode(r).id}) RETURN c.kind ORDER BY c.position LIMIT 1 }[0] END}] AS edges`),

  /**
   * ALL SHORTEST over CITES in either direction (zero hops when both ends are one node). An episode and a
   * paper joined twice (source and reading) give two routes through the same nodes: DISTINCT keeps one.
   * Ordered by the routes' id sequences, as the embedded store walks them; a hop is SOURCE when it joins
   * an episode to its source paper, else the kind the episode first lists the paper under.
   */
  shortestPaths: cypher<{
    fromId: string;
    toId: string;
    limit: number;
  }>(`OPTIONAL MATCH (startEpisode:Episode {id: $fromId})
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
          kind: CASE WHEN hop[0].sourcePaperId = hop[1].id THEN 'SOURCE' ELSE COLLECT { MATCH (:Episode {id: hop[0].id})-[c:CITES]->(:Paper {id: hop[1].id}) RETURN c.kind ORDER BY c.position LIMIT 1 }[0] END}] AS edges`),

  stats: cypher(`RETURN COUNT { MATCH (e:Episode) } AS episodes,
       COUNT { MATCH (p:Paper) } AS papers,
       COUNT { MATCH (:Episode)-[c:CITES]->(:Paper) } AS citations`),
} as const;
