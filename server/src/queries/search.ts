// `search`: the stores' full-text hits and the papers only their metadata matched, merged into one
// ranking; a query that is a paper identifier puts that paper first.
import type { EpisodeRecord, PaperView, SearchHit } from '../domain/model.ts';
import type { MetadataHit } from '../store/metadataStore.ts';
import type { GraphStore } from '../store/store.ts';
import type { Lookups } from './lookups.ts';
import { resolvePaperRef } from './nodeRef.ts';

export interface RankedNode {
  score: number;
  node: EpisodeRecord | PaperView;
}

/**
 * The stores' own hits first, then papers only their metadata matched. Scores of the two indexes are
 * not comparable, so the latter get scores below the last own hit, in their own order.
 */
function withMetadataHits(hits: SearchHit[], byMetadata: MetadataHit[]): SearchHit[] {
  const found = new Set(hits.filter((hit) => hit.kind === 'PAPER').map((hit) => hit.id));
  const floor = hits.reduce((min, hit) => Math.min(min, hit.score), Infinity);
  const extra = byMetadata.filter((hit) => !found.has(hit.paperId));
  const below = (i: number) =>
    !Number.isFinite(floor) ? 1 / (i + 1) : floor > 0 ? floor / (i + 2) : floor - (i + 1);
  return [
    ...hits,
    ...extra.map((hit, i) => ({ kind: 'PAPER' as const, id: hit.paperId, score: below(i) })),
  ];
}

/**
 * At most `first` episodes and papers, best first. Within a `show`, the store's hits alone: what the
 * metadata or an identifier finds need not be any episode's of that show.
 */
export async function searchGraph(
  store: GraphStore,
  lookups: Lookups,
  query: string,
  first: number,
  show?: string,
): Promise<RankedNode[]> {
  const ranked =
    show === undefined
      ? await rankAll(store, lookups, query, first)
      : await store.search(query, first, show);
  const loaded = await Promise.all(
    ranked.slice(0, first).map(async (hit) => ({
      score: hit.score,
      node:
        hit.kind === 'EPISODE'
          ? await lookups.findEpisode(hit.id)
          : await lookups.findPaper(hit.id),
    })),
  );
  return loaded.filter((hit): hit is RankedNode => hit.node !== null);
}

/** The store's hits, then papers only their metadata matched; a paper the query names comes first. */
async function rankAll(
  store: GraphStore,
  lookups: Lookups,
  query: string,
  first: number,
): Promise<SearchHit[]> {
  const [exactPaperId, hits, byMetadata] = await Promise.all([
    resolvePaperRef(lookups, query),
    store.search(query, first),
    store.searchPaperMetadata({ text: query }, first),
  ]);
  const ranked = withMetadataHits(hits, byMetadata).filter((hit) => hit.id !== exactPaperId);
  const topScore = ranked.reduce((max, hit) => Math.max(max, hit.score), 0);
  if (exactPaperId !== null)
    ranked.unshift({ kind: 'PAPER', id: exactPaperId, score: topScore + 1 });
  return ranked;
}
