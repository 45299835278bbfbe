// The API side of the Atom feeds: GET /atom/paper?ref=<any identifier>&site=<web origin> and
// GET /atom/episodes?site=<web origin>. The web app serves them at /paper/<ref>/feed.atom and
// /feed.atom, passing its own origin so entry links point at its pages.
import type { Plugin } from 'graphql-yoga';
import { z } from 'zod';

import { MAX_REF_LENGTH } from '../ids/paperId.ts';
import type { GraphStore } from '../store/store.ts';

const siteSchema = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .transform((url) => new URL(url).origin);
const ATOM_TYPE = 'application/atom+xml; charset=utf-8';

export function useAtomFeeds(store: GraphStore): Plugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (url.pathname !== '/atom/paper' && url.pathname !== '/atom/episodes') return;
      const answer = (status: number, body: string, type = 'text/plain; charset=utf-8') =>
        endResponse(new fetchAPI.Response(body, { status, headers: { 'content-type': type } }));
      if (request.method !== 'GET') return answer(405, 'Atom feeds are read with GET');
      const site = siteSchema.safeParse(url.searchParams.get('site'));
      if (!site.success) return answer(400, 'site must be the http(s) origin of the web app');
      // The XML builder loads with the first Atom request: a start answers without it.
      const { graphAtomFeed, paperAtomFeed } = await import('./atomDocuments.ts');
      if (url.pathname === '/atom/episodes')
        return answer(200, await graphAtomFeed(store, site.data), ATOM_TYPE);
      const ref = url.searchParams.get('ref')?.trim() ?? '';
      if (ref === '' || ref.length > MAX_REF_LENGTH)
        return answer(
          400,
          `ref must be a paper identifier of at most ${MAX_REF_LENGTH} characters`,
        );
      const feed = await paperAtomFeed(store, ref, site.data);
      return feed === null
        ? answer(404, `no episode cites a paper "${ref}"`)
        : answer(200, feed, ATOM_TYPE);
    },
  };
}
