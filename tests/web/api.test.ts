import { describe, expect, it } from 'vitest';

import { QUERY_LIMITS } from '../../server/src/graphql/limits.ts';
import { API_UNREACHABLE_CODE, ApiError, createApi, LOOKUP_BATCH } from '../../web/src/lib/api.ts';

interface Call {
  url: string;
  body: { operationName: string; query: string; variables: Record<string, unknown> };
  headers: Headers;
}

/** A fetch that records requests and answers from a queue. */
function fakeFetch(...answers: (Response | Error)[]) {
  const calls: Call[] = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({
      url: String(input),
      body: JSON.parse(String(init?.body)),
      headers: new Headers(init?.headers),
    });
    const answer = answers.shift();
    if (!answer) throw new Error('no answer queued');
    if (answer instanceof Error) throw answer;
    return answer;
  }) as typeof fetch;
  return { impl, calls };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/graphql-response+json' },
  });

const paperLink = {
  id: 'arxiv:2305.18290',
  title: 'DPO',
  label: 'DPO',
  url: 'https://arxiv.org/abs/2305.18290',
  citationCount: 2,
};

describe('typed GraphQL client', () => {
  it('posts the operation with variables and returns validated data', async () => {
    const { impl, calls } = fakeFetch(
      json({
        data: {
          graph: {
            nodes: [{ id: 'ep_1', kind: 'EPISODE', label: 'E', weight: 2 }],
            edges: [],
            referenceEdges: [],
          },
        },
      }),
    );
    const api = createApi({ endpoint: 'http://api.test/graphql', fetch: impl });
    const graph = await api.graph({ focus: 'ep_1', depth: 2, minCitations: 1, limit: 50 });
    expect(graph.nodes[0]?.kind).toBe('EPISODE');
    expect(calls[0]?.url).toBe('http://api.test/graphql');
    expect(calls[0]?.headers.get('content-type')).toBe('application/json');
    expect(calls[0]?.body.operationName).toBe('Graph');
    expect(calls[0]?.body.variables).toEqual({
      focus: 'ep_1',
      depth: 2,
      minCitations: 1,
      limit: 50,
      references: false,
    });
  });

  it('returns null for an unknown paper and discriminates search hits', async () => {
    const { impl } = fakeFetch(
      json({ data: { paper: null } }),
      json({
        data: {
          search: [
            {
              score: 2,
              node: { __typename: 'Paper', id: paperLink.id, label: 'DPO', citationCount: 2 },
            },
            {
              score: 1,
              node: { __typename: 'Episode', id: 'ep_1', title: 'E', publishedAt: null },
            },
          ],
        },
      }),
    );
    const api = createApi({ endpoint: '/graphql', fetch: impl });
    expect(await api.paper('nope')).toBeNull();
    const hits = await api.search('DPO');
    expect(hits.map((h) => h.node.__typename)).toEqual(['Paper', 'Episode']);
  });

  it('rejects data that does not match the contract, naming where', async () => {
    const { impl } = fakeFetch(
      json({ data: { stats: { episodes: '8', papers: 1, citations: 1 } } }),
    );
    const error = await createApi({ endpoint: '/graphql', fetch: impl })
      .stats()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ kind: 'invalid' });
    expect((error as ApiError).message).toContain('stats.episodes');
  });

  it('checks answers against the document and the schema: enums, union members, nullability', async () => {
    const { impl } = fakeFetch(
      json({
        data: {
          graph: { nodes: [{ id: 'ep_1', kind: 'AUTHOR', label: 'E', weight: 2 }], edges: [] },
        },
      }),
      json({ data: { search: [{ score: 1, node: { __typename: 'Feed', id: 'x' } }] } }),
      json({ data: { paper: { ...paperLink, label: null } } }),
      json({ data: { stats: { lastChangedAt: 'yesterday' } } }),
    );
    const api = createApi({ endpoint: '/graphql', fetch: impl });
    const failures = [
      await api.graph().catch((e: unknown) => e),
      await api.search('x').catch((e: unknown) => e),
      await api.paper('x').catch((e: unknown) => e),
      await api.graphChangedAt().catch((e: unknown) => e),
    ];
    expect(failures.map((e) => (e as ApiError).kind)).toEqual([
      'invalid',
      'invalid',
      'invalid',
      'invalid',
    ]);
    expect(failures.map((e) => (e as ApiError).message)).toEqual([
      'The papergraph API answered Graph with unexpected data at graph.nodes.0.kind.',
      'The papergraph API answered Search with unexpected data at search.0.node.__typename.',
      'The papergraph API answered Paper with unexpected data at paper.label.',
      'The papergraph API answered GraphChanged with unexpected data at stats.lastChangedAt.',
    ]);
  });

  it('turns GraphQL errors into a graphql ApiError with their messages', async () => {
    const { impl } = fakeFetch(
      json({ data: null, errors: [{ message: 'depth must be at most 4' }] }, 400),
    );
    const error = await createApi({ endpoint: '/graphql', fetch: impl })
      .graph({ depth: 9 })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'graphql',
      status: 400,
      message: 'depth must be at most 4',
    });
  });

  it('reports an unreachable API, directly or through the proxy', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), {
      cause: { code: 'ECONNREFUSED' },
    });
    const { impl } = fakeFetch(
      refused,
      json(
        {
          errors: [
            {
              message: 'The papergraph API is not reachable right now.',
              extensions: { code: API_UNREACHABLE_CODE },
            },
          ],
        },
        502,
      ),
    );
    const api = createApi({ endpoint: 'http://127.0.0.1:1/graphql', fetch: impl });
    const direct = await api.stats().catch((e: unknown) => e);
    expect(direct).toMatchObject({ kind: 'unreachable' });
    expect((direct as ApiError).message).toContain('http://127.0.0.1:1/graphql');
    expect((direct as ApiError).message).toContain('ECONNREFUSED');
    expect(await api.stats().catch((e: unknown) => e)).toMatchObject({ kind: 'unreachable' });
  });

  it('reports a non-JSON answer with its HTTP status', async () => {
    const { impl } = fakeFetch(new Response('<html>Bad gateway</html>', { status: 502 }));
    const error = await createApi({ endpoint: '/graphql', fetch: impl })
      .stats()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'http', status: 502 });
  });

  it('lets an aborted request surface as the abort, not as an outage', async () => {
    const controller = new AbortController();
    controller.abort();
    const abort = new DOMException('aborted', 'AbortError');
    const { impl } = fakeFetch(abort);
    const error = await createApi({ endpoint: '/graphql', fetch: impl })
      .search('x', 5, controller.signal)
      .catch((e: unknown) => e);
    expect(error).toBe(abort);
  });

  it('looks many papers up in batches of the API maximum, refs only as a list variable', async () => {
    expect(LOOKUP_BATCH).toBe(QUERY_LIMITS.maxLookupIds);
    const ids = Array.from(
      { length: 2 * LOOKUP_BATCH + 200 },
      (_, i) => `arxiv:${i}") { id } evil: paper(ref: "x`,
    );
    const answers = [];
    for (let start = 0; start < ids.length; start += LOOKUP_BATCH) {
      const papersByRefs = ids.slice(start, start + LOOKUP_BATCH).map((id, i) =>
        start + i === 1
          ? null
          : {
              ...paperLink,
              id,
              arxivId: null,
              doi: null,
              authors: [],
              year: null,
              venue: null,
              citedBy: [],
            },
      );
      answers.push(json({ data: { papersByRefs } }));
    }
    const { impl, calls } = fakeFetch(...answers);
    const rows = await createApi({ endpoint: '/graphql', fetch: impl }).papersByIds(ids);
    expect(calls.map((call) => (call.body.variables['refs'] as string[]).length)).toEqual([
      LOOKUP_BATCH,
      LOOKUP_BATCH,
      200,
    ]);
    expect(rows).toHaveLength(ids.length);
    expect(rows[1]).toBeNull();
    expect(rows.map((r) => r?.id)).toEqual(ids.map((id, i) => (i === 1 ? undefined : id)));
    for (const call of calls) {
      expect(call.body.query).not.toContain('evil');
      expect(call.body.operationName).toBe('PapersByRefs');
    }
    expect(calls.flatMap((call) => call.body.variables['refs'] as string[])).toEqual(ids);
  });

  it('refuses an answer with fewer entries than ids asked', async () => {
    const { impl } = fakeFetch(json({ data: { papersByRefs: [null] } }));
    const error = await createApi({ endpoint: '/graphql', fetch: impl })
      .papersByIds(['a', 'b'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).kind).toBe('invalid');
    expect((error as ApiError).message).toContain('1 entries for 2 ids');
  });

  it('builds one batch document per lookup, the list passed as a variable', async () => {
    const { impl, calls } = fakeFetch(
      json({ data: { papersByRefs: [null] } }),
      json({ data: { papersByRefs: [null] } }),
      json({ data: { nodes: [null] } }),
      json({ data: { nodes: [null] } }),
    );
    const api = createApi({ endpoint: '/graphql', fetch: impl });
    await api.papersByIds(['a']);
    await api.coverage(['a']);
    await api.episodeDates(['ep_1']);
    await api.paperTopics(['ep_1']);
    for (const call of calls.slice(0, 2)) {
      expect(call.body.query).toMatch(/query PapersByRefs\(\$refs: \[String!\]!/);
      expect(call.body.query).toContain('papersByRefs(refs: $refs)');
      expect(call.body.variables['refs']).toEqual(['a']);
    }
    for (const call of calls.slice(2)) {
      expect(call.body.query).toMatch(/query Nodes\(\$ids: \[ID!\]!\)/);
      expect(call.body.query).toContain('nodes(ids: $ids)');
      expect(call.body.variables['ids']).toEqual(['ep_1']);
    }
  });
});
