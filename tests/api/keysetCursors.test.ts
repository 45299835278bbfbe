// Cursors across an import, as a client pages: fetch page 1, an import adds an episode / paper that
// sorts before the cursor, fetch page 2: nothing repeated, nothing skipped (offset cursors repeated one).
import { afterAll, beforeAll, expect, it } from 'vitest';

import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { createTestApi, describeForEachStore, type TestApi } from './testApi.ts';

const EPISODES = `query($first: Int, $after: String, $last: Int, $before: String) {
  episodes(first: $first, after: $after, last: $last, before: $before) {
    totalCount edges { cursor node { id publishedAt } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
const PAPERS = `query($first: Int, $after: String) {
  papers(first: $first, after: $after) { totalCount edges { node { id citationCount } } pageInfo { hasNextPage endCursor } } }`;

describeForEachStore('keyset cursors over GraphQL', (storeFactory) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ storeFactory });
  });
  afterAll(() => api.close());

  const ids = (connection: any): string[] => connection.edges.map((edge: any) => edge.node.id);
  const page = async (query: string, variables: Record<string, unknown>) => {
    const { data, errors } = await api.query(query, variables);
    expect(errors).toBeUndefined();
    return Object.values(data!)[0] as any;
  };

  it('episodes: page 2 after an import of a newer episode continues right behind page 1', async () => {
    const before = ids(await page(EPISODES, { first: 100 }));
    const first = await page(EPISODES, { first: 3 });
    expect(ids(first)).toEqual(before.slice(0, 3));

    const newest = arxivPaper('2612.00001', 'Published after every seed episode');
    await api.store.importBatch(
      batchOf(
        [episode({ title: 'Newest of all', source: newest, publishedAt: '2027-01-01' })],
        [newest],
      ),
    );

    const second = await page(EPISODES, { first: 3, after: first.pageInfo.endCursor });
    expect(second.totalCount).toBe(before.length + 1);
    expect(ids(second)).toEqual(before.slice(3, 6));
    const now = ids(await page(EPISODES, { first: 100 }));
    expect(now[0]).not.toBe(before[0]);
    expect(now.slice(1)).toEqual(before);
  });

  it('papers: page 2 after an import of a paper sorting before the cursor holds no repeat and no skip', async () => {
    const before = ids(await page(PAPERS, { first: 100 }));
    const first = await page(PAPERS, { first: 5 });
    const cursorPaper = first.edges.at(-1).node;
    expect(cursorPaper.citationCount).toBe(1);

    // Cited once like the cursor's paper, with a smaller id: it sorts before the cursor.
    const early = arxivPaper('0704.00001', 'Sorts before the cursor');
    await api.store.importBatch(
      batchOf(
        [episode({ title: 'Cites an early paper', source: early, publishedAt: '2020-01-01' })],
        [early],
      ),
    );
    const now = ids(await page(PAPERS, { first: 100 }));
    expect(now.indexOf(early.id)).toBeLessThan(now.indexOf(cursorPaper.id));

    const second = await page(PAPERS, { first: 5, after: first.pageInfo.endCursor });
    expect(ids(second)).toEqual(before.slice(5, 10));
  });

  it('last alone gives the end of the list, and before pages backwards to the start', async () => {
    const all = ids(await page(EPISODES, { first: 100 }));
    const last = await page(EPISODES, { last: 2 });
    expect(ids(last)).toEqual(all.slice(-2));
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    const walked: string[] = [...ids(last)];
    for (let cursor = last.pageInfo.startCursor; ;) {
      const previous = await page(EPISODES, { last: 3, before: cursor });
      walked.unshift(...ids(previous));
      if (!previous.pageInfo.hasPreviousPage) break;
      cursor = previous.pageInfo.startCursor;
    }
    expect(walked).toEqual(all);
    const end = await page(EPISODES, { first: 100 });
    expect(end.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: false });
  });

  it('refuses a cursor of another list, a made-up one, and first with last, naming the argument', async () => {
    const papers = await page(PAPERS, { first: 1 });
    for (const [variables, argument] of [
      [{ first: 2, after: papers.pageInfo.endCursor }, 'after'],
      [{ last: 2, before: 'not-a-cursor' }, 'before'],
      [{ first: 2, last: 2 }, 'first'],
    ] as const) {
      const { data, errors } = await api.query(EPISODES, variables);
      expect(data?.episodes ?? null).toBeNull();
      expect(errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message).toContain(`\`${argument}\``);
    }
    // A search list pages by offset; its cursors still work there.
    const search = await api.query(
      '{ episodes(first: 1, search: "reward") { pageInfo { endCursor } } }',
    );
    const next = await api.query(
      'query($a: String) { episodes(first: 1, search: "reward", after: $a) { edges { node { id } } } }',
      {
        a: search.data!.episodes.pageInfo.endCursor,
      },
    );
    expect(next.errors).toBeUndefined();
  });
});
