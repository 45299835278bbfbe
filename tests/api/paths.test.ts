// paths(from:, to:, limit:) over the seed on every store: every shortest path, as long as `path`'s one,
// cut at `limit` with `truncated` saying so; unknown ends are NOT_FOUND, a limit out of range is refused,
// and the largest request stays within the query cost limit.
import { afterAll, beforeAll, expect, it } from 'vitest';

import { QUERY_LIMITS } from '../../server/src/graphql/limits.ts';
import { createTestApi, describeForEachStore, type TestApi } from './testApi.ts';

const DPO = 'arXiv:2305.18290';
const VERIFY = 'https://arxiv.org/abs/2305.20050';
const UNKNOWN = 'https://example.org/never-cited';
const PATHS = `query($a: ID!, $b: ID!, $limit: Int!) {
  paths(from: $a, to: $b, limit: $limit) { length truncated paths { nodes { id kind label weight } edges { source target kind } } }
  path(from: $a, to: $b) { nodes { id } }
}`;

interface Chain {
  nodes: { id: string }[];
  edges: { source: string; target: string }[];
}

describeForEachStore('paths: every shortest path', (storeFactory) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ storeFactory });
  });
  afterAll(() => api.close());

  it('lists every shortest path between two papers, each as long as `path`, from `from` to `to`, hops joined by edges', async () => {
    const { data, errors } = await api.query(PATHS, {
      a: DPO,
      b: VERIFY,
      limit: QUERY_LIMITS.maxShortestPaths,
    });
    expect(errors).toBeUndefined();
    const { paths, length, truncated } = data!.paths as {
      paths: Chain[];
      length: number;
      truncated: boolean;
    };
    expect(truncated).toBe(false);
    expect(length).toBe(data!.path.nodes.length - 1);
    expect(paths.length, 'the seed has several episodes citing both papers').toBeGreaterThan(1);
    const seen = new Set<string>();
    for (const chain of paths) {
      const ids = chain.nodes.map((n) => n.id);
      expect(ids).toHaveLength(length + 1);
      expect([ids[0], ids.at(-1)]).toEqual(['arxiv:2305.18290', 'arxiv:2305.20050']);
      chain.edges.forEach((edge, i) =>
        expect([edge.source, edge.target].sort()).toEqual([ids[i], ids[i + 1]].sort()),
      );
      seen.add(ids.join(' '));
    }
    expect(seen.size, 'no path listed twice').toBe(paths.length);

    const cut = await api.query(PATHS, { a: DPO, b: VERIFY, limit: 1 });
    expect(cut.data!.paths.truncated).toBe(true);
    expect(cut.data!.paths.paths).toEqual(paths.slice(0, 1));
    const exact = await api.query(PATHS, { a: DPO, b: VERIFY, limit: paths.length });
    expect(exact.data!.paths.truncated).toBe(false);
  });

  it('a node to itself is one zero-hop path; unknown ends are NOT_FOUND naming the argument; a limit out of range is refused', async () => {
    const self = await api.query(PATHS, { a: DPO, b: DPO, limit: 5 });
    expect(self.data!.paths).toMatchObject({
      length: 0,
      truncated: false,
      paths: [{ nodes: [{ id: 'arxiv:2305.18290' }], edges: [] }],
    });
    for (const [variables, argument] of [
      [{ a: UNKNOWN, b: DPO }, 'from'],
      [{ a: DPO, b: UNKNOWN }, 'to'],
    ] as const) {
      const { errors } = await api.query(
        'query($a: ID!, $b: ID!) { paths(from: $a, to: $b) { length } }',
        variables,
      );
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument });
    }
    for (const limit of [0, QUERY_LIMITS.maxShortestPaths + 1]) {
      const { errors } = await api.query(PATHS, { a: DPO, b: VERIFY, limit });
      expect(errors?.[0]?.extensions?.code, `limit ${limit}`).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message).toContain('limit');
    }
  });
});
