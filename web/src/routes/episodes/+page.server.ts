// Every episode as a paged table: the crawlable, script-free index of the podcast.
import { failWithApiError, serverApi } from '#lib/server/api.ts';

import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async ({ url, fetch }) => {
  const after = url.searchParams.get('after');
  try {
    return { list: await serverApi(fetch).episodes({ first: PAGE_SIZE, after }), after };
  } catch (cause) {
    failWithApiError(cause);
  }
};
