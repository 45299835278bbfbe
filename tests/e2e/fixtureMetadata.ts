// Fills a store's metadata from the fixture providers (a loopback server playing Semantic Scholar and
// arXiv) before a browser test's stack opens it: one enrichment pass, then the providers go away.
import { ArxivClient } from '../../server/src/metadata/arxiv.ts';
import { EnrichmentService } from '../../server/src/metadata/enrichment.ts';
import { SemanticScholarClient } from '../../server/src/metadata/semanticScholar.ts';
import { startProviderServer } from '../metadata/providerServer.ts';

type EnrichedStore = ConstructorParameters<typeof EnrichmentService>[0]['store'];

/** Fetches metadata for every paper the store's episodes cite, from the fixture files. */
export async function fetchFixtureMetadata(store: EnrichedStore): Promise<void> {
  const providers = await startProviderServer();
  try {
    const http = { timeoutMs: 1_000, retries: 1, backoffMs: 10, maxRetryAfterMs: 1_000 };
    const enrichment = new EnrichmentService({
      store,
      providers: {
        semanticScholar: new SemanticScholarClient({ baseUrl: providers.s2Url, http }),
        arxiv: new ArxivClient({ baseUrl: providers.arxivUrl, spacingMs: 0, http }),
      },
      refreshAfterMs: 30 * 24 * 3600 * 1000,
      retryAfterMs: 60_000,
      log: () => {},
    });
    enrichment.schedule();
    await enrichment.idle();
    enrichment.close();
  } finally {
    await providers.close();
  }
}
