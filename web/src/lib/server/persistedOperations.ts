// The web server sends the API a trusted document's id instead of its text: the documents its build
// listed in persisted-documents.json (web/scripts/persistedDocuments.ts), by the SHA-256 of the text,
// in the persisted-query extension the API's plugin reads. An API that does not know the id (another
// build's manifest) answers PERSISTED_QUERY_NOT_IN_LIST and gets the text instead; any other
// document, GraphiQL's included, goes as text.
import { createHash } from 'node:crypto';

import manifest from '../../../../persisted-documents.json' with { type: 'json' };

type Fetch = (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;

const NOT_IN_LIST = 'PERSISTED_QUERY_NOT_IN_LIST';
/** Larger answers are results, not the API's short "not in the list" error. */
const LARGEST_REFUSAL_BYTES = 1024;

const listedIds = new Set(Object.keys(manifest));

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The GraphQL request body with a listed document replaced by its id; null for any other body. */
function persistedBody(body: string): string | null {
  let params: unknown;
  try {
    params = JSON.parse(body);
  } catch {
    return null;
  }
  if (!isRecord(params) || typeof params['query'] !== 'string') return null;
  const { query, extensions, ...rest } = params;
  const id = createHash('sha256').update(query).digest('hex');
  if (!listedIds.has(id)) return null;
  return JSON.stringify({
    ...rest,
    extensions: {
      ...(isRecord(extensions) ? extensions : {}),
      persistedQuery: { version: 1, sha256Hash: id },
    },
  });
}

function bodyText(body: BodyInit | null | undefined): string | null {
  if (typeof body === 'string') return body;
  if (body instanceof ArrayBuffer) return new TextDecoder().decode(body);
  return null;
}

async function isNotInList(response: Response): Promise<boolean> {
  const length = response.headers.get('content-length');
  if (length !== null && Number(length) > LARGEST_REFUSAL_BYTES) return false;
  let answer: unknown;
  try {
    answer = await response.clone().json();
  } catch {
    return false;
  }
  const errors = isRecord(answer) ? answer['errors'] : undefined;
  return (
    Array.isArray(errors) &&
    errors.some(
      (error) =>
        isRecord(error) &&
        isRecord(error['extensions']) &&
        error['extensions']['code'] === NOT_IN_LIST,
    )
  );
}

/** `fetchImpl`, sending listed documents to the API by id and falling back to their text. */
export function sendingPersistedIds(fetchImpl: Fetch): Fetch {
  return async (input, init) => {
    const text = init?.method === 'POST' ? bodyText(init.body) : null;
    const byId = text === null ? null : persistedBody(text);
    if (byId === null) return fetchImpl(input, init);
    const response = await fetchImpl(input, { ...init, body: byId });
    return (await isNotInList(response)) ? fetchImpl(input, init) : response;
  };
}
