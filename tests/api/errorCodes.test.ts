// Every way a request can fail carries extensions.code (or, for results typed as errors, `code`), and
// the message says what to change.
import { rm } from 'node:fs/promises';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { QUERY_LIMITS } from '../../server/src/graphql/limits.ts';
import { StoreUnavailableError } from '../../server/src/store/errors.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { ADMIN_TOKEN, createTestApi, describeForEachStore, type TestApi } from './testApi.ts';

const IMPORT =
  'mutation ($content: String!) { importFeed(content: $content) { __typename ... on Error { code message } } }';

describeForEachStore('error codes', (storeFactory) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ storeFactory });
  });
  afterAll(() => api.close());

  const firstError = async (query: string, variables?: Record<string, unknown>) => {
    const { errors } = await api.query(query, variables);
    expect(errors, query).toBeDefined();
    return errors![0]!;
  };

  it.each([
    [
      'a field that does not exist',
      '{ episode(id: "ep_000000000000") { titel } }',
      'GRAPHQL_VALIDATION_FAILED',
      /Cannot query field "titel".*Did you mean "title"/,
    ],
    ['a syntax error', '{ stats { episodes }', 'GRAPHQL_PARSE_FAILED', /Syntax Error/],
    [
      'an argument over its maximum',
      `{ search(query: "x", first: ${QUERY_LIMITS.maxSearchResults + 1}) { score } }`,
      'BAD_USER_INPUT',
      new RegExp(`^search\\.first must be ≤ ${QUERY_LIMITS.maxSearchResults}$`),
    ],
    [
      'a blank identifier',
      '{ paper(ref: "  ") { id } }',
      'BAD_USER_INPUT',
      /^paper\.ref must not be blank$/,
    ],
    [
      'a missing variable',
      'query ($ref: String!) { paper(ref: $ref) { id } }',
      'BAD_USER_INPUT',
      /Variable "\$ref"/,
    ],
    [
      'two operations and no name',
      'query A { stats { episodes } } query B { stats { papers } }',
      'OPERATION_RESOLUTION_FAILURE',
      /operation/,
    ],
  ])('%s', async (_name, query, code, message) => {
    const error = await firstError(query);
    expect(error.extensions?.['code']).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('names the deepest chain when a query is too deep', async () => {
    const error = await firstError(
      '{ episodes { edges { node { related { episode { related { episode { related { episode { related { episode { title } } } } } } } } } } } }',
    );
    expect(error.extensions).toMatchObject({
      code: 'QUERY_TOO_DEEP',
      max: QUERY_LIMITS.maxDepth,
      field:
        'episodes.edges.node.related.episode.related.episode.related.episode.related.episode.title',
    });
    expect(error.message).toMatch(/fewer nested levels/);
  });

  it('names the repeated field when a query is too broad', async () => {
    const aliases = Array.from(
      { length: QUERY_LIMITS.maxBreadth + 1 },
      (_, i) => `a${i}: stats { episodes }`,
    ).join(' ');
    const error = await firstError(`{ ${aliases} }`);
    expect(error.extensions).toMatchObject({
      code: 'QUERY_TOO_BROAD',
      max: QUERY_LIMITS.maxBreadth,
      field: 'stats',
    });
    expect(error.message).toMatch(/stats is selected 201 times/);
  });

  it('says the admin token is missing, with a code', async () => {
    const { data } = await api.query(IMPORT, { content: '<rss/>' });
    expect(data?.importFeed).toMatchObject({
      __typename: 'NotAuthorizedError',
      code: 'UNAUTHORIZED',
      message: expect.stringMatching(/Authorization: Bearer/),
    });
  });

  it('says what is wrong with a feed, with a code', async () => {
    const { data } = await api.query(
      IMPORT,
      { content: 'not a feed at all' },
      { authorization: `Bearer ${ADMIN_TOKEN}` },
    );
    expect(data?.importFeed).toMatchObject({ __typename: 'FeedValidationError', code: 'BAD_FEED' });
  });
});

describe('error codes when the store is down', () => {
  let api: TestApi;
  beforeAll(async () => {
    const seeded = await createTestApi();
    const down = new Proxy(seeded.store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (typeof value !== 'function') return value;
        // close() runs on the store itself: its private fields are not the proxy's.
        if (property === 'close') return value.bind(target);
        return () => Promise.reject(new StoreUnavailableError('connection refused'));
      },
    }) as GraphStore;
    api = await createTestApi({ store: down, dataDir: seeded.dataDir, seed: false });
  });
  afterAll(async () => {
    await api.close();
    await rm(api.dataDir, { recursive: true, force: true });
  });

  it('answers STORE_UNAVAILABLE and says to retry', async () => {
    const { errors } = await api.query('{ stats { episodes } }');
    expect(errors?.[0]?.extensions?.['code']).toBe('STORE_UNAVAILABLE');
    expect(errors?.[0]?.message).toMatch(/Try again/);
  });
});
