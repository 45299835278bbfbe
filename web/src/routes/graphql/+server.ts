import type { RequestHandler } from './$types';
import { apiEndpoint } from '#lib/server/api.ts';
import { proxyGraphql } from '#lib/server/proxy.ts';

const forward: RequestHandler = ({ request }) => proxyGraphql(request, apiEndpoint());

export const GET = forward;
export const POST = forward;
