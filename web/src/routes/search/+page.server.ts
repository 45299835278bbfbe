// The search form's no-JavaScript target: a result page, or straight to a paper for an identifier.
// An identifier goes to its paper's page whether or not an episode cites it: the page says which,
// where a word search could only answer that nothing matches.
import { redirect } from '@sveltejs/kit';

import { ApiError, type SearchResult } from '#lib/api.ts';
import { paperRefTarget } from '#lib/links.ts';
import { failWithApiError, serverApi } from '#lib/server/api.ts';

import type { PageServerLoad } from './$types';

const MAX_QUERY = 500;

export const load: PageServerLoad = async ({ url, fetch }) => {
  const typed = (url.searchParams.get('q') ?? '').trim();
  // Read whole: a long link cut to the search's length would name another page.
  const paper = paperRefTarget(typed);
  if (paper) redirect(303, paper.href);
  const query = typed.slice(0, MAX_QUERY);
  const none = { query, hits: [] as SearchResult[], showCount: 0 };
  if (query === '') return { ...none, problem: null };
  try {
    return { query, ...(await serverApi(fetch).searchResults(query, 50)), problem: null };
  } catch (cause) {
    if (cause instanceof ApiError && cause.kind === 'graphql')
      return { ...none, problem: cause.message };
    failWithApiError(cause);
  }
};
