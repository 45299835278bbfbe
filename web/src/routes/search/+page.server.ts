// The search form's no-JavaScript target: a result page, or straight to a paper for an identifier.
import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { ApiError, type SearchHit } from '#lib/api.ts';
import { looksLikePaperRef, paperHref } from '#lib/links.ts';
import { failWithApiError, serverApi } from '#lib/server/api.ts';

const MAX_QUERY = 500;

export const load: PageServerLoad = async ({ url, fetch }) => {
  const query = (url.searchParams.get('q') ?? '').trim().slice(0, MAX_QUERY);
  if (query === '') return { query, hits: [] as SearchHit[], problem: null };
  const api = serverApi(fetch);
  try {
    if (looksLikePaperRef(query)) {
      const paper = await api.paper(query, 1);
      if (paper) redirect(303, paperHref(paper.id));
    }
    return { query, hits: await api.search(query, 50), problem: null };
  } catch (cause) {
    if (cause instanceof ApiError && cause.kind === 'graphql')
      return { query, hits: [] as SearchHit[], problem: cause.message };
    failWithApiError(cause);
  }
};
