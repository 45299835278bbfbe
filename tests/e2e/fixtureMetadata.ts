// Fills a store's metadata from the fixture providers (a loopback server playing Semantic Scholar and
// arXiv) before a browser test's stack opens it: one enrichment pass, then the providers go away.
import {
  type EnrichedStore,
  fixtureEnrichment,
  startProviderServer,
} from '../metadata/providerServer.ts';

/** Fetches metadata for every paper the store's episodes cite, from the fixture files. */
export async function fetchFixtureMetadata(store: EnrichedStore): Promise<void> {
  const providers = await startProviderServer();
  try {
    const enrichment = fixtureEnrichment(store, providers);
    enrichment.schedule();
    await enrichment.idle();
    enrichment.close();
  } finally {
    await providers.close();
  }
}
