import { error } from '@sveltejs/kit';

import { ApiError } from '#lib/api.ts';
import { parseStartSeconds, START_PARAM } from '#lib/links.ts';
import { failWithApiError, serverApi } from '#lib/server/api.ts';

import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, fetch, url }) => {
  let episode;
  try {
    episode = await serverApi(fetch).episode(params.id, 10);
  } catch (cause) {
    // The API may refuse a malformed id outright; to a visitor that is the same as unknown.
    if (!(cause instanceof ApiError && cause.kind === 'graphql')) failWithApiError(cause);
    episode = null;
  }
  if (!episode) error(404, { message: `There is no episode with the id "${params.id}".` });
  // `?t=754`: a link to the second a paper is discussed; the player starts there.
  return { episode, startAt: parseStartSeconds(url.searchParams.get(START_PARAM)) };
};
