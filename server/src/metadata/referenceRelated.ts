// Episodes related through their source papers' references: bibliographic coupling (both source
// papers cite the same work) and co-citation (a stored paper cites both). Adamic–Adar weighted like
// shared readings, so a link through a rare work counts more than one through a ubiquitous one:
//   score = Σ over works r both cite      1 / ln(papers citing r)
//         + Σ over papers c citing both   1 / ln(references c lists)
// Both counts are at least 2 whenever the link exists, so every term is finite and positive.
import type { RelatedEpisode } from '../domain/model.ts';
import type { GraphStore } from '../store/store.ts';

export interface ReferenceRelatedEpisode {
  episodeId: string;
  score: number;
  /** The linking papers (works both cite, papers citing both), strongest link first. */
  sharedReferenceIds: string[];
}

export interface RelatedWithReferences extends RelatedEpisode {
  sharedReferenceIds: string[];
}

/** Fan-out bound per paper: a survey citing thousands of works adds almost nothing per link anyway. */
const MAX_LINKS_PER_PAPER = 1_000;

const byScoreThenId = (a: { score: number; episodeId: string }, b: { score: number; episodeId: string }) =>
  b.score - a.score || (a.episodeId < b.episodeId ? -1 : a.episodeId > b.episodeId ? 1 : 0);

export async function relatedByReferences(store: GraphStore, episodeId: string, limit: number): Promise<ReferenceRelatedEpisode[]> {
  const [episode] = await store.episodesByIds([episodeId]);
  if (!episode || limit <= 0) return [];
  const source = episode.sourcePaperId;
  const [cited, citing] = await Promise.all([
    store.referencesByPaperIds([source], MAX_LINKS_PER_PAPER).then((lists) => lists[0] ?? []),
    store.referencedByPaperIds([source], MAX_LINKS_PER_PAPER).then((lists) => lists[0] ?? []),
  ]);
  const [citersOfCited, citedByCiters, citedDegrees, citingDegrees] = await Promise.all([
    store.referencedByPaperIds(cited, MAX_LINKS_PER_PAPER),
    store.referencesByPaperIds(citing, MAX_LINKS_PER_PAPER),
    store.referenceDegrees(cited),
    store.referenceDegrees(citing),
  ]);

  // Other paper → the links it shares with the source, each with its weight.
  const links = new Map<string, Map<string, number>>();
  const addLink = (paper: string, via: string, weight: number) => {
    if (paper === source || !(weight > 0) || !Number.isFinite(weight)) return;
    const vias = links.get(paper) ?? new Map<string, number>();
    vias.set(via, weight);
    links.set(paper, vias);
  };
  cited.forEach((work, i) => {
    const weight = 1 / Math.log(citedDegrees[i]!.referencedBy);
    for (const paper of citersOfCited[i] ?? []) addLink(paper, work, weight);
  });
  citing.forEach((citer, i) => {
    const weight = 1 / Math.log(citingDegrees[i]!.references);
    for (const paper of citedByCiters[i] ?? []) addLink(paper, citer, weight);
  });
  if (links.size === 0) return [];

  // Papers → the episodes they are the source of.
  const papers = [...links.keys()];
  // An episode's id derives from its source paper, so a paper is the source of at most one episode,
  // and source citations come first: the first citation of each paper is all this needs.
  const citations = await store.citationsByPaperIds(papers, 1);
  const byEpisode = new Map<string, Map<string, number>>();
  citations.forEach((list, i) => {
    for (const citation of list) {
      if (citation.kind !== 'SOURCE' || citation.episodeId === episodeId) continue;
      const vias = byEpisode.get(citation.episodeId) ?? new Map<string, number>();
      for (const [via, weight] of links.get(papers[i]!)!) vias.set(via, weight);
      byEpisode.set(citation.episodeId, vias);
    }
  });
  return [...byEpisode]
    .map(([id, vias]) => ({
      episodeId: id,
      score: [...vias.values()].reduce((sum, w) => sum + w, 0),
      sharedReferenceIds: [...vias].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([via]) => via),
    }))
    .sort(byScoreThenId)
    .slice(0, limit);
}

/** One ranking from both kinds of link: scores add, each list of shared papers kept. */
export function combineRelated(
  byReadings: readonly RelatedEpisode[],
  byReferences: readonly ReferenceRelatedEpisode[],
  limit: number,
): RelatedWithReferences[] {
  const merged = new Map<string, RelatedWithReferences>();
  for (const r of byReadings) merged.set(r.episodeId, { ...r, sharedReferenceIds: [] });
  for (const r of byReferences) {
    const known = merged.get(r.episodeId);
    merged.set(
      r.episodeId,
      known
        ? { ...known, score: known.score + r.score, sharedReferenceIds: r.sharedReferenceIds }
        : { episodeId: r.episodeId, score: r.score, sharedPaperIds: [], sharedReferenceIds: r.sharedReferenceIds },
    );
  }
  return [...merged.values()].sort(byScoreThenId).slice(0, limit);
}
