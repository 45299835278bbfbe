// The enrichment service as the configuration describes it, and the store wrapper that tells it
// about imports. serve.ts is the only caller. The service and its clients (ky, arXiv's XML parser,
// the providers' schemas) load on first use, so a start answers before they are read.
import type { EnrichmentConfig } from '../config.ts';
import type { GraphStore } from '../store/store.ts';
import type { EnrichmentService, EnrichmentStatus, EnrichmentStatusSource } from './enrichment.ts';

/** A failed round is tried again after this long (a provider down, the machine offline). */
const RETRY_AFTER_MS = 10 * 60 * 1000;

async function createService(config: EnrichmentConfig, store: GraphStore) {
  const [
    { ArxivClient },
    { EnrichmentService },
    { DEFAULT_PROVIDER_HTTP },
    { SemanticScholarClient },
  ] = await Promise.all([
    import('./arxiv.ts'),
    import('./enrichment.ts'),
    import('./http.ts'),
    import('./semanticScholar.ts'),
  ]);
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

/** The service, created by the first call that needs it; the calls mean what they mean on it. */
class LazyEnrichment implements EnrichmentStatusSource {
  readonly #create: () => Promise<EnrichmentService>;
  #service: Promise<EnrichmentService> | undefined;
  #closed = false;

  constructor(create: () => Promise<EnrichmentService>) {
    this.#create = create;
  }

  #loaded(): Promise<EnrichmentService> {
    this.#service ??= this.#create();
    return this.#service;
  }

  /** Starts a run in the background (creating the service first if need be); returns at once. */
  schedule(): void {
    if (this.#closed) return;
    this.#loaded().then(
      (service) => {
        if (!this.#closed) service.schedule();
      },
      (error: unknown) => console.error('enrichment could not start:', error),
    );
  }

  async status(): Promise<EnrichmentStatus> {
    return (await this.#loaded()).status();
  }

  /** Stops the service if it was ever created; one created later never runs. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#service !== undefined) (await this.#service).close();
  }
}

export function createEnrichment(
  config: EnrichmentConfig,
  store: GraphStore,
): LazyEnrichment | null {
  return config.enabled ? new LazyEnrichment(() => createService(config, store)) : null;
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
