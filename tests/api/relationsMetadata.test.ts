// Relations through metadata, on every store: with the seed's paper metadata loaded (the loopback
// providers' fixtures), episodes whose source papers cite the same work or are cited by the same
// paper are related for that reason, the linking paper named, even a paper known only as a reference.
import { afterAll, beforeAll, expect, it } from 'vitest';

import type { EnrichmentService } from '../../server/src/metadata/enrichment.ts';
import {
  fixtureEnrichment,
  type ProviderServer,
  startProviderServer,
} from '../metadata/providerServer.ts';
import { createTestApi, describeForEachStore, type TestApi } from './testApi.ts';

// Episodes of the seed (ids derive from their source papers).
const SCHEMING = 'ep_9b2a7e40a581'; // arXiv:2606.26071
const CROSSCODER = 'ep_279a89d308a5'; // arXiv:2606.26474
const GPU_CODE = 'ep_b0adc2914bd3'; // arXiv:2606.26453
const DPO = 'ep_331d3a977067';
const GRADER = 'ep_c33ed4328aa2';
const SLEEPER_AGENTS = 'arxiv:2401.05566';
const STEP_GRADER = 'arxiv:2606.26080';

const RELATED = `query ($id: NodeRef!, $first: Int!) { episode(at: $id) { related(first: $first) {
  score episode { id }
  reasons { kind label weight papers { id title referenceOnly } terms }
  sharedPapers { id } sharedReferences { id }
} } }`;

interface Related {
  score: number;
  episode: { id: string };
  reasons: {
    kind: string;
    label: string;
    weight: number;
    papers: { id: string; title: string | null; referenceOnly: boolean }[];
  }[];
  sharedPapers: { id: string }[];
  sharedReferences: { id: string }[];
}

describeForEachStore('relations through paper metadata', (storeFactory) => {
  let api: TestApi;
  let providers: ProviderServer;
  let service: EnrichmentService;
  const relatedOf = async (id: string, first = 10) =>
    (await api.query<{ episode: { related: Related[] } }>(RELATED, { id, first })).data!.episode
      .related;
  const withEpisode = async (from: string, to: string) =>
    (await relatedOf(from)).find((related) => related.episode.id === to);

  beforeAll(async () => {
    providers = await startProviderServer();
    api = await createTestApi({ storeFactory });
    service = fixtureEnrichment(api.store, providers);
    service.schedule();
    await service.idle();
  });
  afterAll(async () => {
    service.close();
    await api.close();
    await providers.close();
  });

  it('relates two episodes whose source papers cite the same work, naming it (bibliographic coupling)', async () => {
    // Both source papers cite Sleeper Agents, which two stored papers cite.
    for (const [from, to] of [
      [SCHEMING, CROSSCODER],
      [CROSSCODER, SCHEMING],
    ] as const) {
      const related = await withEpisode(from, to);
      expect(related, `${from} → ${to}`).toBeDefined();
      expect(related!.reasons).toContainEqual({
        kind: 'SHARED_REFERENCE',
        label:
          'both source papers cite Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training',
        weight: 1 / Math.log(2),
        papers: [
          {
            id: SLEEPER_AGENTS,
            title: 'Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training',
            referenceOnly: true,
          },
        ],
        terms: [],
      });
      expect(related!.sharedReferences).toEqual([{ id: SLEEPER_AGENTS }]);
      expect(related!.sharedPapers).toEqual([]);
    }
  });

  it('relates two episodes whose source papers one paper cites, naming it (co-citation)', async () => {
    // The step-level grader paper lists three references, both source papers among them.
    for (const [from, to] of [
      [GPU_CODE, CROSSCODER],
      [CROSSCODER, GPU_CODE],
    ] as const) {
      const related = await withEpisode(from, to);
      expect(related, `${from} → ${to}`).toBeDefined();
      const coCited = related!.reasons.find((reason) => reason.kind === 'CO_CITED');
      expect(coCited).toMatchObject({ weight: 1 / Math.log(3), papers: [{ id: STEP_GRADER }] });
      expect(coCited!.label).toMatch(/^both source papers are cited by /);
      expect(related!.sharedReferences).toEqual([{ id: STEP_GRADER }]);
    }
  });

  it('keeps every relation explained, and `first` the head of the longer list', async () => {
    for (const id of [SCHEMING, CROSSCODER, GPU_CODE, DPO]) {
      const all = await relatedOf(id);
      for (const related of all) {
        expect(related.reasons.length).toBeGreaterThan(0);
        expect(related.score).toBeCloseTo(
          related.reasons.reduce((sum, reason) => sum + reason.weight, 0),
          10,
        );
      }
      expect(await relatedOf(id, 1)).toEqual(all.slice(0, 1));
    }
    expect((await api.query(RELATED, { id: 'ep_000000000000', first: 5 })).data).toEqual({
      episode: null,
    });
  });

  it('still relates episodes by their shared readings first, with no shared reference', async () => {
    const [top] = await relatedOf(DPO);
    expect(top!.episode.id).toBe(GRADER);
    expect(top!.reasons[0]!.kind).toBe('SHARED_PAPER');
    expect(top!.sharedPapers.map((paper) => paper.id).sort()).toEqual([
      'arxiv:2305.18290',
      'arxiv:2305.20050',
    ]);
    expect(top!.sharedReferences).toEqual([]);
  });
});
