// A show's page: what its feed says of it, and its episodes newest first, paged like /episodes.
import { error } from '@sveltejs/kit';

import { ApiError } from '#lib/api.ts';
import { failWithApiError, serverApi } from '#lib/server/api.ts';

import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async ({ params, url, fetch }) => {
  const after = url.searchParams.get('after');
  let show;
  try {
    show = await serverApi(fetch).show(params.id, { first: PAGE_SIZE, after });
  } catch (cause) {
    if (!(cause instanceof ApiError && cause.kind === 'graphql')) failWithApiError(cause);
    // The API refuses a malformed cursor or id: a page that is not there, or a show that is not.
    if (after !== null)
      error(400, { message: `That page of the show’s episodes is not there: ${cause.message}` });
    show = null;
  }
  if (!show) error(404, { message: `There is no show with the id "${params.id}".` });
  return { show, list: show.episodes, after };
};
