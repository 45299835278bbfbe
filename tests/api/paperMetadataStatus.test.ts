// Paper.metadataStatus on every store: why a paper has no metadata (not fetched yet, unknown to the
// providers, fetching off, known only as a reference) or that it has some, with enrichment on and off.
import { afterAll, beforeAll, expect, it } from 'vitest';

import { createPapergraphYoga } from '../../server/src/graphql/yoga.ts';
import type { EnrichmentStatusSource } from '../../server/src/metadata/enrichment.ts';
import {
  createTestApi,
  describeForEachStore,
  type GraphQLResponse,
  type TestApi,
} from './testApi.ts';

const DPO = 'arxiv:2305.18290';
const VERIFY = 'arxiv:2305.20050';
const AGENTIC = 'url:https://anthropic.com/research/agentic-misalignment';
const REFERENCE = 'arxiv:2203.02155';
const FETCHED_AT = '2026-07-01T00:00:00.000Z';

const STATUS = /* GraphQL */ `
  query Status($dpo: String!, $verify: String!, $agentic: String!) {
    dpo: paper(ref: $dpo) {
      metadataStatus
      metadataFetchedAt
      referenceOnly
      references(first: 5) {
        id
        referenceOnly
        metadataStatus
      }
    }
    verify: paper(ref: $verify) {
      metadataStatus
    }
    agentic: paper(ref: $agentic) {
      metadataStatus
      metadataFetchedAt
    }
  }
`;

/** Enrichment as the API sees it when ENRICH is on: a service that has fetched nothing yet. */
const ENRICHMENT_ON: EnrichmentStatusSource = {
  status: () => Promise.resolve({ pending: 32, done: 0, failed: 0, lastError: null }),
};

describeForEachStore('why a paper has or lacks metadata', (storeFactory) => {
  let api: TestApi;
  let withEnrichment: (query: string) => Promise<GraphQLResponse>;
  const variables = { dpo: DPO, verify: VERIFY, agentic: AGENTIC };

  beforeAll(async () => {
    api = await createTestApi({ storeFactory });
    const yoga = createPapergraphYoga({
      store: api.store,
      adminToken: undefined,
      enrichment: ENRICHMENT_ON,
    });
    withEnrichment = async (query) => {
      const response = await yoga.fetch(
        new Request('http://papergraph.test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables }),
        }),
      );
      return (await response.json()) as GraphQLResponse;
    };
  });
  afterAll(() => api.close());

  it('before any fetch: "fetching is off" without enrichment, "not fetched yet" with it', async () => {
    const off = await api.query(STATUS, variables);
    expect(off.errors).toBeUndefined();
    expect(off.data).toEqual({
      dpo: {
        metadataStatus: 'DISABLED',
        metadataFetchedAt: null,
        referenceOnly: false,
        references: [],
      },
      verify: { metadataStatus: 'DISABLED' },
      agentic: { metadataStatus: 'DISABLED', metadataFetchedAt: null },
    });
    const on = await withEnrichment(STATUS);
    expect(on.errors).toBeUndefined();
    expect(on.data).toEqual({
      dpo: {
        metadataStatus: 'PENDING',
        metadataFetchedAt: null,
        referenceOnly: false,
        references: [],
      },
      verify: { metadataStatus: 'PENDING' },
      agentic: { metadataStatus: 'PENDING', metadataFetchedAt: null },
    });
  });

  it('after a fetch: described, unknown to the providers, or known only as a reference, whatever ENRICH says', async () => {
    await api.store.saveMetadata([
      {
        paperId: DPO,
        fetchedAt: FETCHED_AT,
        metadata: {
          title: 'Direct Preference Optimization: Your Language Model is Secretly a Reward Model',
          authors: [{ name: 'Rafael Rafailov' }],
          year: 2023,
          venue: 'NeurIPS',
          abstract: 'While large-scale unsupervised language models…',
          topics: ['cs.LG'],
          arxivId: '2305.18290',
          doi: null,
          publishedAt: '2023-05-29',
        },
        references: [
          {
            id: REFERENCE,
            title: 'Training language models to follow instructions with human feedback',
            url: 'https://arxiv.org/abs/2203.02155',
            arxivId: '2203.02155',
            doi: null,
          },
        ],
      },
      { paperId: AGENTIC, fetchedAt: FETCHED_AT, metadata: null, references: [] },
    ]);
    const fetched = {
      dpo: {
        metadataStatus: 'FETCHED',
        metadataFetchedAt: FETCHED_AT,
        referenceOnly: false,
        references: [{ id: REFERENCE, referenceOnly: true, metadataStatus: 'REFERENCE_ONLY' }],
      },
      agentic: { metadataStatus: 'NOT_FOUND', metadataFetchedAt: FETCHED_AT },
    };

    const off = await api.query(STATUS, variables);
    expect(off.errors).toBeUndefined();
    expect(off.data).toEqual({ ...fetched, verify: { metadataStatus: 'DISABLED' } });
    const on = await withEnrichment(STATUS);
    expect(on.errors).toBeUndefined();
    expect(on.data).toEqual({ ...fetched, verify: { metadataStatus: 'PENDING' } });
  });
});
