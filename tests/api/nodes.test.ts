// Relay refetching and batch look-ups: node(id:), nodes(ids:) and papersByRefs(refs:) keep the ids
// clients store, answer one entry per id in order (null when unknown), load through the request's
// loaders in one store call per kind, and refuse lists over the bound with the argument named.
import { rm } from 'node:fs/promises';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { QUERY_LIMITS } from '../../server/src/graphql/limits.ts';
import { countingStore, createTestApi, describeForEachStore, type TestApi } from './testApi.ts';

const { maxLookupIds } = QUERY_LIMITS;
const DPO = 'arxiv:2305.18290';
const NODES =
  'query ($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Episode { title } ... on Paper { label } } }';
const BY_REFS = 'query ($refs: [String!]!) { papersByRefs(refs: $refs) { id arxivId } }';

describeForEachStore('node, nodes and papersByRefs', (storeFactory) => {
  let api: TestApi;
  let calls: Map<string, number>;
  let episodeIds: string[];
  let paperIds: string[];
  beforeAll(async () => {
    const seeded = await createTestApi({ storeFactory });
    const counted = countingStore(seeded.store);
    calls = counted.calls;
    api = await createTestApi({ store: counted.store, dataDir: seeded.dataDir, seed: false });
    const { data } = await api.query('{ graph(limit: 5000) { nodes { id kind } } }');
    const nodes: { id: string; kind: string }[] = data!.graph.nodes;
    episodeIds = nodes.filter((n) => n.kind === 'EPISODE').map((n) => n.id);
    paperIds = nodes.filter((n) => n.kind === 'PAPER').map((n) => n.id);
  });
  afterAll(async () => {
    await api.close();
    await rm(api.dataDir, { recursive: true, force: true });
  });

  it('node(id:) refetches an episode or a paper by the id it was given, null for anything else', async () => {
    const [episodeId] = episodeIds;
    const query = 'query ($id: ID!) { node(id: $id) { __typename id } }';
    expect((await api.query(query, { id: episodeId })).data).toEqual({
      node: { __typename: 'Episode', id: episodeId },
    });
    expect((await api.query(query, { id: DPO })).data).toEqual({
      node: { __typename: 'Paper', id: DPO },
    });
    // Refetching is by id exactly; other identifier forms are papersByRefs' (and paper(ref:)'s) job.
    for (const id of ['ep_000000000000', 'arXiv:2305.18290', 'doi:10.9999/never-stored']) {
      const { data, errors } = await api.query(query, { id });
      expect(errors, id).toBeUndefined();
      expect(data, id).toEqual({ node: null });
    }
  });

  it(`nodes(ids:) answers ${maxLookupIds} ids in order, unknown and repeated ones included, in one store call per kind`, async () => {
    const known = [...episodeIds, ...paperIds];
    const ids = Array.from({ length: maxLookupIds }, (_, i) =>
      i % 3 === 2 ? `doi:10.9999/missing-${i}` : known[i % known.length]!,
    );
    calls.clear();
    const { data, errors } = await api.query(NODES, { ids });
    expect(errors).toBeUndefined();
    const answered: ({ __typename: string; id: string; title?: string; label?: string } | null)[] =
      data!.nodes;
    expect(answered).toHaveLength(ids.length);
    answered.forEach((node, i) => {
      if (i % 3 === 2) return expect(node, ids[i]).toBeNull();
      expect(node?.id, ids[i]).toBe(ids[i]);
      expect(node?.__typename).toBe(ids[i]!.startsWith('ep_') ? 'Episode' : 'Paper');
      expect(node?.title ?? node?.label).toBeTruthy();
    });
    expect(calls.get('episodesByIds')).toBe(1);
    expect(calls.get('papersByIds')).toBe(1);
  });

  it(`papersByRefs(refs:) resolves ${maxLookupIds} references of any form, in order, null where none is known`, async () => {
    const forms = [
      'https://arxiv.org/abs/2305.18290v2',
      'arXiv:2305.18290',
      'https://huggingface.co/papers/2305.18290',
      'http://anthropic.com/research/agentic-misalignment',
      '10.1038/nature16961',
    ];
    const expected = [
      DPO,
      DPO,
      DPO,
      'url:https://anthropic.com/research/agentic-misalignment',
      'doi:10.1038/nature16961',
    ];
    const refs = Array.from({ length: maxLookupIds }, (_, i) =>
      i < forms.length
        ? forms[i]!
        : i % 2
          ? paperIds[i % paperIds.length]!
          : `https://example.org/unknown/${i}`,
    );
    calls.clear();
    const { data, errors } = await api.query(BY_REFS, { refs });
    expect(errors).toBeUndefined();
    const papers: ({ id: string } | null)[] = data!.papersByRefs;
    expect(papers).toHaveLength(refs.length);
    expect(papers.slice(0, forms.length).map((p) => p?.id)).toEqual(expected);
    papers.slice(forms.length).forEach((paper, j) => {
      const i = j + forms.length;
      expect(paper?.id ?? null, refs[i]).toBe(i % 2 ? refs[i] : null);
    });
    expect(calls.get('resolvePaperKeys')).toBe(1);
    expect(calls.get('papersByIds')).toBe(1);
    expect(calls.get('episodesByIds')).toBeUndefined();
  });

  it('an empty list is an empty answer', async () => {
    expect((await api.query(NODES, { ids: [] })).data).toEqual({ nodes: [] });
    expect((await api.query(BY_REFS, { refs: [] })).data).toEqual({ papersByRefs: [] });
  });

  it(`a list over ${maxLookupIds} entries or a blank entry is BAD_USER_INPUT naming the argument`, async () => {
    const tooMany = Array.from({ length: maxLookupIds + 1 }, (_, i) => `doi:10.9999/x-${i}`);
    for (const [query, variables, argument] of [
      [NODES, { ids: tooMany }, 'ids'],
      [BY_REFS, { refs: tooMany }, 'refs'],
      [NODES, { ids: [DPO, ' '] }, 'ids'],
      [BY_REFS, { refs: [DPO, ''] }, 'refs'],
    ] as const) {
      const { data, errors } = await api.query(query, variables);
      expect(data ?? null, argument).toBeNull();
      expect(errors?.[0]?.extensions?.['code'], argument).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message, argument).toContain(`${argument}`);
    }
    const { errors } = await api.query(NODES, { ids: tooMany });
    expect(errors?.[0]?.message).toMatch(new RegExp(`${maxLookupIds}`));
  });

  it('ids keep their stored form: Episode.id and Paper.id are not re-encoded as Relay global ids', async () => {
    const { data } = await api.query(
      `{ episodes(first: 1) { edges { node { id source { id } } } } paper(ref: "${DPO}") { id } }`,
    );
    expect(data!.episodes.edges[0].node.id).toMatch(/^ep_[0-9a-f]{12}$/);
    expect(data!.paper.id).toBe(DPO);
  });
});
