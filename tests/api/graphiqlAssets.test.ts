// GraphiQL's page and assets as the API serves them (the browser side is tests/e2e/graphiql.test.ts):
// every asset the page names is served from this origin with its type, nothing points elsewhere, and
// with GRAPHIQL=false neither the page nor the assets are served.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { GRAPHIQL_ASSETS_PATH } from '../../server/src/graphql/graphiql/offlineGraphiql.ts';
import { createPapergraphYoga } from '../../server/src/graphql/yoga.ts';
import { createTestApi, type TestApi } from './testApi.ts';

let api: TestApi;
beforeAll(async () => {
  api = await createTestApi({ seed: false });
});
afterAll(() => api.close());

const html = { headers: { accept: 'text/html' } };

describe('GraphiQL served by papergraph', () => {
  it('names only same-origin assets, each served with its content type, and runs no inline script', async () => {
    const page = await api.fetch('/graphql', html);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const body = await page.text();
    expect(body).not.toMatch(/https?:\/\//);
    // Every <script> either loads a file or is the inert JSON block of options.
    const scripts = [...body.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBe(3);
    for (const [, attributes = '', content = ''] of scripts) {
      const loadsAFile = /src="/.test(attributes) && content.trim() === '';
      expect(loadsAFile || /type="application\/json"/.test(attributes), attributes).toBe(true);
    }
    const named = [...body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(named.length).toBe(4);
    const types: string[] = [];
    for (const path of named) {
      expect(path.startsWith(GRAPHIQL_ASSETS_PATH)).toBe(true);
      const asset = await api.fetch(path);
      expect(asset.status, path).toBe(200);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect((await asset.arrayBuffer()).byteLength, path).toBeGreaterThan(100);
      types.push(asset.headers.get('content-type') ?? '');
    }
    expect(types.sort()).toEqual([
      'image/x-icon',
      'text/css; charset=utf-8',
      'text/javascript; charset=utf-8',
      'text/javascript; charset=utf-8',
    ]);
    for (const worker of ['editor.worker.js', 'json.worker.js', 'graphql.worker.js']) {
      expect(
        (await api.fetch(GRAPHIQL_ASSETS_PATH + worker)).headers.get('content-type'),
        worker,
      ).toMatch(/javascript/);
    }
  });

  it('gives each page its own style nonce and refuses unknown assets', async () => {
    const nonceOf = async () =>
      /'nonce-([^']+)'/.exec(
        (await api.fetch('/graphql', html)).headers.get('content-security-policy') ?? '',
      )?.[1];
    const [first, second] = [await nonceOf(), await nonceOf()];
    expect(first).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(second).not.toBe(first);
    expect((await api.fetch(`${GRAPHIQL_ASSETS_PATH}../../package.json`)).status).toBe(404);
    expect((await api.fetch(`${GRAPHIQL_ASSETS_PATH}nope.js`)).status).toBe(404);
  });

  it('serves neither page nor assets with GRAPHIQL=false', async () => {
    const yoga = createPapergraphYoga({ store: api.store, adminToken: undefined, graphiql: false });
    const page = await yoga.fetch('http://papergraph.test/graphql', html);
    expect(page.headers.get('content-type') ?? '').not.toMatch(/html/);
    const asset = await yoga.fetch(`http://papergraph.test${GRAPHIQL_ASSETS_PATH}graphiql.js`);
    expect(asset.headers.get('content-type') ?? '').not.toMatch(/javascript/);
  });
});
