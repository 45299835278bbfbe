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
        references: [SLEEPER],
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
    expect(data?.paper.references).toEqual([{ id: SLEEPER.id }]);
    expect(data?.paper.referenceOnly).toBe(false);
  });
});
