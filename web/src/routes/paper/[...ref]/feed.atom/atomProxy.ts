// Both Atom routes ask the API for the document (it writes them; see server/src/atom/atomDocuments.ts) with
// this site's origin, so entry links point here, and pass the answer through.
import { error } from '@sveltejs/kit';

import { apiEndpoint } from '#lib/server/api.ts';

export async function atomFromApi(
  fetch: typeof globalThis.fetch,
  path: '/atom/paper' | '/atom/episodes',
  params: Record<string, string>,
): Promise<Response> {
  const url = new URL(path, apiEndpoint());
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  let answer: Response;
  try {
    answer = await fetch(url);
  } catch {
    error(503, { message: 'The papergraph API is not reachable, so there is no feed right now.' });
  }
  if (answer.status === 404) error(404, { message: await answer.text() });
  if (!answer.ok)
    error(502, { message: `The papergraph API could not write the feed (HTTP ${answer.status}).` });
  return new Response(answer.body, {
    headers: {
      'content-type': 'application/atom+xml; charset=utf-8',
      'cache-control': 'public, max-age=300',
    },
  });
}
