import { describe, expect, it } from 'vitest';

import { API_UNREACHABLE_CODE } from '../../web/src/lib/api.ts';
import { proxyGraphql } from '../../web/src/lib/server/proxy.ts';

describe('/graphql proxy', () => {
  it('forwards a POST body and only the GraphQL headers, and returns the answer', async () => {
    let seen: { url: string; init: RequestInit } | null = null;
    const upstream = (async (url: RequestInfo | URL, init?: RequestInit) => {
      seen = { url: String(url), init: init ?? {} };
      return new Response('{"data":{"stats":{"episodes":8}}}', {
        status: 200,
        headers: {
          'content-type': 'application/graphql-response+json',
          'set-cookie': 'x=1',
          'x-powered-by': 'yoga',
        },
      });
    }) as typeof fetch;
    const request = new Request('http://web.test/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer token-123',
        cookie: 'session=secret',
        accept: 'application/json',
      },
      body: '{"query":"{ stats { episodes } }"}',
    });
    const response = await proxyGraphql(request, 'http://127.0.0.1:4000/graphql', upstream);

    expect(seen!.url).toBe('http://127.0.0.1:4000/graphql');
    expect(seen!.init.method).toBe('POST');
    expect(new TextDecoder().decode(seen!.init.body as ArrayBuffer)).toBe(
      '{"query":"{ stats { episodes } }"}',
    );
    const sent = new Headers(seen!.init.headers);
    expect(sent.get('authorization')).toBe('Bearer token-123');
    expect(sent.get('content-type')).toBe('application/json');
    expect(sent.get('cookie')).toBeNull();

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/graphql-response+json');
    expect(response.headers.get('set-cookie')).toBeNull();
    expect(await response.json()).toEqual({ data: { stats: { episodes: 8 } } });
  });

  it('keeps the query string of a GET and sends no body', async () => {
    let seen: { url: string; init: RequestInit } | null = null;
    const upstream = (async (url: RequestInfo | URL, init?: RequestInit) => {
      seen = { url: String(url), init: init ?? {} };
      return new Response('{}', { status: 200 });
    }) as typeof fetch;
    await proxyGraphql(
      new Request('http://web.test/graphql?query=%7Bstats%7Bepisodes%7D%7D'),
      'http://api:4000/graphql',
      upstream,
    );
    expect(seen!.url).toBe('http://api:4000/graphql?query=%7Bstats%7Bepisodes%7D%7D');
    expect(seen!.init.body).toBeUndefined();
  });

  it('passes API error statuses through unchanged', async () => {
    const upstream = (async () =>
      new Response('{"errors":[{"message":"bad"}]}', { status: 400 })) as typeof fetch;
    const response = await proxyGraphql(
      new Request('http://web.test/graphql', { method: 'POST', body: '{}' }),
      'http://api/graphql',
      upstream,
    );
    expect(response.status).toBe(400);
  });

  it('answers 502 with a GraphQL error the client recognises when the API is down', async () => {
    const upstream = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const response = await proxyGraphql(
      new Request('http://web.test/graphql', { method: 'POST', body: '{}' }),
      'http://api/graphql',
      upstream,
    );
    expect(response.status).toBe(502);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe(API_UNREACHABLE_CODE);
  });
});
