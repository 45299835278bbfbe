import type { Handle, HandleFetch, HandleServerError } from '@sveltejs/kit/hooks';

import { apiEndpoint } from '#lib/server/api.ts';
import { namingVisitorToApi } from '#lib/server/proxy.ts';

/** Headers every response gets, next to the CSP SvelteKit adds to pages. */
export const handle: Handle = async ({ event, resolve }) => {
  const response = await resolve(event);
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
  return response;
};

/** The API budgets each visitor (rate limits), so a page's server-side API calls name who asked. */
export const handleFetch: HandleFetch = ({ event, request, fetch }) =>
  fetch(namingVisitorToApi(request, apiEndpoint(), event.getClientAddress()));

/** Unexpected errors are logged in full but shown without internals; expected ones keep their message. */
export const handleError: HandleServerError = (caught) => {
  if (caught.kind !== 'unknown') return;
  console.error(
    `[web] ${caught.event.request.method} ${caught.event.url.pathname} failed:`,
    caught.error,
  );
  return { message: 'Something went wrong while building this page.' };
};
