// Server-side access to the API for load functions, and how API failures become error pages.
import { error } from '@sveltejs/kit';

import { type Api, ApiError, createApi } from '#lib/api.ts';
import { resolveApiEndpoint } from '#lib/apiEndpoint.ts';
import { API_PORT, API_URL } from '$app/env/private';

import { sendingPersistedIds } from './persistedOperations.ts';

export function apiEndpoint(): string {
  return resolveApiEndpoint(API_URL, API_PORT);
}

export function serverApi(fetch: typeof globalThis.fetch): Api {
  return createApi({ endpoint: apiEndpoint(), fetch: sendingPersistedIds(fetch) });
}

/** Rethrows an API failure as an error page that says what happened. */
export function failWithApiError(cause: unknown): never {
  if (cause instanceof ApiError) {
    if (cause.kind === 'unreachable') {
      error(503, {
        message: 'The papergraph API is not reachable, so there is nothing to show right now.',
        hint: `Start the API (it is expected at ${apiEndpoint()}) and reload this page.`,
      });
    }
    error(502, { message: `The papergraph API could not answer: ${cause.message}` });
  }
  throw cause;
}
