import { afterAll, beforeAll, expect, it } from 'vitest';

import { createTestApi, describeForEachStore, type TestApi } from './testApi.ts';

const GRADER = 'The Free Step-Level Grader Hiding in Every RL Training Run';
const BAD_TOKEN = "One Bad Token Can Sink a Model's Math, And You Can Delete It";

const DPO_FORMS = [
  'https://arxiv.org/abs/2305.18290',
  'arxiv.org/pdf/2305.18290v3.pdf',
  'arXiv:2305.18290v2',
  'https://doi.org/10.48550/arXiv.2305.18290',
  'DOI:10.48550/ARXIV.2305.18290',
  'arxiv:2305.18290',
];

const PAPER = /* GraphQL */ `
  query Paper($ref: String!) {
    paper(ref: $ref) {
      id
      title
      label
      url
      arxivId
      citationCount
      citedBy {
        kind
        note
        episode {
          id
          title
          related(first: 3) {
            score
            episode {
              title
            }
            sharedPapers {
              id
            }
          }
        }
      }
    }
  }
`;

describeForEachStore('finding every episode that cites a paper', (storeFactory) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ storeFactory });
  });
  afterAll(() => api.close());

  it('resolves five identifier forms of the DPO paper to one paper cited by exactly the two episodes that recommend it', async () => {
    const ids = new Set<string>();
    for (const ref of DPO_FORMS) {
      const { data, errors } = await api.query(PAPER, { ref });
      expect(errors).toBeUndefined();
      expect(data?.paper, ref).not.toBeNull();
      ids.add(data!.paper.id);
      expect(data!.paper.title).toBe(
        'Direct Preference Optimization: Your Language Model is Secretly a Reward Model',
      );
      expect(data!.paper.citationCount).toBe(2);
      const citers = data!.paper.citedBy.map((c: any) => c.episode.title).sort();
      expect(citers).toEqual([BAD_TOKEN, GRADER].sort());
      expect(data!.paper.citedBy.every((c: any) => c.kind === 'RECOMMENDED')).toBe(true);
    }
    expect([...ids]).toEqual(['arxiv:2305.18290']);
  });

  it('lists each DPO episode first in the other one’s related episodes, sharing DPO and Let’s Verify', async () => {
    const { data } = await api.query(PAPER, { ref: 'arXiv:2305.18290' });
    for (const citation of data!.paper.citedBy) {
      const other = citation.episode.title === GRADER ? BAD_TOKEN : GRADER;
      const [top] = citation.episode.related;
      expect(top.episode.title).toBe(other);
      expect(top.sharedPapers.map((p: any) => p.id).sort()).toEqual([
        'arxiv:2305.18290',
        'arxiv:2305.20050',
      ]);
      expect(top.score).toBeGreaterThan(0);
    }
  });

  it('answers unknown identifiers and ids with null, and junk with a clear error', async () => {
    expect((await api.query(PAPER, { ref: 'arXiv:9999.99999' })).data?.paper).toBeNull();
    expect(
      (await api.query(PAPER, { ref: 'https://example.org/nothing-here' })).data?.paper,
    ).toBeNull();
    const episode = await api.query('{ episode(id: "ep_000000000000") { title } }');
    expect(episode.data?.episode).toBeNull();
    const empty = await api.query(PAPER, { ref: '   ' });
    expect(empty.errors?.[0]?.message).toMatch(/ref/i);
  });

  it('labels an untitled source paper readably and keeps the aliases it was seen under', async () => {
    const { data } = await api.query(
      `{ episodes(first: 8) { edges { node { title source { id title label url aliases } } } } }`,
    );
    const grader = data!.episodes.edges.find((e: any) => e.node.title === GRADER).node;
    expect(grader.source.title).toBeNull();
    expect(grader.source.label).toMatch(/2606\.26080/);
    expect(grader.source.url).toBe('https://arxiv.org/abs/2606.26080');
    expect(grader.source.aliases).toContain('https://arxiv.org/abs/2606.26080');
  });

  it('pages papers deterministically, most cited first, with minCitations', async () => {
    const { data } = await api.query(
      `{ papers(first: 2, minCitations: 2) { totalCount edges { node { id citationCount } } pageInfo { hasNextPage } } }`,
    );
    expect(data!.papers.totalCount).toBe(2);
    expect(data!.papers.edges.map((e: any) => e.node.id).sort()).toEqual([
      'arxiv:2305.18290',
      'arxiv:2305.20050',
    ]);
    expect(data!.papers.pageInfo.hasNextPage).toBe(false);
  });
});
