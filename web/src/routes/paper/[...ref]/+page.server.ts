// /paper/<encoded id>; any identifier form also works (/paper/https://arxiv.org/abs/…,
// /paper/10.1038/…) and is redirected to the paper's canonical address. A real identifier that no
// episode cites gets a page saying so (the API only knows cited papers); anything else is a 404.
import { error, redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { ApiError } from '#lib/api.ts';
import { looksLikePaperRef, paperHref } from '#lib/links.ts';
import { failWithApiError, serverApi } from '#lib/server/api.ts';

export const load: PageServerLoad = async ({ params, fetch, url }) => {
  // A raw URL pasted after /paper/ keeps its own query string.
  const ref = params.ref + (url.search && /^(https?:|url:)/i.test(params.ref) ? url.search : '');
  if (ref.trim() === '') error(404, { message: 'No paper identifier was given.' });

  let paper;
  try {
    paper = await serverApi(fetch).paper(ref, 100);
  } catch (cause) {
    if (!(cause instanceof ApiError && cause.kind === 'graphql')) failWithApiError(cause);
    paper = null;
  }
  if (!paper) {
    if (looksLikePaperRef(ref)) return { paper: null, ref };
    error(404, { message: `There is no paper matching "${ref}".` });
  }
  if (paper.id !== ref) redirect(308, paperHref(paper.id));
  return { paper, ref };
};
