// Small builders for hand-written fixtures and generated corpora. Ids follow the project's identity
// rules (canonical paper keys, episodeIdFor) so batches look like what the import pipeline produces.
import { seededRandom } from '../../seed/synthetic/random.ts';
import { episodeIdFor } from '../../server/src/domain/episodeId.ts';
import {
  citedPaperIds,
  type EpisodeRecord,
  type ImportBatch,
  type PaperRecord,
} from '../../server/src/domain/model.ts';

export function arxivPaper(
  arxivId: string,
  title: string | null,
  extraAliases: string[] = [],
): PaperRecord {
  return {
    id: `arxiv:${arxivId}`,
    title,
    url: `https://arxiv.org/abs/${arxivId}`,
    arxivId,
    doi: null,
    aliases: [`https://arxiv.org/abs/${arxivId}`, ...extraAliases],
  };
}

export interface EpisodeSpec {
  title: string;
  source: PaperRecord;
  recommends?: (PaperRecord | { paper: PaperRecord; note: string | null })[];
  publishedAt?: string | null;
  summary?: string | null;
  takeaways?: string[];
}

export function episode(spec: EpisodeSpec): EpisodeRecord {
  return {
    id: episodeIdFor(spec.source.id),
    title: spec.title,
    publishedAt: spec.publishedAt ?? null,
    paperPublishedAt: null,
    durationMinutes: 12,
    summary: spec.summary ?? null,
    takeaways: spec.takeaways ?? [],
    chapters: [
      { start: '00:00', startSeconds: 0, title: 'Introduction', summary: null },
      { start: '03:10', startSeconds: 190, title: 'Method', summary: 'How it works.' },
    ],
    sourcePaperId: spec.source.id,
    recommendations: (spec.recommends ?? []).map((r) =>
      'paper' in r ? { paperId: r.paper.id, note: r.note } : { paperId: r.id, note: null },
    ),
  };
}

/** The batch for some episodes: every paper they cite, once, in first-cited order. */
export function batchOf(episodes: EpisodeRecord[], papers: PaperRecord[]): ImportBatch {
  const byId = new Map(papers.map((p) => [p.id, p]));
  const cited = new Map<string, PaperRecord>();
  for (const e of episodes) {
    for (const id of citedPaperIds(e)) {
      const paper = byId.get(id);
      if (!paper)
        throw new Error(`fixture bug: ${e.id} cites ${id}, which is not in the paper list`);
      cited.set(id, paper);
    }
  }
  return { episodes, papers: [...cited.values()] };
}

/** Same content in a stable order, for comparing a store's export with what went in. */
export function sortedBatch(batch: ImportBatch): ImportBatch {
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { episodes: [...batch.episodes].sort(byId), papers: [...batch.papers].sort(byId) };
}

export interface CorpusOptions {
  episodes: number;
  /** Pool of papers recommendations are drawn from; a few are cited far more often than most. */
  papers: number;
  recommendationsPerEpisode: number;
  seed: number;
  /** Distinguishes corpora so two can overlap on purpose (same source numbering) or not. */
  sourcePrefix?: string;
  /** Appended to titles/summaries: the same episodes with another text make an update batch. */
  revision?: string;
}

/** A synthetic podcast: episode i's source is its own paper; recommendations skew towards popular papers. */
export function generateCorpus(options: CorpusOptions): ImportBatch {
  // The seed's own generator, so generated corpora are the same on every run.
  const random = seededRandom(options.seed).next;
  const prefix = options.sourcePrefix ?? '2601';
  const revision = options.revision ?? '';
  const pool = Array.from({ length: options.papers }, (_, i) =>
    arxivPaper(`2401.${String(i).padStart(5, '0')}`, `Pooled paper ${i} on topic ${i % 97}`),
  );
  const episodes: EpisodeRecord[] = [];
  const papers = new Map<string, PaperRecord>();
  for (let i = 0; i < options.episodes; i += 1) {
    const source = arxivPaper(`${prefix}.${String(i).padStart(5, '0')}`, null, [
      `arXiv:${prefix}.${i}`,
    ]);
    const recommends = new Map<string, PaperRecord>();
    while (recommends.size < Math.min(options.recommendationsPerEpisode, options.papers)) {
      const pick = pool[Math.floor(options.papers * random() ** 3)]!; // cubed: a heavy head of popular papers
      recommends.set(pick.id, pick);
    }
    const e = episode({
      title: `Episode ${prefix}-${i}${revision}: reasoning topic ${i % 41}`,
      source,
      recommends: [...recommends.values()].map((paper) => ({
        paper,
        note: `Background on topic ${i % 13}${revision}`,
      })),
      publishedAt: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      summary: `A deep dive into synthetic paper ${i}${revision}, covering rewards, search and verification.`,
      takeaways: [`Takeaway one for ${i}`, `Takeaway two for ${i}`],
    });
    episodes.push(e);
    papers.set(source.id, source);
    for (const p of recommends.values()) papers.set(p.id, p);
  }
  return { episodes, papers: [...papers.values()] };
}
