// graph(focus:) and path(from:, to:) with references nobody knows are NOT_FOUND errors naming the
// argument (not an empty graph or "not connected"), and Graph.truncated says when `limit` cut a view.
import { afterAll, beforeAll, expect, it } from 'vitest';

import { createTestApi, describeForEachStore, type TestApi } from './testApi.ts';

const DPO = 'arXiv:2305.18290';
const UNKNOWN = 'https://example.org/never-cited';

describeForEachStore('graph and path node references', (storeFactory) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ storeFactory });
  });
  afterAll(() => api.close());

  it('an unknown focus or path end is NOT_FOUND naming the argument', async () => {
    const cases = [
      ['query($r: ID) { graph(focus: $r) { nodes { id } } }', { r: UNKNOWN }, 'focus'],
      [
        'query($a: ID!, $b: ID!) { path(from: $a, to: $b) { nodes { id } } }',
        { a: UNKNOWN, b: DPO },
        'from',
      ],
      [
        'query($a: ID!, $b: ID!) { path(from: $a, to: $b) { nodes { id } } }',
        { a: DPO, b: UNKNOWN },
        'to',
      ],
    ] as const;
    for (const [query, variables, argument] of cases) {
      const { data, errors } = await api.query(query, variables);
      expect(data?.graph ?? data?.path ?? null, argument).toBeNull();
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument });
      expect(errors?.[0]?.message).toContain(`\`${argument}\``);
      expect(errors?.[0]?.message).toContain(UNKNOWN);
    }
  });

  it('a known focus draws its neighbourhood; truncated says whether limit cut the view', async () => {
    const whole = await api.query(
      '{ stats { episodes papers } graph(limit: 5000) { nodes { id } truncated } }',
    );
    const total = whole.data!.stats.episodes + whole.data!.stats.papers;
    expect(whole.data!.graph.nodes.length).toBe(total);
    expect(whole.data!.graph.truncated).toBe(false);
    const cut = await api.query('{ graph(limit: 5) { nodes { id } truncated } }');
    expect(cut.data!.graph).toMatchObject({ truncated: true });
    expect(cut.data!.graph.nodes).toHaveLength(5);
    const exact = await api.query(`{ graph(limit: ${total}) { nodes { id } truncated } }`);
    expect(exact.data!.graph).toMatchObject({ truncated: false });
    const focused = await api.query(
      `{ graph(focus: "${DPO}", depth: 1) { nodes { id } truncated } }`,
    );
    expect(focused.data!.graph.nodes.map((n: { id: string }) => n.id)).toContain(
      'arxiv:2305.18290',
    );
    expect(focused.data!.graph.truncated).toBe(false);
  });
});
