// Public limits of the API, in one place so the schema, docs and tests agree.
export const QUERY_LIMITS = {
  defaultPageSize: 20,
  maxPageSize: 100,
  maxRelated: 50,
  defaultClusters: 20,
  maxClusters: 100,
  /** Members or papers of one cluster in one answer. */
  maxClusterMembers: 100,
  /**
   * Episodes in one `episodeMap`: as many as the largest graph draws. At this size a map's episodes
   * and its edges fit the complexity budget in two requests, its edges' reasons in none (the explorer
   * asks for an edge's reasons when it is pointed at).
   */
  defaultMapLimit: 500,
  maxMapLimit: 5_000,
  maxCitedBy: 500,
  maxSearchResults: 50,
  maxGraphDepth: 4,
  defaultGraphLimit: 500,
  maxGraphLimit: 5_000,
  /** Paths in one `paths(from:, to:)`: two hubs can be joined by thousands of equally short chains. */
  defaultShortestPaths: 20,
  maxShortestPaths: 100,
  /** Ids in one `nodes(ids:)`, references in one `papersByRefs(refs:)`: a whole reading list or a large view's export in a few requests. */
  maxLookupIds: 500,
  /** Depth of the deepest sensible query (episode → related → episode → recommendations → paper → citedBy → episode). */
  maxDepth: 10,
  /** Fields in one query, aliases included: bounds alias-amplification attacks. */
  maxBreadth: 200,
  /**
   * Estimated values in one answer (see docs/api.md, "How a query is costed"): a natural client query at the largest
   * page sizes costs ~60,000; nested fan-outs (related of related, citedBy under lists) cost millions.
   */
  maxComplexity: 100_000,
  /** Lexical tokens in one document (names, punctuation, values): bounds parse time before any other limit. */
  maxTokens: 10_000,
} as const;

/**
 * What each list can hold at most: the domain model's bounds (server/src/domain/model.ts) and the
 * arguments' maxima. The cost estimate multiplies a list's selections by these, not by a default.
 */
export const LIST_BOUNDS = {
  /** episodeRecordSchema.chapters */
  chapters: 200,
  /** episodeRecordSchema.recommendations */
  recommendations: 200,
  /** Shared papers are papers of the episode: its recommendations and its source. */
  sharedPapers: 201,
  /** One reason per kind of relation (relations/relatedness.ts RelationKind). */
  relationReasons: 5,
  /** The linking papers a reason or `sharedReferences` names, strongest first (the score counts them all). */
  reasonPapers: 20,
  /**
   * Edges of an episode map per episode in view: its strongest relations in view
   * (relations/episodeMap.ts EDGES_PER_EPISODE) and the one that connected it to its cluster.
   */
  mapEdgesPerEpisode: 4,
  /** A shortest path has no bound but the graph's size; this is what the estimate assumes. */
  pathNodes: 50,
  /** Import issues are only returned to the admin, at most one per episode field. */
  importIssues: 1_000,
} as const;
