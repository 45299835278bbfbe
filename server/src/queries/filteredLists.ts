// The `author` / `topic` filters of `papers` and `episodes`: matching papers come from the stores'
// metadata search, pages are cut here (the stores page by neither filter). An episode matches when its
// source paper does.
import type { EpisodeRecord, PaperView } from '../domain/model.ts';
import { newestFirst } from '../domain/newestFirst.ts';
import type { MetadataFilter } from '../store/metadataStore.ts';
import type { GraphStore, Page } from '../store/store.ts';

/** Most matches a filtered list counts and pages through. */
const MAX_FILTERED = 10_000;

export const isFiltered = (filter: MetadataFilter) =>
  filter.author !== undefined || filter.topic !== undefined;

/** Most cited first (then id), or most relevant first with `text`; `minCitations` as in listPapers. */
export async function filteredPapers(
  store: GraphStore,
  filter: MetadataFilter & { minCitations?: number | undefined },
  offset: number,
  limit: number,
): Promise<Page<PaperView>> {
  const hits = await store.searchPaperMetadata(filter, MAX_FILTERED);
  const papers = (await store.papersByIds(hits.map((hit) => hit.paperId))).filter(
    (paper): paper is PaperView =>
      paper !== null && paper.citationCount >= (filter.minCitations ?? 0),
  );
  return { items: papers.slice(offset, offset + limit), totalCount: papers.length };
}

/** Episodes whose source paper matches, newest first (then id) as listEpisodes orders them. */
export async function filteredEpisodes(
  store: GraphStore,
  filter: MetadataFilter,
  offset: number,
  limit: number,
): Promise<Page<EpisodeRecord>> {
  const hits = await store.searchPaperMetadata(filter, MAX_FILTERED);
  // Source citations come first in each paper's list, and a paper is the source of at most one episode.
  const firstCitations = await store.citationsByPaperIds(
    hits.map((hit) => hit.paperId),
    1,
  );
  const episodeIds = firstCitations.flatMap((list) =>
    list[0]?.kind === 'SOURCE' ? [list[0].episodeId] : [],
  );
  const episodes = (await store.episodesByIds(episodeIds))
    .filter((e): e is EpisodeRecord => e !== null)
    .sort(newestFirst);
  return { items: episodes.slice(offset, offset + limit), totalCount: episodes.length };
}
