// The largest feed an import reads. On its own so that what only needs the figure (the HTTP body limit,
// the feed fetcher) does not load the import pipeline at start.
export const MAX_FEED_BYTES = 20 * 1024 * 1024;
