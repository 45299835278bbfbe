// One round of fetching for a set of papers: Semantic Scholar for metadata and references, arXiv for
// every arXiv paper (its categories are the topics; it knows brand-new papers the other has not
// indexed yet). A paper gets an entry only when every provider asked about it answered, so a failure
// leaves it to be tried again later.
import type { EnrichmentCandidate, MetadataEntry, PaperMetadata } from '../domain/metadata.ts';
import type { ArxivClient } from './arxiv.ts';
import { ProviderError } from './http.ts';
import type { SemanticScholarClient } from './semanticScholar.ts';
import { topicsOf } from './text.ts';

export interface MetadataProviders {
  semanticScholar: Pick<SemanticScholarClient, 'fetchPapers'>;
  arxiv: Pick<ArxivClient, 'fetchPapers'>;
}

export interface FetchRound {
  entries: MetadataEntry[];
  /** Papers left for a later round because a provider failed. */
  failed: EnrichmentCandidate[];
  errors: Error[];
}

/** Where the indexes disagree, Semantic Scholar leads (curated venue, year); arXiv's categories come first. */
function mergeMetadata(
  s2: PaperMetadata | null,
  arxiv: PaperMetadata | null,
): PaperMetadata | null {
  if (s2 === null || arxiv === null) return s2 ?? arxiv;
  return {
    title: s2.title ?? arxiv.title,
    authors: s2.authors.length > 0 ? s2.authors : arxiv.authors,
    year: s2.year ?? arxiv.year,
    venue: s2.venue ?? arxiv.venue,
    abstract: s2.abstract ?? arxiv.abstract,
    topics: topicsOf([...arxiv.topics, ...s2.topics]),
    arxivId: s2.arxivId ?? arxiv.arxivId,
    doi: s2.doi ?? arxiv.doi,
    publishedAt: arxiv.publishedAt ?? s2.publishedAt,
  };
}

async function attempt<T>(run: () => Promise<T>, errors: Error[]): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    errors.push(error);
    return null;
  }
}

export async function fetchMetadata(
  providers: MetadataProviders,
  papers: readonly EnrichmentCandidate[],
  now: () => Date,
): Promise<FetchRound> {
  const errors: Error[] = [];
  const s2 = await attempt(() => providers.semanticScholar.fetchPapers(papers), errors);
  const arxivIds = new Set(
    s2 === null ? [] : papers.flatMap((p) => (p.arxivId === null ? [] : [p.arxivId])),
  );
  // When Semantic Scholar failed, arXiv is not asked either: the whole round is tried again later.
  const arxiv =
    arxivIds.size === 0
      ? new Map<string, PaperMetadata | null>()
      : await attempt(() => providers.arxiv.fetchPapers([...arxivIds]), errors);
  const fetchedAt = now().toISOString();
  const entries: MetadataEntry[] = [];
  const failed: EnrichmentCandidate[] = [];
  for (const paper of papers) {
    const fromS2 = s2?.get(paper.id);
    const askedArxiv = paper.arxivId !== null && arxivIds.has(paper.arxivId);
    if (s2 === null || (askedArxiv && arxiv === null)) {
      failed.push(paper);
      continue;
    }
    const fromArxiv = askedArxiv ? (arxiv?.get(paper.arxivId!) ?? null) : null;
    entries.push({
      paperId: paper.id,
      fetchedAt,
      metadata: mergeMetadata(fromS2?.metadata ?? null, fromArxiv),
      references: fromS2?.references ?? [],
    });
  }
  return { entries, failed, errors };
}
