// `search`: the stores' full-text hits, the episodes only their transcript matched and the papers only
// their metadata matched, merged into one ranking; a query that is a paper identifier puts that paper
// first. The store reads every source and the nodes they name at once (searchSources).
import type { PaperView, SearchHit } from '../domain/model.ts';
import type { MetadataHit } from '../store/metadataStore.ts';
import type { TranscriptMatch } from '../store/shared/transcripts.ts';
import type { EpisodeSummary, GraphStore, SearchSources, TranscriptHit } from '../store/store.ts';
import { paperRefCandidates } from './nodeRef.ts';

export interface RankedNode {
  score: number;
  /** An episode hit is its summary: the API reads the whole record only for fields beyond it. */
  node: EpisodeSummary | PaperView;
  /** Where the episode's transcript matched, when it did. */
  transcriptMatch?: TranscriptMatch;
}

/** Scores for hits of another index, in their own order, all below the lowest of `hits`. */
function scoresBelow(hits: readonly SearchHit[]): (i: number) => number {
  const floor = hits.reduce((min, hit) => Math.min(min, hit.score), Infinity);
  return (i) =>
    !Number.isFinite(floor) ? 1 / (i + 1) : floor > 0 ? floor / (i + 2) : floor - (i + 1);
}

/**
 * The stores' own hits first, then papers only their metadata matched. Scores of the two indexes are
 * not comparable, so the latter get scores below the last own hit, in their own order.
 */
function withMetadataHits(hits: SearchHit[], byMetadata: MetadataHit[]): SearchHit[] {
  const found = new Set(hits.filter((hit) => hit.kind === 'PAPER').map((hit) => hit.id));
  const extra = byMetadata.filter((hit) => !found.has(hit.paperId));
  const below = scoresBelow(hits);
  return [
    ...hits,
    ...extra.map((hit, i) => ({ kind: 'PAPER' as const, id: hit.paperId, score: below(i) })),
  ];
}

/**
 * The full-text hits, then episodes only their transcript matched, below them in their own order: a
 * title, summary or notes match outranks a word said somewhere in an hour of audio.
 */
function withTranscriptHits(hits: SearchHit[], byTranscript: TranscriptHit[]): SearchHit[] {
  const found = new Set(hits.filter((hit) => hit.kind === 'EPISODE').map((hit) => hit.id));
  const extra = byTranscript.filter((hit) => !found.has(hit.episodeId));
  const below = scoresBelow(hits);
  return [
    ...hits,
    ...extra.map((hit, i) => ({ kind: 'EPISODE' as const, id: hit.episodeId, score: below(i) })),
  ];
}

/**
 * At most `first` episodes and papers, best first, from one store read. Within a `show`, the store's
 * hits alone: what the metadata or an identifier finds need not be any episode's of that show.
 */
export async function searchGraph(
  store: GraphStore,
  query: string,
  first: number,
  show?: string,
): Promise<RankedNode[]> {
  const found = await store.searchSources({
    query,
    limit: first,
    show,
    paperKeys: show === undefined ? paperRefCandidates(query) : [],
  });
  const ranked =
    show === undefined ? rankAll(found) : withTranscriptHits(found.hits, found.transcripts);
  const matches = new Map(
    found.transcripts.map(({ episodeId, excerpt, startSeconds }) => [
      episodeId,
      { excerpt, startSeconds },
    ]),
  );
  const episodes = new Map(found.episodes.map((episode) => [episode.id, episode]));
  const papers = new Map(found.papers.map((paper) => [paper.id, paper]));
  return ranked.slice(0, first).flatMap((hit): RankedNode[] => {
    const node = hit.kind === 'EPISODE' ? episodes.get(hit.id) : papers.get(hit.id);
    if (node === undefined) return [];
    const transcriptMatch = hit.kind === 'EPISODE' ? matches.get(hit.id) : undefined;
    return [
      { score: hit.score, node, ...(transcriptMatch === undefined ? {} : { transcriptMatch }) },
    ];
  });
}

/**
 * The store's hits, then episodes only their transcript matched, then papers only their metadata
 * matched; a paper the query names comes first.
 */
function rankAll(found: SearchSources): SearchHit[] {
  const exactPaperId = found.namedPaperId;
  const ranked = withMetadataHits(
    withTranscriptHits(found.hits, found.transcripts),
    found.byMetadata,
  ).filter((hit) => hit.id !== exactPaperId);
  const topScore = ranked.reduce((max, hit) => Math.max(max, hit.score), 0);
  if (exactPaperId !== null)
    ranked.unshift({ kind: 'PAPER', id: exactPaperId, score: topScore + 1 });
  return ranked;
}
