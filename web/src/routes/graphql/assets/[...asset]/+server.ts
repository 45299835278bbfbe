// GraphiQL's bundle, styles and workers, served by the API under its endpoint (no CDN): the page the
// /graphql proxy returns asks this origin for them.
import { apiEndpoint } from '#lib/server/api.ts';
import { proxyGraphql } from '#lib/server/proxy.ts';

import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ request, params }) =>
  proxyGraphql(request, `${apiEndpoint()}/assets/${params.asset}`);
