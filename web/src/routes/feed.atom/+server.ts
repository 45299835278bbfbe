// /feed.atom: the whole graph's newest episodes (Atom), for following the podcast's papers.
import { atomFromApi } from '../paper/[...ref]/feed.atom/atomProxy.ts';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ fetch, url }) =>
  atomFromApi(fetch, '/atom/episodes', { site: url.origin });
