// /paper/<id or any identifier>/feed.atom: the episodes citing the paper, newest first (Atom).
import type { RequestHandler } from './$types';
import { atomFromApi } from './atomProxy.ts';

export const GET: RequestHandler = ({ params, fetch, url }) =>
  atomFromApi(fetch, '/atom/paper', { ref: params.ref, site: url.origin });
