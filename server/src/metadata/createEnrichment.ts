// The enrichment service as the configuration describes it, and the store wrapper that tells it
// about imports. main.ts is the only caller.
import type { EnrichmentConfig } from '../config.ts';
import type { GraphStore } from '../store/store.ts';
import { ArxivClient } from './arxiv.ts';
import { EnrichmentService } from './enrichment.ts';
import { DEFAULT_PROVIDER_HTTP } from './http.ts';
import { SemanticScholarClient } from './semanticScholar.ts';

/** A failed round is tried again after this long (a provider down, the machine offline). */
const RETRY_AFTER_MS = 10 * 60 * 1000;

export function createEnrichment(
  config: EnrichmentConfig,
  store: GraphStore,
): EnrichmentService | null {
  if (!config.enabled) return null;
  const http = { ...DEFAULT_PROVIDER_HTTP, timeoutMs: config.timeoutMs };
  return new EnrichmentService({
    store,
    providers: {
      semanticScholar: new SemanticScholarClient({
        baseUrl: config.semanticScholarUrl,
        apiKey: config.semanticScholarApiKey,
        http,
      }),
      arxiv: new ArxivClient({ baseUrl: config.arxivUrl, spacingMs: config.arxivSpacingMs, http }),
    },
    refreshAfterMs: config.refreshAfterMs,
    retryAfterMs: RETRY_AFTER_MS,
  });
}

/**
 * The same store, calling `onImported` after each import that returned (its result unchanged, its
 * errors its own). A Proxy so every other method, including ones added later, passes straight through.
 */
export function notifyingImports(store: GraphStore, onImported: () => void): GraphStore {
  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property !== 'importBatch' && property !== 'importBatches') return value.bind(target);
      return async (...args: unknown[]) => {
        const result: unknown = await value.apply(target, args);
        onImported();
        return result;
      };
    },
  });
}
