/**
 * How many recommendation notes (first by episode id, then position) describe a paper in search: enough
 * to catch the names episodes use for it ("DPO"), bounded so a classic cited thousands of times
 * costs no more to index than any other paper. Both stores use the same rule.
 */
export const PAPER_SEARCH_NOTES = 10;
