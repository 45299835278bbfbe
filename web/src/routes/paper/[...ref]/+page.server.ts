// /paper/<encoded id>; any identifier form also works (/paper/https://arxiv.org/abs/…,
// /paper/10.1038/…) and is redirected to the paper's canonical address. A real identifier that no
// episode cites gets a page saying so (the API only knows cited papers); anything else is a 404.
import { error, redirect } from '@sveltejs/kit';

import { type Api, ApiError, type MetadataStatus } from '#lib/api.ts';
import { looksLikePaperRef, paperHref } from '#lib/links.ts';
import { failWithApiError, serverApi } from '#lib/server/api.ts';

import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, fetch, url }) => {
  // A raw URL pasted after /paper/ keeps its own query string.
  const ref = params.ref + (url.search && /^(https?:|url:)/i.test(params.ref) ? url.search : '');
  if (ref.trim() === '') error(404, { message: 'No paper identifier was given.' });

  const api = serverApi(fetch);
  let paper;
  try {
    paper = await api.paperPage(ref);
  } catch (cause) {
    if (!(cause instanceof ApiError && cause.kind === 'graphql')) failWithApiError(cause);
    paper = null;
  }
  if (!paper) {
    if (looksLikePaperRef(ref)) return { paper: null, ref, lastFetchError: null };
    error(404, { message: `There is no paper matching "${ref}".` });
  }
  if (paper.id !== ref) redirect(308, paperHref(paper.id));
  return { paper, ref, lastFetchError: await lastFetchError(api, paper.metadataStatus) };
};

/** While a paper waits for its metadata, why the last fetch failed, if it did (a provider down, offline). */
async function lastFetchError(api: Api, status: MetadataStatus): Promise<string | null> {
  if (status !== 'PENDING') return null;
  try {
    const enrichment = await api.enrichment();
    return enrichment && enrichment.failed > 0 ? enrichment.lastError : null;
  } catch (cause) {
    failWithApiError(cause);
  }
}
