// Public limits of the API, in one place so the schema, docs and tests agree.
export const QUERY_LIMITS = {
  defaultPageSize: 20,
  maxPageSize: 100,
  maxRelated: 50,
  maxCitedBy: 500,
  maxSearchResults: 50,
  maxGraphDepth: 4,
  defaultGraphLimit: 500,
  maxGraphLimit: 5_000,
  /** Depth of the deepest sensible query (episode → related → episode → recommendations → paper → citedBy → episode). */
  maxDepth: 10,
  /** Fields in one query, aliases included: bounds alias-amplification attacks. */
  maxBreadth: 200,
  maxComplexity: 20_000,
} as const;
