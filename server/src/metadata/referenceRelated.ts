// Episodes related through their source papers' references: bibliographic coupling (both source
// papers cite the same work) and co-citation (a stored paper cites both). Adamic–Adar weighted like
// shared readings, so a link through a rare work counts more than one through a ubiquitous one:
//   score = Σ over works r both cite      1 / ln(papers citing r)
//         + Σ over papers c citing both   1 / ln(references c lists)
// Both counts are at least 2 whenever the link exists, so every term is finite and positive.
// Batched: at most three store calls for one episode or a page of them.
import type { EpisodeRecord } from '../domain/model.ts';
import type { GraphStore } from '../store/store.ts';

export interface ReferenceRelatedEpisode {
  episodeId: string;
  score: number;
  /** The linking papers (works both cite, papers citing both), strongest link first. */
  sharedReferenceIds: string[];
}

/** The strongest links an answer names (the score counts them all). */
export const MAX_SHARED_REFERENCES = 20;

/** Fan-out bound per paper: a survey citing thousands of works adds almost nothing per link anyway. */
const MAX_LINKS_PER_PAPER = 1_000;

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** Best score first, then episode id: the order of every related list. */
export const byScoreThenId = (
  a: { score: number; episodeId: string },
  b: { score: number; episodeId: string },
) => b.score - a.score || compareIds(a.episodeId, b.episodeId);

/** id → value, for ids looked up in one batched call. */
async function lookup<V>(
  ids: readonly string[],
  load: (ids: string[]) => Promise<V[]>,
): Promise<Map<string, V>> {
  const unique = [...new Set(ids)];
  const values = unique.length === 0 ? [] : await load(unique);
  return new Map(unique.map((id, i) => [id, values[i]!]));
}

/** For each episode, at most `limit` episodes linked through references (score desc, then id). */
export async function relatedByReferences(
  store: GraphStore,
  episodes: readonly (Pick<EpisodeRecord, 'id' | 'sourcePaperId'> | null)[],
  limit: number,
): Promise<ReferenceRelatedEpisode[][]> {
  if (limit <= 0) return episodes.map(() => []);
  const sources = await lookup(
    episodes.flatMap((episode) => (episode ? [episode.sourcePaperId] : [])),
    (ids) => store.referenceLinks(ids, MAX_LINKS_PER_PAPER),
  );
  const neighbours = await lookup(
    [...sources.values()].flatMap((links) => [...links.references, ...links.referencedBy]),
    (ids) => store.referenceLinks(ids, MAX_LINKS_PER_PAPER),
  );

  // Per source paper: other paper → the links it shares with the source, each with its weight.
  const linksOf = (source: string) => {
    const links = new Map<string, Map<string, number>>();
    const add = (paper: string, via: string, weight: number) => {
      if (paper === source || !(weight > 0) || !Number.isFinite(weight)) return;
      const vias = links.get(paper) ?? new Map<string, number>();
      links.set(paper, vias.set(via, weight));
    };
    const { references, referencedBy } = sources.get(source)!;
    for (const work of references) {
      const citersOfWork = neighbours.get(work)!;
      for (const paper of citersOfWork.referencedBy)
        add(paper, work, 1 / Math.log(citersOfWork.referencedByCount));
    }
    for (const citer of referencedBy) {
      const worksOfCiter = neighbours.get(citer)!;
      for (const paper of worksOfCiter.references)
        add(paper, citer, 1 / Math.log(worksOfCiter.referenceCount));
    }
    return links;
  };
  const links = new Map([...sources.keys()].map((source) => [source, linksOf(source)]));

  // An episode's id derives from its source paper, so a paper is the source of at most one episode,
  // and source citations come first: the first citation of each paper is all this needs.
  const linked = [...links.values()].flatMap((perPaper) => [...perPaper.keys()]);
  const firstCitation = await lookup(linked, (ids) => store.citationsByPaperIds(ids, 1));
  const episodeOf = (paper: string) => {
    const citation = firstCitation.get(paper)?.[0];
    return citation?.kind === 'SOURCE' ? citation.episodeId : null;
  };

  return episodes.map((episode) => {
    if (!episode) return [];
    const byEpisode = new Map<string, Map<string, number>>();
    for (const [paper, vias] of links.get(episode.sourcePaperId) ?? []) {
      const other = episodeOf(paper);
      if (other === null || other === episode.id) continue;
      const merged = byEpisode.get(other) ?? new Map<string, number>();
      for (const [via, weight] of vias) merged.set(via, weight);
      byEpisode.set(other, merged);
    }
    return [...byEpisode]
      .map(([id, vias]) => ({
        episodeId: id,
        score: [...vias.values()].reduce((sum, w) => sum + w, 0),
        sharedReferenceIds: [...vias]
          .sort((a, b) => b[1] - a[1] || compareIds(a[0], b[0]))
          .slice(0, MAX_SHARED_REFERENCES)
          .map(([via]) => via),
      }))
      .sort(byScoreThenId)
      .slice(0, limit);
  });
}
