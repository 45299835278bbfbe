// The enrichment service over the shipped seed, against the loopback providers: what it stores, that a
// restart does not fetch again, refresh after the configured age, a provider down that comes back (the
// episodes the fixtures' references connect: tests/api/relationsMetadata.test.ts).
import { rm } from 'node:fs/promises';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { ArxivClient } from '../../server/src/metadata/arxiv.ts';
import { notifyingImports } from '../../server/src/metadata/createEnrichment.ts';
import { EnrichmentService } from '../../server/src/metadata/enrichment.ts';
import type { ProviderHttpOptions } from '../../server/src/metadata/http.ts';
import { SemanticScholarClient } from '../../server/src/metadata/semanticScholar.ts';
import { seedIfEmpty } from '../../server/src/seed.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { makeTempDir } from '../helpers/stores.ts';
import { type ProviderServer, startProviderServer } from './providerServer.ts';

const FAST: ProviderHttpOptions = {
  timeoutMs: 500,
  retries: 1,
  backoffMs: 10,
  maxRetryAfterMs: 1_000,
};
const DAY = 24 * 60 * 60 * 1000;
/** The seed's papers: 32, of which 27 have an arXiv id or DOI (5 are plain links). */
const SEED_PAPERS = 32;

let providers: ProviderServer;
let dataDir: string;
let store: GraphStore;
let clock: Date;

function service(): EnrichmentService {
  return new EnrichmentService({
    store,
    providers: {
      semanticScholar: new SemanticScholarClient({ baseUrl: providers.s2Url, http: FAST }),
      arxiv: new ArxivClient({ baseUrl: providers.arxivUrl, spacingMs: 0, http: FAST }),
    },
    refreshAfterMs: 30 * DAY,
    retryAfterMs: 60_000,
    now: () => clock,
    log: () => {},
  });
}

async function enrich(): Promise<EnrichmentService> {
  const s = service();
  s.schedule();
  await s.idle();
  return s;
}

beforeEach(async () => {
  providers = await startProviderServer();
  dataDir = await makeTempDir('enrichment');
  store = await createEmbeddedStore({ dataDir });
  await seedIfEmpty(store);
  clock = new Date('2026-07-01T12:00:00.000Z');
});
afterEach(async () => {
  await store.close();
  await providers.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('enrichment service', () => {
  it('fetches every paper of the seed once, batched, and stores what the providers said', async () => {
    const s = await enrich();
    expect(await s.status()).toEqual({ pending: 0, done: SEED_PAPERS, failed: 0, lastError: null });
    const s2Requests = providers.requests.filter((r) => r.provider === 's2');
    expect(s2Requests).toHaveLength(1);
    expect(s2Requests[0]!.ids).toHaveLength(27);
    // arXiv for every arXiv paper (26 of the 27), in one request of at most 100 ids.
    const arxivRequests = providers.requests.filter((r) => r.provider === 'arxiv');
    expect(arxivRequests.map((r) => r.ids.length)).toEqual([26]);
    expect(arxivRequests[0]!.ids).toEqual(
      expect.arrayContaining(['2606.26448', '2606.26453', '2305.18290']),
    );

    const [scheming, brandNew, gpu, sleeper, link] = await store.metadataByPaperIds([
      'arxiv:2606.26071',
      'arxiv:2606.26448',
      'arxiv:2606.26453',
      'arxiv:2401.05566',
      'url:https://transformer-circuits.pub/2022/toy_model',
    ]);
    expect(scheming).toMatchObject({
      title: expect.stringMatching(/^Scheming or Confusion/),
      year: 2026,
      fetchedAt: clock.toISOString(),
    });
    // Not in Semantic Scholar yet: arXiv alone.
    expect(brandNew).toMatchObject({
      found: true,
      title: expect.stringMatching(/^An AI Designed/),
      topics: ['cs.AI', 'q-bio.NC'],
    });
    // Semantic Scholar had no abstract: arXiv's fills it; categories first, fields of study after.
    expect(gpu).toMatchObject({
      abstract: expect.stringMatching(/^Feeding raw Nsight/),
      topics: ['cs.LG', 'cs.PF'],
      venue: 'Proc. MLSys 2026',
    });
    expect(sleeper).toMatchObject({
      fetchedAt: null,
      title: expect.stringMatching(/^Sleeper Agents/),
    });
    expect(link).toMatchObject({ found: false, fetchedAt: clock.toISOString() });
    // A reference that is a paper of the graph points at its graph id.
    expect(await store.referencedByPaperIds(['arxiv:2412.04984', 'arxiv:2401.05566'], 10)).toEqual([
      ['arxiv:2606.26071'],
      ['arxiv:2606.26071', 'arxiv:2606.26474'],
    ]);
  });

  it('an import through the store main.ts wraps starts a run; every other call passes through', async () => {
    const s = service();
    let notified = 0;
    const wrapped = notifyingImports(store, () => {
      notified++;
      s.schedule();
    });
    expect(wrapped.kind).toBe('embedded');
    expect((await wrapped.stats()).episodes).toBe(8);
    expect(notified).toBe(0);
    await wrapped.importBatch(await store.exportBatch());
    expect(notified).toBe(1);
    await s.idle();
    expect(await s.status()).toMatchObject({ pending: 0, done: SEED_PAPERS });
    await expect(
      wrapped.importBatch({ episodes: [], papers: [{ id: 'x' } as never] }),
    ).rejects.toThrow();
    expect(notified).toBe(1);
  });

  it('after a restart nothing is fetched again; after the refresh age everything is', async () => {
    await enrich();
    await store.close();
    store = await createEmbeddedStore({ dataDir });
    const before = providers.requests.length;
    const s = await enrich();
    expect(providers.requests.length).toBe(before);
    expect((await s.status()).pending).toBe(0);
    clock = new Date(clock.getTime() + 31 * DAY);
    expect((await s.status()).pending).toBe(SEED_PAPERS);
    s.schedule();
    await s.idle();
    expect(providers.requests.length).toBeGreaterThan(before);
    expect((await s.status()).pending).toBe(0);
  });

  it('a provider down at start leaves everything pending and failed, then succeeds when it is back', async () => {
    providers.plan('s2', 'reset', 'reset');
    const s = await enrich();
    const down = await s.status();
    expect(down).toMatchObject({ pending: SEED_PAPERS, done: 0, failed: SEED_PAPERS });
    expect(down.lastError).toMatch(/^Semantic Scholar: unreachable/);
    s.schedule(); // what the retry timer does
    await s.idle();
    expect(await s.status()).toMatchObject({ pending: 0, done: SEED_PAPERS, failed: 0 });
  });

  it('a malformed answer is logged and skipped; the rest of the run goes on', async () => {
    providers.plan('s2', { body: '<html>oops</html>', contentType: 'text/html' });
    const lines: string[] = [];
    const s = new EnrichmentService({
      store,
      providers: {
        semanticScholar: new SemanticScholarClient({
          baseUrl: providers.s2Url,
          http: FAST,
          batchSize: 20,
        }),
        arxiv: new ArxivClient({ baseUrl: providers.arxivUrl, spacingMs: 0, http: FAST }),
      },
      refreshAfterMs: DAY,
      retryAfterMs: 60_000,
      batchSize: 20,
      now: () => clock,
      log: (line) => lines.push(line),
    });
    s.schedule();
    await s.idle();
    expect(lines).toEqual([
      expect.stringMatching(
        /^enrichment: Semantic Scholar: answer is not JSON .* \(will try again later\)$/,
      ),
    ]);
    // The first 20 papers failed, the other 12 are stored.
    expect(await s.status()).toMatchObject({ pending: 20, done: 12, failed: 20 });
  });
});
