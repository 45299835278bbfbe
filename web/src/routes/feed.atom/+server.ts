// /feed.atom: the whole graph's newest episodes (Atom), for following the podcast's papers.
import type { RequestHandler } from './$types';
import { atomFromApi } from '../paper/[...ref]/feed.atom/atomProxy.ts';

export const GET: RequestHandler = ({ fetch, url }) =>
  atomFromApi(fetch, '/atom/episodes', { site: url.origin });
