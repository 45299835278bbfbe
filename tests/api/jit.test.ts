// Hot documents run on graphql-jit (server/src/graphql/plugins/jit.ts); the answer must not depend on
// which executor gave it: same data, same errors (messages, locations, paths, masking, typed errors),
// same HTTP status, for good and bad variables alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { requestLogger } from '../../server/src/graphql/plugins/requestId.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { ADMIN_TOKEN, createTestApi, type TestApi } from './testApi.ts';

/** The seeded store, except that `stats` fails like a broken disk would. */
function failingStats(store: GraphStore): GraphStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'stats')
        return () => Promise.reject(new Error('SQLITE_IOERR: disk I/O error'));
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

type Case = [
  query: string,
  variables?: Record<string, unknown>,
  headers?: Record<string, string>,
  operationName?: string,
];

describe('graphql-jit answers exactly like yoga’s own executor', () => {
  let seeded: TestApi;
  let jit: TestApi;
  let interpreted: TestApi;
  let episode: string;
  const quiet = requestLogger(() => {});
  beforeAll(async () => {
    seeded = await createTestApi();
    const store = failingStats(seeded.store);
    const shared = { store, dataDir: seeded.dataDir, seed: false, logger: quiet };
    jit = await createTestApi({ ...shared, compileAfter: 1 });
    interpreted = await createTestApi({ ...shared, compileAfter: Number.POSITIVE_INFINITY });
    episode = (await seeded.store.listEpisodes({ offset: 0, limit: 1 })).items[0]!.id;
  });
  afterAll(() => seeded.close());

  const cases = (): Case[] => [
    [
      'query Related($id: ID!) { episode(id: $id) { related(first: 10) { score sharedPapers { id } episode { title } } } }',
      { id: episode },
    ],
    [
      'query ($id: ID!) { episode(id: $id) { ...E related(first: 2) { episode { ...E } } } } fragment E on Episode { id title source { id label } }',
      { id: episode },
    ],
    [
      '{ episodes(first: 2) { totalCount edges { cursor node { id title } } pageInfo { hasNextPage endCursor } } }',
    ],
    [
      '{ papers(first: 2, minCitations: 2) { edges { node { id citedBy(first: 2) { kind episode { title } } } } } }',
    ],
    [
      '{ search(query: "agent", first: 3) { score node { __typename ... on Episode { id } ... on Paper { id citationCount } } } }',
    ],
    ['{ graph(depth: 1, limit: 5) { nodes { id kind weight } edges { source target kind } } }'],
    ['{ path(from: "nowhere", to: "nothing") { nodes { id } } }'],
    ['query A { episodes(first: 1) { totalCount } } query B { papers(first: 1) { totalCount } }'],
    [
      'query A { episodes(first: 1) { totalCount } } query B { papers(first: 1) { totalCount } }',
      undefined,
      undefined,
      'B',
    ],
    [
      'query A { episodes(first: 1) { totalCount } } query B { papers(first: 1) { totalCount } }',
      undefined,
      undefined,
      'C',
    ],
    [
      '{ __schema { types { name fields(includeDeprecated: true) { name args { name defaultValue } } } } }',
    ],
    // A failing resolver: masked, with its location and path, sibling data kept or nulled alike.
    ['{ stats { episodes } }'],
    ['{ a: episode(id: "ep_000000000000") { title } b: stats { episodes } }'],
    ['query ($on: Boolean!) { stats @include(if: $on) { episodes } }', { on: true }],
    // Argument validation (zod) and typed errors of the errors plugin.
    ['query ($n: Int!) { search(query: "agent", first: $n) { score } }', { n: 1000 }],
    ['{ graph(depth: 9) { nodes { id } } }'],
    ['mutation { importFeed(content: "x") { __typename ... on Error { message } } }'],
    [
      'mutation { importFeed(content: "x") { __typename ... on FeedValidationError { message issues { message } } } }',
      undefined,
      { authorization: `Bearer ${ADMIN_TOKEN}` },
    ],
    // Variables: defaults, coercion, and the ones that do not coerce.
    ['query ($q: String!, $n: Int = 2) { search(query: $q, first: $n) { score } }', { q: 'agent' }],
    ['query ($n: Int) { search(query: "agent", first: $n) { score } }', {}],
    ['query ($n: Int) { search(query: "agent", first: $n) { score } }', { n: null }],
    ['query ($id: ID!) { episode(id: $id) { title } }', { id: 12 }],
    ['query ($id: ID!) { episode(id: $id) { title } }', {}],
    ['query ($id: ID!) { episode(id: $id) { title } }', { id: null }],
    ['query ($id: ID!) { episode(id: $id) { title } }', { id: 1.5 }],
    ['query ($f: FeedFormat) { __typename }', { f: 'NOPE' }],
  ];

  it('for data, field errors, typed errors and variables', async () => {
    const answer = async (api: TestApi, [query, variables, headers, operationName]: Case) => {
      const response = await api.fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'same-request', ...headers },
        body: JSON.stringify({ query, variables, operationName }),
      });
      return { status: response.status, body: await response.text() };
    };
    for (const testCase of cases()) {
      const expected = await answer(interpreted, testCase);
      expect(await answer(jit, testCase), testCase[0]).toEqual(expected);
    }
    expect((await answer(jit, ['{ stats { episodes } }'])).body).toContain(
      '"locations":[{"line":1,"column":3}]',
    );
  });
});
