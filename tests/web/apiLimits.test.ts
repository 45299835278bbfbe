// The web client's batch lookups against the real API and its real query limits (breadth, cost,
// tokens): the largest view's export and a full batch lookup must never be refused.
import { rm } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createApi } from '../../web/src/lib/api.ts';
import { MAX_REFS } from '../../web/src/lib/refList.ts';
import { LIMIT_RANGE } from '../../web/src/lib/urlState.ts';
import { createTestApi, type TestApi } from '../api/testApi.ts';

describe('web client batch lookups under the API limits', () => {
  let api: TestApi;
  let client: ReturnType<typeof createApi>;
  let known: string[];
  beforeAll(async () => {
    api = await createTestApi();
    client = createApi({
      endpoint: 'http://papergraph.test/graphql',
      fetch: (_input, init) => api.fetch('/graphql', init),
    });
    known = (await client.graph({ limit: LIMIT_RANGE.max })).nodes.map((n) => n.id);
  });
  afterAll(async () => {
    await api.close();
    await rm(api.dataDir, { recursive: true, force: true });
  });

  it(`exports a view as large as the explorer shows (${LIMIT_RANGE.max} ids), in order, unknown ids as null`, async () => {
    const papers = known.filter((id) => !id.startsWith('ep_'));
    const ids = Array.from({ length: LIMIT_RANGE.max }, (_, i) =>
      i < papers.length ? papers[i]! : `doi:10.9999/missing-${i}`,
    );
    const rows = await client.papersByIds(ids);
    expect(rows).toHaveLength(ids.length);
    expect(rows.slice(0, papers.length).map((r) => r?.id)).toEqual(papers);
    expect(rows.slice(papers.length).every((r) => r === null)).toBe(true);
  });

  it(`looks up ${MAX_REFS} references and the dates of every episode`, async () => {
    const refs = Array.from({ length: MAX_REFS }, (_, i) =>
      i === 0 ? 'https://arxiv.org/abs/2305.18290' : `10.9999/missing-${i}`,
    );
    const coverage = await client.coverage(refs);
    expect(coverage[0]?.citedBy.length).toBeGreaterThan(0);
    expect(coverage.slice(1).every((r) => r === null)).toBe(true);
    const episodes = known.filter((id) => id.startsWith('ep_'));
    const dates = await client.episodeDates(episodes);
    expect(Object.keys(dates).sort()).toEqual([...episodes].sort());
    expect(Object.values(dates).every((d) => d === null || /^\d{4}-\d{2}-\d{2}$/.test(d))).toBe(
      true,
    );
  });
});
