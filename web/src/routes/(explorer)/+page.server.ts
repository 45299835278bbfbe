// The selected node's details and the highlighted path; reruns only when those change.
import { type Api, ApiError } from '#lib/api.ts';
import { type PathResult, type Selection, SHORTEST_PATHS_SHOWN } from '#lib/explorer/pageData.ts';
import { isEpisodeId } from '#lib/links.ts';
import { failWithApiError, serverApi } from '#lib/server/api.ts';
import { parseSelectionParams } from '#lib/urlState.ts';

import type { PageServerLoad } from './$types';

async function loadSelection(api: Api, id: string | null): Promise<Selection | null> {
  if (id === null) return null;
  try {
    // Episode ids have a fixed shape; anything else is a paper reference.
    if (isEpisodeId(id)) return { kind: 'episode', id, episode: await api.episode(id, 5) };
    return { kind: 'paper', id, paper: await api.paper(id, 50) };
  } catch (cause) {
    // An id the API refuses outright is shown as "nothing selected by that id", not a failed page.
    if (cause instanceof ApiError && cause.kind === 'graphql') {
      return isEpisodeId(id)
        ? { kind: 'episode', id, episode: null }
        : { kind: 'paper', id, paper: null };
    }
    throw cause;
  }
}

async function loadPath(
  api: Api,
  from: string | null,
  to: string | null,
): Promise<PathResult | null> {
  if (from === null || to === null) return null;
  try {
    return { from, to, ...(await api.paths(from, to, SHORTEST_PATHS_SHOWN)), problem: null };
  } catch (cause) {
    if (cause instanceof ApiError && cause.kind === 'graphql')
      return { from, to, paths: [], truncated: false, problem: cause.message };
    throw cause;
  }
}

export const load: PageServerLoad = async ({ url, fetch }) => {
  const params = parseSelectionParams(url.searchParams);
  const api = serverApi(fetch);
  try {
    const [selection, path] = await Promise.all([
      loadSelection(api, params.selected),
      loadPath(api, params.pathFrom, params.pathTo),
    ]);
    return { selection, path };
  } catch (cause) {
    failWithApiError(cause);
  }
};
