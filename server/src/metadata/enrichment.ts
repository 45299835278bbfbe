// The background enrichment service: walks the graph's papers whose metadata is missing or stale,
// fetches them in batches and stores what came back. It runs at start and after each import, never
// inside one: nothing here is awaited by an import, a query or start-up, and every failure is caught,
// logged and retried later, so papergraph offline works as it does without it.
import type { EnrichmentCounts, MetadataEntry, ReferenceTarget } from '../domain/metadata.ts';
import type { GraphStore } from '../store/store.ts';
import { fetchMetadata, type MetadataProviders } from './fetchMetadata.ts';
import { SEMANTIC_SCHOLAR_BATCH_SIZE } from './semanticScholar.ts';

/** How long status() reuses its counts (a saved batch clears them at once). */
const STATUS_CACHE_MS = 5_000;

export interface EnrichmentStatus {
  /** Papers of the graph with no metadata fetched within the refresh age. */
  pending: number;
  /** Papers of the graph fetched within the refresh age (including ones the providers do not know). */
  done: number;
  /** Papers whose last attempt in this process failed (a provider down, a bad answer). */
  failed: number;
  lastError: string | null;
}

/** What /health and the API read: the service, or a stand-in in tests. */
export interface EnrichmentStatusSource {
  status(): Promise<EnrichmentStatus>;
}

export interface EnrichmentOptions {
  store: GraphStore;
  providers: MetadataProviders;
  /** Metadata older than this is fetched again. */
  refreshAfterMs: number;
  /** After a failed round, the next try waits this long. */
  retryAfterMs: number;
  batchSize?: number;
  now?: () => Date;
  log?: (message: string) => void;
}

export class EnrichmentService implements EnrichmentStatusSource {
  readonly #options: Required<Omit<EnrichmentOptions, 'store' | 'providers'>> &
    Pick<EnrichmentOptions, 'store' | 'providers'>;
  readonly #failed = new Set<string>();
  #lastError: string | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #retryTimer: NodeJS.Timeout | null = null;
  #closed = false;
  #counts: { at: number; value: EnrichmentCounts } | null = null;

  constructor(options: EnrichmentOptions) {
    this.#options = {
      batchSize: SEMANTIC_SCHOLAR_BATCH_SIZE,
      now: () => new Date(),
      log: (message) => console.error(message),
      ...options,
    };
  }

  /** Starts a run in the background (or another after the current one); returns at once. */
  schedule(): void {
    if (this.#closed) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    this.#running = this.#loop().finally(() => {
      this.#running = null;
    });
  }

  /** Resolves when no run is going (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  async status(): Promise<EnrichmentStatus> {
    const now = this.#options.now().getTime();
    // Counting is a pass over every paper: /health polled every second must not repeat it each time.
    if (this.#counts === null || now - this.#counts.at > STATUS_CACHE_MS || now < this.#counts.at) {
      this.#counts = {
        at: now,
        value: await this.#options.store.enrichmentCounts(this.#staleBefore()),
      };
    }
    return { ...this.#counts.value, failed: this.#failed.size, lastError: this.#lastError };
  }

  /** Stops scheduling; a request in flight is not waited for (its results are dropped with the store). */
  close(): void {
    this.#closed = true;
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
  }

  async #loop(): Promise<void> {
    do {
      this.#again = false;
      const retry = await this.#run().catch((error: unknown) => {
        this.#note(error instanceof Error ? error.message : String(error));
        return true;
      });
      if (retry && !this.#closed && !this.#again) this.#retryLater();
    } while (this.#again && !this.#closed);
  }

  /** One walk over the stale papers; true when some were left for a later try. */
  async #run(): Promise<boolean> {
    const { store, providers, batchSize, now } = this.#options;
    const staleBefore = this.#staleBefore();
    let afterId: string | null = null;
    let leftOver = false;
    while (!this.#closed) {
      const papers = await store.papersToEnrich({ staleBefore, afterId, limit: batchSize });
      if (papers.length === 0) break;
      afterId = papers[papers.length - 1]!.id;
      const round = await fetchMetadata(providers, papers, now);
      if (round.entries.length > 0)
        await store.saveMetadata(await resolveReferenceTargets(store, round.entries));
      this.#counts = null;
      for (const entry of round.entries) this.#failed.delete(entry.paperId);
      for (const paper of round.failed) this.#failed.add(paper.id);
      for (const error of round.errors) this.#note(error.message);
      leftOver ||= round.failed.length > 0;
    }
    return leftOver;
  }

  #note(message: string): void {
    if (this.#closed) return; // the store closing under a run is no error worth a log line
    this.#lastError = message;
    this.#options.log(`enrichment: ${message} (will try again later)`);
  }

  #retryLater(): void {
    if (this.#retryTimer) return;
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      this.schedule();
    }, this.#options.retryAfterMs);
    this.#retryTimer.unref();
  }

  #staleBefore(): string {
    return new Date(this.#options.now().getTime() - this.#options.refreshAfterMs).toISOString();
  }
}

/** References name papers by their own key; a paper the graph holds under another form keeps the graph's id. */
async function resolveReferenceTargets(
  store: GraphStore,
  entries: MetadataEntry[],
): Promise<MetadataEntry[]> {
  const keysOf = (t: ReferenceTarget) => [
    t.id,
    ...(t.arxivId ? [`arxiv:${t.arxivId}`] : []),
    ...(t.doi ? [`doi:${t.doi}`] : []),
  ];
  const keys = [...new Set(entries.flatMap((e) => e.references.flatMap(keysOf)))];
  const resolved = await store.resolvePaperKeys(keys);
  const graphId = new Map(keys.map((key, i) => [key, resolved[i] ?? null]));
  return entries.map((entry) => {
    const seen = new Set<string>([entry.paperId]);
    const references = entry.references.flatMap((target) => {
      const id =
        keysOf(target)
          .map((key) => graphId.get(key))
          .find((found) => found != null) ?? target.id;
      if (seen.has(id)) return [];
      seen.add(id);
      return [{ ...target, id }];
    });
    return { ...entry, references };
  });
}
