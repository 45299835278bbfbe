import { rm } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { QUERY_LIMITS } from '../../server/src/graphql/limits.ts';
import { countingStore, createTestApi, describeForEachStore, type TestApi } from './testApi.ts';

describeForEachStore('query limits and batching', (storeFactory) => {
  let api: TestApi;
  let calls: Map<string, number>;
  beforeAll(async () => {
    const seeded = await createTestApi({ storeFactory });
    const counted = countingStore(seeded.store);
    calls = counted.calls;
    api = await createTestApi({ store: counted.store, dataDir: seeded.dataDir, seed: false });
  });
  afterAll(async () => {
    await api.close();
    await rm(api.dataDir, { recursive: true, force: true });
  });

  it('loads papers of all episodes in one store call (no N+1)', async () => {
    calls.clear();
    const { errors } = await api.query(
      `{ episodes(first: 8) { edges { node { source { title } recommendations { paper { title citationCount } } } } } }`,
    );
    expect(errors).toBeUndefined();
    // The page asks its episodes for readings only: their listings, not the whole records.
    expect(calls.get('listEpisodeListings')).toBe(1);
    expect(calls.get('listEpisodes')).toBeUndefined();
    expect(calls.get('papersByIds')).toBe(1);
  });

  it('batches citedBy across papers into one store call', async () => {
    calls.clear();
    await api.query(
      `{ papers(first: 40) { edges { node { citedBy(first: 5) { episode { title } } } } } }`,
    );
    expect(calls.get('citationsByPaperIds')).toBe(1);
    // Titles are in the episodes' summaries: the whole records are not read.
    expect(calls.get('episodeSummariesByIds')).toBe(1);
    expect(calls.get('episodesByIds')).toBeUndefined();
  });

  it('rejects queries nested deeper than the limit', async () => {
    const deep = `{ episodes { edges { node { related { episode { related { episode { related { episode { related { episode { title } } } } } } } } } } } }`;
    const { errors } = await api.query(deep);
    expect(errors?.[0]?.message).toMatch(/depth/i);
  });

  it('rejects alias amplification beyond the breadth limit', async () => {
    const aliases = Array.from(
      { length: QUERY_LIMITS.maxBreadth + 1 },
      (_, i) => `a${i}: stats { episodes }`,
    ).join(' ');
    const { errors } = await api.query(`{ ${aliases} }`);
    expect(errors?.[0]?.message).toMatch(/breadth|complexity/i);
  });

  it('checks every request again when variables set the cost', async () => {
    const costly =
      'query ($n: Int!) { papers(first: 10) { edges { node { citedBy(first: $n) { episode { related(first: 50) { score } } } } } } }';
    expect((await api.query(costly, { n: 1 })).errors).toBeUndefined();
    expect((await api.query(costly, { n: 500 })).errors?.[0]?.message).toMatch(
      /complexity: \d+, max: /,
    );
    expect((await api.query(costly, { n: 1 })).errors).toBeUndefined();
  });

  it('keeps refusing a document whose cost no variable changes', async () => {
    const deep =
      'query ($id: ID!) { episode(id: $id) { related { episode { related { episode { related { episode { related { episode { related { episode { title } } } } } } } } } } } }';
    for (const id of ['ep_000000000000', 'ep_111111111111']) {
      const { data, errors } = await api.query(deep, { id });
      expect(errors?.[0]?.message).toMatch(/depth/i);
      expect(data ?? null).toBeNull();
    }
  });

  it('rejects page sizes above the maximum with a clear error', async () => {
    const { errors } = await api.query(`{ search(query: "agent", first: 1000) { score } }`);
    expect(errors?.[0]?.message).toMatch(/first/);
  });

  it('caps connection pages at the maximum page size', async () => {
    const { data } = await api.query(`{ papers(first: 1000) { edges { node { id } } } }`);
    expect(data!.papers.edges.length).toBeLessThanOrEqual(QUERY_LIMITS.maxPageSize);
  });

  it('reports store health on /health', async () => {
    const response = await api.fetch('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ store: storeFactory.name, reachable: true });
  });
});

describe('request bodies without a declared length', () => {
  const limit = 4 * 1024;
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ maxBodyBytes: limit });
  });
  afterAll(() => api.close());

  /** A body streamed in 1 KiB chunks: its length is known only once it is read. */
  const streamed = (text: string) => {
    const bytes = new TextEncoder().encode(text);
    return new ReadableStream<Uint8Array>({
      start(controller) {
        for (let offset = 0; offset < bytes.length; offset += 1024)
          controller.enqueue(bytes.slice(offset, offset + 1024));
        controller.close();
      },
    });
  };
  const post = (padding: number) =>
    api.fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: streamed(JSON.stringify({ query: `{ stats { episodes } }${' '.repeat(padding)}` })),
      duplex: 'half',
    } as RequestInit);

  it('are read up to the limit and refused past it with 413', async () => {
    const response = await post(limit);
    expect(response.status).toBe(413);
    expect((await response.json()).errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('are served under the limit', async () => {
    const response = await post(limit / 2);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { stats: { episodes: 8 } } });
  });
});
