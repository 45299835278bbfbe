// Trusted documents: persisted-documents.json is what the web app's documents print to (like
// schema.graphql, a stale one fails here), every listed document runs by its id, the web server sends
// ids and falls back to the text when the API does not know one, and TRUSTED_DOCUMENTS_ONLY refuses
// any other document.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readPersistedDocuments } from '../../server/src/graphql/plugins/persistedOperations.ts';
import { createPapergraphYoga } from '../../server/src/graphql/yoga.ts';
import { createApi } from '../../web/src/lib/api.ts';
import { sendingPersistedIds } from '../../web/src/lib/server/persistedOperations.ts';
import { proxyGraphql } from '../../web/src/lib/server/proxy.ts';
import { createTestApi, type TestApi } from './testApi.ts';

const SCRIPT = fileURLToPath(new URL('../../web/scripts/persistedDocuments.ts', import.meta.url));
const MANIFEST_FILE = fileURLToPath(new URL('../../persisted-documents.json', import.meta.url));
const ENDPOINT = 'http://papergraph.test/graphql';
const STATS_TEXT = 'query Stats {\n  stats {\n    episodes\n    papers\n    citations\n  }\n}';

const manifest = readPersistedDocuments();
const idOf = (text: string) => [...manifest].find(([, listed]) => listed === text)?.[0];

type Yoga = ReturnType<typeof createPapergraphYoga>;

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi();
});
afterAll(() => api.close());

function yogaWith(options: { trustedDocumentsOnly?: boolean; manifest?: Map<string, string> }) {
  return createPapergraphYoga({
    store: api.store,
    adminToken: undefined,
    persistedDocuments: options.manifest ?? manifest,
    trustedDocumentsOnly: options.trustedDocumentsOnly ?? false,
  });
}

/** A fetch to `yoga` that keeps every body it sends. */
function recordingFetch(yoga: Yoga) {
  const bodies: Record<string, unknown>[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
    bodies.push(JSON.parse(String(init?.body)) as Record<string, unknown>);
    return yoga.fetch(new Request(input, init));
  };
  return { bodies, fetchImpl };
}

async function post(yoga: Yoga, body: Record<string, unknown>) {
  const response = await yoga.fetch(ENDPOINT, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      data?: Record<string, unknown>;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    },
  };
}

const byId = (id: string, variables: Record<string, unknown> = {}) => ({
  variables,
  extensions: { persistedQuery: { version: 1, sha256Hash: id } },
});

describe('persisted-documents.json', () => {
  it('is what the web app’s documents print to (regenerate: npm run persisted -w web)', () => {
    const printed = spawnSync(process.execPath, [SCRIPT, '--print'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(printed.status, printed.stderr).toBe(0);
    expect(
      readFileSync(MANIFEST_FILE, 'utf8'),
      'persisted-documents.json is stale: run `npm run persisted -w web` and commit it',
    ).toBe(printed.stdout);
    expect(manifest.size).toBeGreaterThan(10);
  });

  it('lists documents valid against the served schema: each runs by its id', async () => {
    const yoga = yogaWith({});
    for (const [id, text] of manifest) {
      const { body } = await post(yoga, byId(id));
      const codes = (body.errors ?? []).map((error) => error.extensions?.['code']);
      expect(codes, text).not.toContain('PERSISTED_QUERY_NOT_IN_LIST');
      expect(codes, text).not.toContain('GRAPHQL_VALIDATION_FAILED');
    }
  });
});

describe('trusted documents', () => {
  it('a document by id answers as its text does', async () => {
    const id = idOf(STATS_TEXT)!;
    expect(id).toBeDefined();
    const yoga = yogaWith({});
    const asText = await post(yoga, { query: STATS_TEXT });
    const asId = await post(yoga, byId(id));
    expect(asText.body.errors).toBeUndefined();
    expect(asId.body).toEqual(asText.body);
  });

  it('an unknown id gets PERSISTED_QUERY_NOT_IN_LIST; with TRUSTED_DOCUMENTS_ONLY text is refused, ids run', async () => {
    const open = yogaWith({});
    const unknown = await post(open, byId('0'.repeat(64)));
    expect(unknown.body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_IN_LIST');

    const trusted = yogaWith({ trustedDocumentsOnly: true });
    const text = await post(trusted, { query: '{ stats { episodes } }' });
    expect(text.status).toBe(403);
    expect(text.body.data).toBeUndefined();
    expect(text.body.errors?.[0]?.extensions?.['code']).toBe('TRUSTED_DOCUMENTS_ONLY');
    const listed = await post(trusted, byId(idOf(STATS_TEXT)!));
    expect(listed.body.errors).toBeUndefined();
    expect(listed.body.data?.['stats']).toBeDefined();
  });

  it('the web server sends the app’s documents by id and other documents as text', async () => {
    const { bodies, fetchImpl } = recordingFetch(yogaWith({ trustedDocumentsOnly: true }));
    const client = createApi({ endpoint: ENDPOINT, fetch: sendingPersistedIds(fetchImpl) });
    const stats = await client.stats();
    expect(stats.episodes).toBeGreaterThan(0);
    expect(bodies).toEqual([
      {
        operationName: 'Stats',
        variables: {},
        extensions: { persistedQuery: { version: 1, sha256Hash: idOf(STATS_TEXT) } },
      },
    ]);

    const other = { query: '{ stats { papers } }' };
    const answer = await sendingPersistedIds(fetchImpl)(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(other),
    });
    expect(bodies.at(-1)).toEqual(other);
    expect(answer.status).toBe(403);
  });

  it('falls back to the text when the API does not know the id (another build’s manifest)', async () => {
    const { bodies, fetchImpl } = recordingFetch(yogaWith({ manifest: new Map() }));
    const client = createApi({ endpoint: ENDPOINT, fetch: sendingPersistedIds(fetchImpl) });
    expect((await client.stats()).episodes).toBeGreaterThan(0);
    expect(bodies.map((body) => ('query' in body ? 'text' : 'id'))).toEqual(['id', 'text']);
  });

  it('the /graphql proxy sends a browser’s copy of an app document by id', async () => {
    const upstream = yogaWith({ trustedDocumentsOnly: true });
    const sent: string[] = [];
    const fetchImpl = async (input: RequestInfo | URL, init?: RequestInit) => {
      const body = init?.body;
      sent.push(typeof body === 'string' ? body : new TextDecoder().decode(body as ArrayBuffer));
      return upstream.fetch(new Request(input, init));
    };
    const browser = new Request('http://web.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ operationName: 'Stats', query: STATS_TEXT, variables: {} }),
    });
    const response = await proxyGraphql(browser, ENDPOINT, fetchImpl);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { data: { stats: unknown } }).data.stats).toBeDefined();
    expect(sent.map((body) => JSON.parse(body) as Record<string, unknown>)).toEqual([
      {
        operationName: 'Stats',
        variables: {},
        extensions: { persistedQuery: { version: 1, sha256Hash: idOf(STATS_TEXT) } },
      },
    ]);
  });
});
