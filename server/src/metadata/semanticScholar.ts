// Semantic Scholar Graph API, batch endpoint: POST {base}/paper/batch?fields=… with {"ids": [...]},
// at most 500 ids a request; the answer is an array in request order with null for unknown ids.
import { z } from 'zod';

import type { EnrichmentCandidate, PaperMetadata, ReferenceTarget } from '../domain/metadata.ts';
import { normalisePaperRef } from '../ids/paperId.ts';
import { providerClient, ProviderError, type ProviderHttpOptions, requestText } from './http.ts';
import { cleanText, topicsOf, yearOf } from './text.ts';

export const SEMANTIC_SCHOLAR_BATCH_SIZE = 500;
const PROVIDER = 'Semantic Scholar';

const SEMANTIC_SCHOLAR_FIELDS = [
  'title',
  'authors',
  'year',
  'venue',
  'abstract',
  'externalIds',
  'publicationDate',
  'fieldsOfStudy',
  's2FieldsOfStudy',
  'references.title',
  'references.externalIds',
].join(',');

const externalIdsSchema = z
  .object({ ArXiv: z.string().nullish(), DOI: z.string().nullish() })
  .nullish();

const referenceSchema = z.object({
  paperId: z.string().nullish(),
  title: z.string().nullish(),
  externalIds: externalIdsSchema,
});

const paperSchema = z.object({
  paperId: z.string(),
  title: z.string().nullish(),
  abstract: z.string().nullish(),
  venue: z.string().nullish(),
  year: z.number().int().nullish(),
  publicationDate: z.string().nullish(),
  externalIds: externalIdsSchema,
  authors: z.array(z.object({ name: z.string().nullish() })).nullish(),
  fieldsOfStudy: z.array(z.string()).nullish(),
  s2FieldsOfStudy: z.array(z.object({ category: z.string() })).nullish(),
  references: z.array(referenceSchema).nullish(),
});
const batchSchema = z.array(paperSchema.nullable());
type S2Paper = z.infer<typeof paperSchema>;

export interface ProviderPaper {
  metadata: PaperMetadata;
  references: ReferenceTarget[];
}

export interface SemanticScholarOptions {
  baseUrl: string;
  apiKey?: string | undefined;
  http?: ProviderHttpOptions;
  batchSize?: number;
}

/** The id form the batch endpoint takes, or null for papers it cannot be asked about by id. */
function semanticScholarId(paper: EnrichmentCandidate): string | null {
  if (paper.arxivId) return `ARXIV:${paper.arxivId}`;
  if (paper.doi) return `DOI:${paper.doi}`;
  return null;
}

export class SemanticScholarClient {
  readonly #client;
  readonly #url: string;
  readonly #batchSize: number;

  constructor(options: SemanticScholarOptions) {
    this.#url = `${options.baseUrl.replace(/\/$/, '')}/paper/batch`;
    this.#batchSize = Math.min(
      options.batchSize ?? SEMANTIC_SCHOLAR_BATCH_SIZE,
      SEMANTIC_SCHOLAR_BATCH_SIZE,
    );
    this.#client = providerClient(options.http, {
      headers: options.apiKey ? { 'x-api-key': options.apiKey } : {},
    });
  }

  /**
   * Metadata and references per paper id: a ProviderPaper, null when the index does not know it.
   * Papers without an arXiv id or DOI are not asked about and are absent from the map.
   */
  async fetchPapers(
    papers: readonly EnrichmentCandidate[],
  ): Promise<Map<string, ProviderPaper | null>> {
    const askable = papers.flatMap((paper) => {
      const id = semanticScholarId(paper);
      return id === null ? [] : [{ paper, id }];
    });
    const found = new Map<string, ProviderPaper | null>();
    for (let start = 0; start < askable.length; start += this.#batchSize) {
      const chunk = askable.slice(start, start + this.#batchSize);
      const answers = await this.#batch(chunk.map((c) => c.id));
      chunk.forEach(({ paper }, i) =>
        found.set(paper.id, answers[i] ? toProviderPaper(answers[i]) : null),
      );
    }
    return found;
  }

  async #batch(ids: string[]): Promise<(S2Paper | null)[]> {
    const body = await requestText(PROVIDER, () =>
      this.#client.post(this.#url, {
        searchParams: { fields: SEMANTIC_SCHOLAR_FIELDS },
        json: { ids },
      }),
    );
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (error) {
      throw new ProviderError(
        PROVIDER,
        `answer is not JSON (${(error as Error).message})`,
        true,
        error,
      );
    }
    const parsed = batchSchema.safeParse(json);
    if (!parsed.success) {
      throw new ProviderError(
        PROVIDER,
        `answer is not a paper batch: ${z.prettifyError(parsed.error).split('\n')[0]}`,
        true,
      );
    }
    if (parsed.data.length !== ids.length) {
      throw new ProviderError(
        PROVIDER,
        `answered ${parsed.data.length} papers for ${ids.length} ids`,
        true,
      );
    }
    return parsed.data;
  }
}

function toProviderPaper(paper: S2Paper): ProviderPaper {
  const arxiv = paper.externalIds?.ArXiv
    ? normalisePaperRef(`arxiv:${paper.externalIds.ArXiv}`)
    : null;
  const doi = paper.externalIds?.DOI ? normalisePaperRef(`doi:${paper.externalIds.DOI}`) : null;
  const publishedAt =
    paper.publicationDate && /^\d{4}-\d{2}-\d{2}$/.test(paper.publicationDate)
      ? paper.publicationDate
      : null;
  return {
    metadata: {
      title: cleanText(paper.title, 1000),
      authors: (paper.authors ?? []).flatMap((a) => {
        const name = cleanText(a.name, 500);
        return name ? [{ name }] : [];
      }),
      year: yearOf(paper.year ?? null),
      venue: cleanText(paper.venue, 1000),
      abstract: cleanText(paper.abstract, 50_000),
      topics: topicsOf([
        ...(paper.fieldsOfStudy ?? []),
        ...(paper.s2FieldsOfStudy ?? []).map((f) => f.category),
      ]),
      arxivId: arxiv?.arxivId ?? null,
      doi: doi?.doi ?? null,
      publishedAt,
    },
    references: dedupeById(
      (paper.references ?? []).flatMap((ref) => {
        const target = referenceTarget(ref);
        return target ? [target] : [];
      }),
    ),
  };
}

/**
 * A reference's canonical key: its arXiv id, else its DOI, else its Semantic Scholar page (keyed as the
 * ids module keys that page when a show note links it); null when it has none.
 */
function referenceTarget(ref: z.infer<typeof referenceSchema>): ReferenceTarget | null {
  for (const raw of [
    ref.externalIds?.ArXiv && `arxiv:${ref.externalIds.ArXiv}`,
    ref.externalIds?.DOI && `doi:${ref.externalIds.DOI}`,
    ref.paperId &&
      /^[0-9a-f]{40}$/.test(ref.paperId) &&
      `https://www.semanticscholar.org/paper/${ref.paperId}`,
  ]) {
    const key = raw ? normalisePaperRef(raw) : null;
    if (key) {
      const { id, url, arxivId, doi } = key;
      return { id, title: cleanText(ref.title, 1000), url, arxivId, doi };
    }
  }
  return null;
}

function dedupeById(targets: ReferenceTarget[]): ReferenceTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => !seen.has(t.id) && seen.add(t.id));
}
