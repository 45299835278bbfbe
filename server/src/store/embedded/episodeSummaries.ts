// The light episode read for lists and links (store.ts: EpisodeSummary): four columns, no citations,
// chapters or extras, and none of the heavy record cache's entries evicted by it; and the embedded
// store's composed reads that hand out summaries and listings.
import type { DatabaseSync, StatementSync } from 'node:sqlite';

import type { PaperView } from '../../domain/model.ts';
import type {
  EpisodeListing,
  EpisodeListQuery,
  EpisodeSummary,
  GraphStore,
  Page,
  PaperCitedBy,
  PaperWithMetadataTitle,
  RelatedEpisodes,
  SearchRequest,
  SearchSources,
} from '../store.ts';
import { ids, IN_IDS } from './reads.ts';

interface SummaryRow {
  id: string;
  title: string;
  published_at: string | null;
  source_paper_id: string;
}

/** Prepared once per connection. */
const statements = new WeakMap<DatabaseSync, StatementSync>();

/** One per id, in order, null when unknown. */
export function readEpisodeSummaries(
  db: DatabaseSync,
  episodeIds: readonly string[],
): (EpisodeSummary | null)[] {
  if (episodeIds.length === 0) return [];
  let byIds = statements.get(db);
  if (byIds === undefined) {
    byIds = db.prepare(
      `SELECT e.id, e.title, e.published_at, e.source_paper_id FROM episodes e WHERE e.id ${IN_IDS}`,
    );
    statements.set(db, byIds);
  }
  const rows = byIds.all(ids(episodeIds)) as unknown as SummaryRow[];
  const found = new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        title: row.title,
        publishedAt: row.published_at,
        sourcePaperId: row.source_paper_id,
      },
    ]),
  );
  return episodeIds.map((id) => found.get(id) ?? null);
}

/**
 * listEpisodeListings from listEpisodes' page: in process the whole records cost no transfer (they are
 * read by one statement per page either way), so the listing is cut from them rather than read twice.
 */
export async function episodeListingsFrom(
  store: Pick<GraphStore, 'listEpisodes'>,
  query: EpisodeListQuery,
): Promise<Page<EpisodeListing>> {
  const { items, totalCount } = await store.listEpisodes(query);
  return {
    items: items.map((episode) => ({
      id: episode.id,
      title: episode.title,
      publishedAt: episode.publishedAt,
      sourcePaperId: episode.sourcePaperId,
      recommendations: episode.recommendations,
      ...(episode.mentions === undefined ? {} : { mentions: episode.mentions }),
    })),
    totalCount,
  };
}

/** The paper as the composed reads answer it, as Neo4j's single statements do: no metadata title. */
function paperViewOf({ metadataTitle, ...paper }: PaperWithMetadataTitle): PaperView {
  return paper;
}

type CitedByReads = Pick<
  GraphStore,
  'resolvePaperKeys' | 'papersByIds' | 'citationsByPaperIds' | 'episodeSummariesByIds'
>;

/**
 * paperCitedBy from the store's own batched reads: in memory and SQLite each is a look-up, not a
 * round trip, so the embedded store answers the question as four of them.
 */
export async function paperCitedByFrom(
  store: CitedByReads,
  keys: readonly string[],
  limit: number,
): Promise<PaperCitedBy | null> {
  const paperId = (await store.resolvePaperKeys(keys)).find((id) => id !== null) ?? null;
  if (paperId === null) return null;
  const [found] = await store.papersByIds([paperId]);
  if (!found) return null;
  const paper = paperViewOf(found);
  const [citations = []] = await store.citationsByPaperIds([paperId], limit);
  const episodes = await store.episodeSummariesByIds([
    ...new Set(citations.map((c) => c.episodeId)),
  ]);
  return {
    paper,
    citations,
    episodes: episodes.filter((episode): episode is EpisodeSummary => episode !== null),
  };
}

/** relatedWithSummaries from the store's own batched reads (two look-ups, as for paperCitedBy). */
export async function relatedWithSummariesFrom(
  store: Pick<GraphStore, 'relatedByEpisodeIds' | 'episodeSummariesByIds'>,
  episodeIds: readonly string[],
  limit: number,
): Promise<RelatedEpisodes> {
  const related = await store.relatedByEpisodeIds(episodeIds, limit);
  const episodes = await store.episodeSummariesByIds([
    ...new Set(related.flat().map((relation) => relation.episodeId)),
  ]);
  return {
    related,
    episodes: episodes.filter((episode): episode is EpisodeSummary => episode !== null),
  };
}

/** searchSources from the store's own reads (the searches at once, then the nodes they name). */
export async function searchSourcesFrom(
  store: Pick<
    GraphStore,
    | 'search'
    | 'searchTranscripts'
    | 'searchPaperMetadata'
    | 'resolvePaperKeys'
    | 'episodeSummariesByIds'
    | 'papersByIds'
  >,
  request: SearchRequest,
): Promise<SearchSources> {
  const { query, limit, show } = request;
  const withinShow = show !== undefined;
  const [hits, transcripts, byMetadata, resolved] = await Promise.all([
    store.search(query, limit, show),
    store.searchTranscripts(query, limit, show),
    withinShow ? [] : store.searchPaperMetadata({ text: query }, limit),
    withinShow || request.paperKeys.length === 0 ? [] : store.resolvePaperKeys(request.paperKeys),
  ]);
  const namedPaperId = resolved.find((id) => id !== null) ?? null;
  const episodeIds = new Set([
    ...hits.filter((hit) => hit.kind === 'EPISODE').map((hit) => hit.id),
    ...transcripts.map((hit) => hit.episodeId),
  ]);
  const paperIds = new Set([
    ...hits.filter((hit) => hit.kind === 'PAPER').map((hit) => hit.id),
    ...byMetadata.map((hit) => hit.paperId),
    ...(namedPaperId === null ? [] : [namedPaperId]),
  ]);
  const [episodes, papers] = await Promise.all([
    store.episodeSummariesByIds([...episodeIds]),
    store.papersByIds([...paperIds]),
  ]);
  return {
    hits,
    transcripts,
    byMetadata,
    namedPaperId,
    episodes: episodes.filter((episode): episode is EpisodeSummary => episode !== null),
    papers: papers.flatMap((paper) => (paper === null ? [] : [paperViewOf(paper)])),
  };
}
