// What every page's frame shows: when the graph last changed.
import { ApiError } from '#lib/api.ts';
import { serverApi } from '#lib/server/api.ts';

import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ url, fetch }) => {
  // Read so the time is asked again on every page change (an import may have moved it meanwhile), but
  // not for each explorer click, which only changes the query string.
  void url.pathname;
  try {
    return {
      graphChangedAt: await serverApi(fetch).graphChangedAt(),
      renderedAt: new Date().toISOString(),
    };
  } catch (cause) {
    // An unreachable API is the page's own error to report; the frame just leaves the line out.
    if (cause instanceof ApiError)
      return { graphChangedAt: null, renderedAt: new Date().toISOString() };
    throw cause;
  }
};
