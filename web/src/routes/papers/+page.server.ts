// Every paper as a paged table, most cited first, with the same citation filter as the graph.
import type { PageServerLoad } from './$types';
import { failWithApiError, serverApi } from '#lib/server/api.ts';
import { MIN_CITATIONS_RANGE } from '#lib/urlState.ts';

const PAGE_SIZE = 100;

export const load: PageServerLoad = async ({ url, fetch }) => {
  const after = url.searchParams.get('after');
  const rawMin = Number(url.searchParams.get('min') ?? '1');
  const minCitations =
    Number.isInteger(rawMin) &&
    rawMin >= MIN_CITATIONS_RANGE.min &&
    rawMin <= MIN_CITATIONS_RANGE.max
      ? rawMin
      : 1;
  try {
    return {
      list: await serverApi(fetch).papers({ first: PAGE_SIZE, after, minCitations }),
      after,
      minCitations,
    };
  } catch (cause) {
    failWithApiError(cause);
  }
};
