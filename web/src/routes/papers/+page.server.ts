// Every paper as a paged table, most cited first, with the same citation filter as the graph.
import { failWithApiError, serverApi } from '#lib/server/api.ts';
import { parsePapersListState } from '#lib/urlState.ts';

import type { PageServerLoad } from './$types';

const PAGE_SIZE = 100;

export const load: PageServerLoad = async ({ url, fetch }) => {
  const { after, minCitations } = parsePapersListState(url.searchParams);
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
