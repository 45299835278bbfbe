// What every page's frame shows: when the graph last changed.
import type { LayoutServerLoad } from './$types';
import { ApiError } from '#lib/api.ts';
import { serverApi } from '#lib/server/api.ts';

export const load: LayoutServerLoad = async ({ url, fetch }) => {
  // Read so the time is asked again at every navigation (an import may have moved it meanwhile).
  void url.href;
  try {
    return { graphChangedAt: await serverApi(fetch).graphChangedAt(), renderedAt: new Date().toISOString() };
  } catch (cause) {
    // An unreachable API is the page's own error to report; the frame just leaves the line out.
    if (cause instanceof ApiError) return { graphChangedAt: null, renderedAt: new Date().toISOString() };
    throw cause;
  }
};
