// Paging the most-cited list while an import moves a paper across the cursor: the pages after the
// cursor follow the order the first page was read in, so the moved paper is neither skipped nor
// repeated; a cursor whose order the server no longer holds is refused with STALE_CURSOR.
import { afterAll, beforeAll, expect, it } from 'vitest';

import type { PaperRecord } from '../../server/src/domain/model.ts';
import { SNAPSHOTS_KEPT } from '../../server/src/graphql/schema/pagination.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { createTestApi, describeForEachStore, type TestApi } from './testApi.ts';

const PAPERS = `query($first: Int, $after: String, $minCitations: Int) {
  papers(first: $first, after: $after, minCitations: $minCitations) {
    totalCount edges { node { id title url arxivId doi aliases citationCount } } pageInfo { hasNextPage endCursor } } }`;

interface PaperNode extends PaperRecord {
  citationCount: number;
}

describeForEachStore('cursors across an import that moves a paper', (storeFactory) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ storeFactory });
  });
  afterAll(() => api.close());

  const page = async (variables: Record<string, unknown>) => {
    const { data, errors } = await api.query(PAPERS, variables);
    expect(errors).toBeUndefined();
    return data!['papers'] as {
      totalCount: number;
      edges: { node: PaperNode }[];
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
    };
  };
  const ids = (connection: { edges: { node: PaperNode }[] }) =>
    connection.edges.map((edge) => edge.node.id);

  /** Imports `count` new episodes that each recommend `paper`. */
  let imported = 0;
  const citeMore = async (paper: PaperRecord, count: number) => {
    const episodes = Array.from({ length: count }, () => {
      imported += 1;
      const source = arxivPaper(`2611.${String(imported).padStart(5, '0')}`, `Citer ${imported}`);
      return {
        record: episode({ title: `Citer ${imported}`, source, recommends: [paper] }),
        source,
      };
    });
    await api.store.importBatch(
      batchOf(
        episodes.map((e) => e.record),
        [paper, ...episodes.map((e) => e.source)],
      ),
    );
  };

  it('a paper raised past the cursor is on a later page, once, in the order the first page saw', async () => {
    const before = await page({ first: 100 });
    const first = await page({ first: 5 });
    expect(ids(first)).toEqual(ids(before).slice(0, 5));
    const cursorPaper = first.edges.at(-1)!.node;
    const moved = before.edges.at(-1)!.node;
    expect(moved.citationCount).toBeLessThan(cursorPaper.citationCount + 1);

    const { citationCount: _count, ...record } = moved;
    await citeMore(record, cursorPaper.citationCount - moved.citationCount + 1);
    const now = ids(await page({ first: 100 }));
    expect(now.indexOf(moved.id)).toBeLessThan(now.indexOf(cursorPaper.id));

    const rest: string[] = [];
    for (let cursor = first.pageInfo.endCursor; cursor !== null;) {
      const next = await page({ first: 7, after: cursor });
      expect(next.totalCount).toBe(before.totalCount);
      rest.push(...ids(next));
      cursor = next.pageInfo.hasNextPage ? next.pageInfo.endCursor : null;
    }
    expect([...ids(first), ...rest]).toEqual(ids(before));
    // The pages show each paper as it is now.
    const movedNow = await page({ first: 100 });
    expect(movedNow.edges.find((edge) => edge.node.id === moved.id)!.node.citationCount).toBe(
      cursorPaper.citationCount + 1,
    );
  });

  it('refuses a cursor whose order the server no longer holds with STALE_CURSOR', async () => {
    const first = await page({ first: 3 });
    const cursorPaper = first.edges.at(-1)!.node;
    const { citationCount: _count, ...record } = cursorPaper;
    await citeMore(record, 1);
    // Later orders push the first one out of what the server keeps.
    for (let minCitations = 1; minCitations <= SNAPSHOTS_KEPT; minCitations++)
      await page({ first: 1, minCitations });

    const { data, errors } = await api.query(PAPERS, {
      first: 3,
      after: first.pageInfo.endCursor,
    });
    expect(data?.['papers'] ?? null).toBeNull();
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'STALE_CURSOR', argument: 'after' });
    expect(errors?.[0]?.message).toContain('fetch the list again from the start');

    // Before any change a cursor pages as a keyset does.
    const fresh = await page({ first: 3 });
    const next = await page({ first: 3, after: fresh.pageInfo.endCursor });
    expect(ids(next)).toEqual(ids(await page({ first: 6 })).slice(3));
  });
});
