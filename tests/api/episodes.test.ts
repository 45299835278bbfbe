import { afterAll, beforeAll, expect, it } from 'vitest';

import { createTestApi, describeForEachStore, type TestApi } from './testApi.ts';

describeForEachStore('episodes over GraphQL', (storeFactory) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ storeFactory });
  });
  afterAll(() => api.close());

  it('answers stats for the seed', async () => {
    const { data } = await api.query('{ stats { episodes papers citations } }');
    // 8 sources + 26 readings, two of them (DPO, Let’s Verify) recommended twice.
    expect(data?.stats).toEqual({ episodes: 8, papers: 32, citations: 34 });
  });

  it('pages through all episodes newest first with cursors and a total count', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    const dates: string[] = [];
    for (;;) {
      const { data, errors }: any = await api.query(
        'query($after: String) { episodes(first: 3, after: $after) { totalCount edges { cursor node { id publishedAt } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      expect(errors).toBeUndefined();
      expect(data.episodes.totalCount).toBe(8);
      seen.push(...data.episodes.edges.map((e: any) => e.node.id));
      dates.push(...data.episodes.edges.map((e: any) => e.node.publishedAt));
      if (!data.episodes.pageInfo.hasNextPage) break;
      after = data.episodes.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(8);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(dates[0]).toBe('2026-06-27');
  });

  it('serves an episode with its chapters, takeaways, source and readings', async () => {
    const { data } = await api.query(`{ episodes(first: 1) { edges { node { id } } } }`);
    const id = data!.episodes.edges[0].node.id;
    const { data: detail } = await api.query(
      `query($id: ID!) { episode(id: $id) { title durationMinutes paperPublishedAt takeaways chapters { start startSeconds title } source { url } recommendations { note paper { title url } } } }`,
      { id },
    );
    const episode = detail!.episode;
    expect(episode.title).toBe('How DeepSeek Made One User Faster Without Slowing Down the Crowd');
    expect(episode.durationMinutes).toBe(23);
    expect(episode.paperPublishedAt).toBe('2026-06-27');
    expect(episode.takeaways).toHaveLength(6);
    expect(episode.chapters[0]).toEqual({
      start: '01:30',
      startSeconds: 90,
      title: 'Why the slow part is the bottleneck',
    });
    expect(episode.source.url).toBe(
      'https://raw.githubusercontent.com/deepseek-ai/DeepSpec/main/DSpark_paper.pdf',
    );
    expect(episode.recommendations.map((r: any) => r.paper.title)).toEqual([
      'Fast Inference from Transformers via Speculative Decoding',
      'EAGLE: Speculative Sampling Requires Rethinking Feature Uncertainty',
      'Medusa: Simple LLM Inference Acceleration Framework with Multiple Decoding Heads',
      'On Calibration of Modern Neural Networks',
    ]);
  });

  it('searches titles, summaries and notes, and lands on a paper for a pasted identifier', async () => {
    const byTitle = await api.query(
      `{ search(query: "DPO") { score node { __typename ... on Paper { id } ... on Episode { title } } } }`,
    );
    expect(byTitle.errors).toBeUndefined();
    // "DPO" is nowhere in the paper's title: the notes recommending it say it.
    const papers = byTitle.data!.search.filter((hit: any) => hit.node.__typename === 'Paper');
    expect(papers[0].node.id).toBe('arxiv:2305.18290');
    const pasted = await api.query(
      `{ search(query: "https://arxiv.org/pdf/2305.18290v2") { node { __typename ... on Paper { id } } } }`,
    );
    expect(pasted.data!.search[0].node).toEqual({ __typename: 'Paper', id: 'arxiv:2305.18290' });
  });

  it('draws the graph around a focus and finds the path between two episodes', async () => {
    const { data } = await api.query(
      `{ graph(focus: "arXiv:2305.18290", depth: 1) { nodes { id kind } edges { source target kind } } }`,
    );
    expect(data!.graph.nodes.filter((n: any) => n.kind === 'EPISODE')).toHaveLength(2);
    expect(data!.graph.edges).toHaveLength(2);

    const ids = await api.query(`{ paper(ref: "2305.18290") { citedBy { episode { id } } } }`);
    const [a, b] = ids.data!.paper.citedBy.map((c: any) => c.episode.id);
    const path = await api.query(
      `query($a: ID!, $b: ID!) { path(from: $a, to: $b) { nodes { id kind } edges { kind } } }`,
      { a, b },
    );
    expect(path.data!.path.nodes.map((n: any) => n.kind)).toEqual(['EPISODE', 'PAPER', 'EPISODE']);
    expect(path.data!.path.nodes[0].id).toBe(a);
    expect(path.data!.path.nodes[2].id).toBe(b);

    const whole = await api.query(`{ graph(minCitations: 2) { nodes { id kind } } }`);
    const papers = whole
      .data!.graph.nodes.filter((n: any) => n.kind === 'PAPER')
      .map((n: any) => n.id)
      .sort();
    expect(papers).toEqual(['arxiv:2305.18290', 'arxiv:2305.20050']);
  });
});
