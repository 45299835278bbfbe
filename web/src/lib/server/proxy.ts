// The browser only talks to this web server; /graphql requests are forwarded to the API so a
// person needs one URL. Only the headers GraphQL needs cross over, in both directions; the app's own
// documents cross by id. The visitor's address goes as X-Forwarded-For, so the API's rate limits
// budget each visitor instead of this server (the API believes it only from TRUSTED_PROXIES).
import { API_UNREACHABLE_CODE } from '../api.ts';
import { sendingPersistedIds } from './persistedOperations.ts';

const REQUEST_HEADERS = ['accept', 'authorization', 'content-type'] as const;
// The API's CSP guards the GraphiQL page it renders, which reaches the browser through here.
const RESPONSE_HEADERS = [
  'cache-control',
  'content-security-policy',
  'content-type',
  'vary',
] as const;

// Set, not appended: whatever X-Forwarded-For the visitor wrote stays here.
function nameVisitor(headers: Headers, visitorAddress: string): void {
  headers.set('x-forwarded-for', visitorAddress);
}

/** Server-rendered pages ask the API for the visitor too: their requests to it name the visitor. */
export function namingVisitorToApi(
  request: Request,
  endpoint: string,
  visitorAddress: string,
): Request {
  if (new URL(request.url).origin !== new URL(endpoint).origin) return request;
  const named = new Request(request);
  nameVisitor(named.headers, visitorAddress);
  return named;
}

/** `visitorAddress`: who asked this server (SvelteKit's getClientAddress), named to the API. */
export async function proxyGraphql(
  request: Request,
  endpoint: string,
  fetchImpl: typeof fetch = fetch,
  visitorAddress?: string,
): Promise<Response> {
  const target = new URL(endpoint);
  // GET carries the operation in the query string (GraphQL over HTTP), so keep it.
  target.search = new URL(request.url).search;

  const headers = new Headers();
  for (const name of REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  if (visitorAddress !== undefined) nameVisitor(headers, visitorAddress);

  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await sendingPersistedIds(fetchImpl)(target, {
      method: request.method,
      headers,
      ...(hasBody ? { body: await request.arrayBuffer() } : {}),
      redirect: 'manual',
    });
  } catch {
    return Response.json(
      {
        errors: [
          {
            message: 'The papergraph API is not reachable right now.',
            extensions: { code: API_UNREACHABLE_CODE },
          },
        ],
      },
      { status: 502 },
    );
  }

  const responseHeaders = new Headers();
  for (const name of RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value !== null) responseHeaders.set(name, value);
  }
  return new Response(upstream.body, { status: upstream.status, headers: responseHeaders });
}
