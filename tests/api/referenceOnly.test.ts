// A paper known only as another paper's reference, through the API on every store: `paper(ref:)`
// answers it by any identifier its metadata gives, `search` finds it by title, and its reference
// edges work both ways.
import { afterAll, beforeAll, expect, it } from 'vitest';

import { createTestApi, describeForEachStore, type TestApi } from './testApi.ts';

const DPO = 'arxiv:2305.18290';
const SLEEPER = {
  id: 'arxiv:2401.05566',
  title: 'Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training',
  url: 'https://arxiv.org/abs/2401.05566',
  arxivId: '2401.05566',
  doi: '10.5555/Sleeper.Agents',
};

/** A paper of the graph that DPO's references name too. */
const VERIFY = {
  id: 'arxiv:2305.20050',
  title: "Let's Verify Step by Step",
  url: 'https://arxiv.org/abs/2305.20050',
  arxivId: '2305.20050',
  doi: null,
};

const PAPER = /* GraphQL */ `
  query Paper($ref: String!) {
    paper(ref: $ref) {
      id
      title
      referenceOnly
      citationCount
      metadataStatus
      references(first: 5) {
        id
      }
      referencedBy(first: 5) {
        id
        referenceOnly
      }
    }
  }
`;

describeForEachStore('reference-only papers', (storeFactory) => {
  let api: TestApi;

  beforeAll(async () => {
    api = await createTestApi({ storeFactory });
    await api.store.saveMetadata([
      {
        paperId: DPO,
        fetchedAt: '2026-07-01T00:00:00.000Z',
        metadata: null,
        references: [SLEEPER, VERIFY],
      },
    ]);
  });
  afterAll(() => api.close());

  it.each([
    ['its arXiv id', 'arXiv:2401.05566'],
    ['its arXiv link', 'https://arxiv.org/abs/2401.05566v2'],
    ['its papergraph id', 'arxiv:2401.05566'],
    ['the DOI its metadata gives', 'https://doi.org/10.5555/SLEEPER.agents'],
  ])('paper(ref:) answers it by %s', async (_form, ref) => {
    const { data, errors } = await api.query(PAPER, { ref });
    expect(errors).toBeUndefined();
    expect(data?.paper).toEqual({
      id: SLEEPER.id,
      title: SLEEPER.title,
      referenceOnly: true,
      citationCount: 0,
      metadataStatus: 'REFERENCE_ONLY',
      references: [],
      referencedBy: [{ id: DPO, referenceOnly: false }],
    });
  });

  it('search finds it by its title', async () => {
    const { data, errors } = await api.query(
      `{ search(query: "sleeper agents deceptive") { node { __typename ... on Paper { id referenceOnly } } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data?.search.map((hit: { node: unknown }) => hit.node)).toContainEqual({
      __typename: 'Paper',
      id: SLEEPER.id,
      referenceOnly: true,
    });
  });

  it('the paper citing it lists it among its references', async () => {
    const { data } = await api.query(PAPER, { ref: DPO });
    expect(data?.paper.references).toEqual([{ id: SLEEPER.id }, { id: VERIFY.id }]);
    expect(data?.paper.referenceOnly).toBe(false);
  });

  it('graph draws reference edges between its papers when asked, not otherwise', async () => {
    const GRAPH = /* GraphQL */ `
      query Drawn($references: Boolean!) {
        graph(around: "arxiv:2305.18290", depth: 2, limit: 50, references: $references) {
          nodes {
            id
          }
          referenceEdges {
            source
            target
          }
        }
      }
    `;
    const asked = await api.query(GRAPH, { references: true });
    expect(asked.errors).toBeUndefined();
    const drawn = asked.data?.graph.nodes.map((node: { id: string }) => node.id);
    expect(drawn).toContain(VERIFY.id);
    expect(drawn).not.toContain(SLEEPER.id);
    expect(asked.data?.graph.referenceEdges).toEqual([{ source: DPO, target: VERIFY.id }]);
    const plain = await api.query(GRAPH, { references: false });
    expect(plain.data?.graph.referenceEdges).toEqual([]);
  });
});
