// Parse cost is bounded by the token limit, before any other limit runs; a feed passed as a variable
// is not tokens and still imports.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { generateFeed } from '../../seed/generate.ts';
import { QUERY_LIMITS } from '../../server/src/graphql/limits.ts';
import { ADMIN_TOKEN, createTestApi, type TestApi } from './testApi.ts';

const TWENTY_MB = 20 * 1024 * 1024;

function postBytes(
  api: TestApi,
  body: Uint8Array<ArrayBuffer>,
  headers: Record<string, string> = {},
) {
  return api.fetch('/graphql', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'content-length': String(body.byteLength),
      ...headers,
    },
    body,
  });
}

describe('token limit', () => {
  let api: TestApi;
  let feedDir: string;
  beforeAll(async () => {
    api = await createTestApi();
    feedDir = await mkdtemp(join(tmpdir(), 'papergraph-big-feed-'));
  });
  afterAll(async () => {
    await api.close();
    await rm(feedDir, { recursive: true, force: true });
  });

  it('refuses a 20 MB document of __typename at the token limit, saying what to change', async () => {
    const query = `{ ${'__typename '.repeat(TWENTY_MB / 11)} }`;
    const body = new TextEncoder().encode(JSON.stringify({ query }));
    expect(body.byteLength).toBeGreaterThan(TWENTY_MB);
    const response = await postBytes(api, body);
    const answer = (await response.json()) as {
      data?: unknown;
      errors: { message: string; extensions: Record<string, unknown> }[];
    };
    expect(answer.data).toBeUndefined();
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors[0]?.extensions).toMatchObject({
      code: 'TOO_MANY_TOKENS',
      maxTokens: QUERY_LIMITS.maxTokens,
    });
    expect(answer.errors[0]?.message).toMatch(/more than 10000 tokens.*variables/);
    // The parser stopped at the limit instead of reading the whole document; how long that takes is a
    // bench figure, not a test's.
  });

  it('accepts a document at the limit', async () => {
    // `{`, `}` and one token per field: exactly maxTokens tokens.
    const fields = Array.from({ length: QUERY_LIMITS.maxTokens - 2 }, () => '__typename').join(' ');
    const { errors } = await api.query(`{ ${fields} }`);
    // Breadth refuses it, not the parser: the document was read whole.
    expect(errors?.[0]?.extensions?.['code']).not.toBe('TOO_MANY_TOKENS');
    const over = await api.query(`{ ${fields} __typename }`);
    expect(over.errors?.[0]?.extensions?.['code']).toBe('TOO_MANY_TOKENS');
  });

  it('imports a 10 MB feed passed as a variable', { timeout: 120_000 }, async () => {
    const manifest = generateFeed({ size: '2000', out: feedDir });
    const part = manifest.parts[0]!;
    const content = await readFile(join(feedDir, part.rss), 'utf8');
    expect(content.length).toBeGreaterThan(10_000_000);
    const body = new TextEncoder().encode(
      JSON.stringify({
        query:
          'mutation Import($content: String!) { importFeed(content: $content, format: RSS) { __typename ... on ImportSummary { added } ... on Error { message } } }',
        variables: { content },
      }),
    );
    const response = await postBytes(api, body, { authorization: `Bearer ${ADMIN_TOKEN}` });
    const answer = (await response.json()) as {
      data?: { importFeed: { __typename: string; added?: string[]; message?: string } };
      errors?: unknown;
    };
    expect(answer.errors).toBeUndefined();
    expect(answer.data?.importFeed.__typename, answer.data?.importFeed.message).toBe(
      'ImportSummary',
    );
    expect(answer.data?.importFeed.added).toHaveLength(2_000);
  });
});
