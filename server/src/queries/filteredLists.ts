// The `author` / `topic` filters of `papers` and `episodes`: the stores page both (metadata matches for
// papers, a source-paper filter for episodes), so a page reads only its own rows. An episode matches
// when its source paper does.
import type { PaperView } from '../domain/model.ts';
import type { MetadataFilter } from '../store/metadataStore.ts';
import type { EpisodeListQuery, GraphStore, Page } from '../store/store.ts';

export const isFiltered = (filter: MetadataFilter) =>
  filter.author !== undefined || filter.topic !== undefined;

/** Most cited first (then id), or most relevant first with `text`; `minCitations` as in listPapers. */
export async function filteredPapers(
  store: GraphStore,
  filter: MetadataFilter & { minCitations?: number | undefined },
  offset: number,
  limit: number,
): Promise<Page<PaperView>> {
  const hits = await store.pagePaperMetadata({ ...filter, offset, limit });
  const papers = await store.papersByIds(hits.items.map((hit) => hit.paperId));
  return {
    items: papers.filter((paper) => paper !== null),
    totalCount: hits.totalCount,
  };
}

/**
 * Episodes whose source paper matches, newest first (then id) as listEpisodes orders them, through the
 * page's own read (listings or whole records, as graphql/schema/episode.ts episodePageRead picks).
 */
export function filteredEpisodes<T>(
  read: (query: EpisodeListQuery) => Promise<Page<T>>,
  filter: MetadataFilter,
  offset: number,
  limit: number,
): Promise<Page<T>> {
  return read({ offset, limit, sourcePaper: filter });
}
