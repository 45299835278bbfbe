// One node reference (`NodeRef`) in every position that names a node, on every store: any identifier
// form a client holds lands on the same node; the arguments it replaces still answer for a release,
// deprecated with their replacement named in introspection; errors that teach (field and argument
// named, connections explained) and the `nodes` shortcut on connections.
import { afterAll, beforeAll, expect, it } from 'vitest';

import { QUERY_LIMITS } from '../../server/src/graphql/limits.ts';
import { createTestApi, describeForEachStore, type TestApi } from './testApi.ts';

const DPO = 'arxiv:2305.18290';
const DPO_FORMS = [
  'arXiv:2305.18290',
  'https://arxiv.org/abs/2305.18290v2',
  'https://doi.org/10.48550/arXiv.2305.18290',
  '  2305.18290  ',
];
const VERIFY = 'arxiv:2305.20050';
const UNKNOWN = 'https://example.org/never-cited';

const DEPRECATED: [field: string, argument: string, replacement: string][] = [
  ['graph', 'focus', 'around'],
  ['path', 'from', 'start'],
  ['path', 'to', 'end'],
  ['paths', 'from', 'start'],
  ['paths', 'to', 'end'],
  ['paper', 'ref', 'at'],
  ['episode', 'id', 'at'],
];

describeForEachStore('NodeRef', (storeFactory) => {
  let api: TestApi;
  let episodeId: string;
  beforeAll(async () => {
    api = await createTestApi({ storeFactory });
    const { data } = await api.query(
      `{ paper(at: "${DPO}") { citedBy(first: 1) { episode { id } } } }`,
    );
    episodeId = data!.paper.citedBy[0].episode.id;
  });
  afterAll(() => api.close());

  it('paper(at:) and episode(at:) take a NodeRef; a reference to the other kind is null', async () => {
    const query = 'query ($at: NodeRef!) { paper(at: $at) { id } episode(at: $at) { id } }';
    for (const at of DPO_FORMS) {
      const { data, errors } = await api.query(query, { at });
      expect(errors, at).toBeUndefined();
      expect(data, at).toEqual({ paper: { id: DPO }, episode: null });
    }
    const { data, errors } = await api.query(query, { at: episodeId });
    expect(errors).toBeUndefined();
    expect(data).toEqual({ paper: null, episode: { id: episodeId } });
    expect((await api.query(query, { at: UNKNOWN })).data).toEqual({ paper: null, episode: null });
  });

  it('graph(around:) draws the neighbourhood of a paper or an episode named any way', async () => {
    const query = 'query ($at: NodeRef) { graph(around: $at, depth: 1) { nodes { id } } }';
    for (const at of [...DPO_FORMS, episodeId]) {
      const { data, errors } = await api.query(query, { at });
      expect(errors, at).toBeUndefined();
      const ids = data!.graph.nodes.map((node: { id: string }) => node.id);
      expect(ids, at).toContain(DPO);
      expect(ids, at).toContain(episodeId);
    }
  });

  it('path(start:, end:) and paths(start:, end:) join two nodes named any way', async () => {
    const query = `query ($a: NodeRef!, $b: NodeRef!) {
      path(start: $a, end: $b) { nodes { id } }
      paths(start: $a, end: $b) { paths { nodes { id } } }
    }`;
    for (const [a, b] of [
      [DPO_FORMS[1]!, VERIFY],
      [episodeId, 'https://arxiv.org/abs/2305.20050'],
    ] as const) {
      const { data, errors } = await api.query(query, { a, b });
      expect(errors, a).toBeUndefined();
      const ends = (nodes: { id: string }[]) => [nodes[0]!.id, nodes.at(-1)!.id];
      const expected = [a === episodeId ? episodeId : DPO, VERIFY];
      expect(ends(data!.path.nodes), a).toEqual(expected);
      expect(ends(data!.paths.paths[0].nodes), a).toEqual(expected);
    }
  });

  it('an unknown NodeRef is NOT_FOUND naming the argument; a missing one is BAD_USER_INPUT', async () => {
    for (const [query, argument] of [
      [`{ graph(around: "${UNKNOWN}") { nodes { id } } }`, 'around'],
      [`{ path(start: "${UNKNOWN}", end: "${DPO}") { nodes { id } } }`, 'start'],
      [`{ paths(start: "${DPO}", end: "${UNKNOWN}") { length } }`, 'end'],
    ] as const) {
      const { errors } = await api.query(query);
      expect(errors?.[0]?.extensions, query).toMatchObject({ code: 'NOT_FOUND', argument });
      expect(errors?.[0]?.message).toBe(
        `\`${argument}\`: no episode or paper is known as "${UNKNOWN}". Pass an episode id (ep_…) or a paper's arXiv id, DOI, URL or papergraph id.`,
      );
    }
    for (const [query, message] of [
      [`{ path(start: "${DPO}") { nodes { id } } }`, 'path needs `end`'],
      ['{ paper { id } }', 'paper needs `at`'],
      ['{ episode { id } }', 'episode needs `at`'],
    ] as const) {
      const { errors } = await api.query(query);
      expect(errors?.[0]?.extensions?.['code'], query).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message).toBe(
        `${message} (a NodeRef: an episode id or any paper identifier).`,
      );
    }
  });

  it('a blank or over-long NodeRef is refused before anything runs', async () => {
    for (const at of ['   ', 'x'.repeat(2101)]) {
      const { data, errors } = await api.query('query ($at: NodeRef!) { paper(at: $at) { id } }', {
        at,
      });
      expect(data).toBeUndefined();
      expect(errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message).toContain('A NodeRef is an episode id (ep_…)');
    }
  });

  it('the deprecated arguments still answer, and a new and a deprecated name together are refused', async () => {
    const { data, errors } = await api.query(`{
      paper(ref: "arXiv:2305.18290") { id }
      episode(id: "${episodeId}") { id }
      graph(focus: "arXiv:2305.18290", depth: 1) { nodes { id } }
      path(from: "arXiv:2305.18290", to: "${VERIFY}") { nodes { id } }
      paths(from: "arXiv:2305.18290", to: "${VERIFY}") { length }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.paper).toEqual({ id: DPO });
    expect(data!.episode).toEqual({ id: episodeId });
    expect(data!.graph.nodes.length).toBeGreaterThan(1);
    expect(data!.path.nodes.at(-1)).toEqual({ id: VERIFY });
    expect(data!.paths.length).toBeGreaterThan(0);
    const both = await api.query(`{ graph(around: "${DPO}", focus: "${DPO}") { nodes { id } } }`);
    expect(both.errors?.[0]?.message).toBe(
      'graph: pass `around` only (`focus` is its deprecated name).',
    );
    expect(both.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('introspection marks each replaced argument deprecated, naming its NodeRef replacement', async () => {
    const { data } = await api.query(`{ __schema { queryType { fields {
      name args(includeDeprecated: true) { name isDeprecated deprecationReason type { name ofType { name } } }
    } } } }`);
    type Arg = {
      name: string;
      isDeprecated: boolean;
      deprecationReason: string | null;
      type: { name: string | null };
    };
    const fields = new Map<string, Arg[]>(
      data!.__schema.queryType.fields.map((field: { name: string; args: Arg[] }) => [
        field.name,
        field.args,
      ]),
    );
    for (const [field, argument, replacement] of DEPRECATED) {
      const args = fields.get(field)!;
      expect(
        args.find((arg) => arg.name === argument),
        `${field}.${argument}`,
      ).toMatchObject({
        isDeprecated: true,
        deprecationReason: `Use \`${replacement}\`, a NodeRef that takes any episode id, paper id or paper identifier.`,
      });
      expect(
        args.find((arg) => arg.name === replacement),
        `${field}.${replacement}`,
      ).toMatchObject({ isDeprecated: false, type: { name: 'NodeRef' } });
    }
  });
});

describeForEachStore('errors that teach', (storeFactory) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ storeFactory });
  });
  afterAll(() => api.close());

  it.each([
    [
      `{ search(query: "agent", first: 51) { score } }`,
      `search.first must be ≤ ${QUERY_LIMITS.maxSearchResults}`,
      { field: 'search', argument: 'first' },
    ],
    [
      '{ search(query: "agent", first: 0) { score } }',
      'search.first must be ≥ 1',
      { field: 'search', argument: 'first' },
    ],
    [
      `{ episodes(first: 1) { nodes { related(first: ${QUERY_LIMITS.maxRelated + 1}) { score } } } }`,
      `Episode.related.first must be ≤ ${QUERY_LIMITS.maxRelated}`,
      { field: 'Episode.related', argument: 'first' },
    ],
    [
      '{ graph(depth: 9) { nodes { id } } }',
      `graph.depth must be ≤ ${QUERY_LIMITS.maxGraphDepth}`,
      { field: 'graph', argument: 'depth' },
    ],
    [
      '{ papers(author: " ") { totalCount } }',
      'papers.author must not be blank',
      { field: 'papers', argument: 'author' },
    ],
    [
      '{ nodes(ids: ["ep_000000000000", " "]) { id } }',
      'nodes.ids[1] must not be blank',
      { field: 'nodes', argument: 'ids' },
    ],
  ])('%s → %s', async (query, message, extensions) => {
    const { errors } = await api.query(query);
    expect(errors).toHaveLength(1);
    expect(errors?.[0]?.message).toBe(message);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', ...extensions });
  });

  it.each([
    [
      '{ search(query: "agent", first: "ten") { score } }',
      'search.first: Int cannot represent non-integer value: "ten"',
      { field: 'search', argument: 'first' },
    ],
    [
      '{ episodes(first: 1) { nodes { related(first: 1.5) { score } } } }',
      'Episode.related.first: Int cannot represent non-integer value: 1.5',
      { field: 'Episode.related', argument: 'first' },
    ],
    [
      'query { ...Hop } fragment Hop on Query { graph(around: "  ") { truncated } }',
      'graph.around: Expected value of type "NodeRef", but encountered error "A NodeRef is an episode id (ep_…), a papergraph paper id, or any paper identifier: arXiv id or URL, DOI or doi.org URL, plain URL; at most 2100 characters."; found: "  ".',
      { field: 'graph', argument: 'around' },
    ],
    [
      '{ search(query: "agent") { node { ... on Paper { citedBy(first: true) { kind } } } } }',
      'Paper.citedBy.first: Int cannot represent non-integer value: true',
      { field: 'Paper.citedBy', argument: 'first' },
    ],
  ])(
    'a value of the wrong type names its field and argument: %s',
    async (query, message, extensions) => {
      const { data, errors } = await api.query(query);
      expect(data).toBeUndefined();
      expect(errors).toHaveLength(1);
      expect(errors?.[0]?.message).toBe(message);
      expect(errors?.[0]?.extensions).toMatchObject({
        code: 'GRAPHQL_VALIDATION_FAILED',
        ...extensions,
      });
    },
  );

  it('a plain field selected on a connection says to select `nodes` or `edges { node }`', async () => {
    const { data, errors } = await api.query('{ episodes { title } }');
    expect(data).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(errors?.[0]?.message).toBe(
      'Cannot query field "title" on type "QueryEpisodesConnection". It is a connection, a page of Episode: select `nodes { title }`, or `edges { node { title } }` for each item\'s cursor too.',
    );
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      connectionOf: 'Episode',
    });
    // A field the items lack either is graphql-js's own message, unchanged.
    const unknown = await api.query('{ papers { nope } }');
    expect(unknown.errors?.[0]?.message).toMatch(
      /^Cannot query field "nope" on type "QueryPapersConnection"\.( Did you mean [^.]*\?)?$/,
    );
  });

  it('connections offer `nodes`: the items of `edges`, in the same order', async () => {
    for (const list of ['episodes', 'papers']) {
      const { data, errors } = await api.query(
        `{ ${list}(first: 7) { nodes { id } edges { node { id } } } }`,
      );
      expect(errors, list).toBeUndefined();
      const { nodes, edges } = data![list];
      expect(nodes).toHaveLength(7);
      expect(nodes).toEqual(edges.map((edge: { node: { id: string } }) => edge.node));
    }
  });
});
