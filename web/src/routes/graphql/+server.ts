import { apiEndpoint } from '#lib/server/api.ts';
import { proxyGraphql } from '#lib/server/proxy.ts';

import type { RequestHandler } from './$types';

const forward: RequestHandler = ({ request, getClientAddress }) =>
  proxyGraphql(request, apiEndpoint(), fetch, getClientAddress());

export const GET = forward;
export const POST = forward;
