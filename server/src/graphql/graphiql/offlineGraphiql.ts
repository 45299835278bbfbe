// GraphiQL served by papergraph itself: yoga's default page loads its bundle, CSS and Monaco workers
// from unpkg, so without internet it stays "Loading…". The assets come from @graphql-yoga/render-graphiql
// (loaded on first use: ~9 MB of strings) under one versioned path, behind a strict CSP: scripts and
// workers from this origin only, no inline script, no eval, styles by nonce.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

import { type Plugin, shouldRenderGraphiQL } from 'graphql-yoga';

import { EXAMPLES } from './examples.ts';

const RENDER_GRAPHIQL_VERSION: string = createRequire(import.meta.url)(
  '@graphql-yoga/render-graphiql/package.json',
).version;

/** Where the assets live: under the GraphQL endpoint, so the web app's `/graphql` proxy reaches them too. */
export const GRAPHIQL_ASSETS_PATH = `/graphql/assets/${RENDER_GRAPHIQL_VERSION}/`;

interface Asset {
  body: string | Uint8Array<ArrayBuffer>;
  type: string;
}

async function loadAssets(): Promise<Map<string, Asset>> {
  const bundle = await import('@graphql-yoga/render-graphiql/graphiql');
  const boot = await readFile(new URL('./boot.js', import.meta.url), 'utf8');
  const javascript = 'text/javascript; charset=utf-8';
  const favicon = Buffer.from(bundle.favicon.slice(bundle.favicon.indexOf(',') + 1), 'base64');
  return new Map<string, Asset>([
    ['boot.js', { body: boot, type: javascript }],
    ['graphiql.js', { body: bundle.js, type: javascript }],
    ['graphiql.css', { body: bundle.css, type: 'text/css; charset=utf-8' }],
    ['editor.worker.js', { body: bundle.editorWorkerService, type: javascript }],
    ['json.worker.js', { body: bundle.jsonWorker, type: javascript }],
    ['graphql.worker.js', { body: bundle.graphqlWorker, type: javascript }],
    ['favicon.ico', { body: new Uint8Array(favicon), type: 'image/x-icon' }],
  ]);
}

/** The page's policy: everything from this origin; GraphiQL's CSS inlines its fonts and icons as data: URLs. */
function graphiqlContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "worker-src 'self'",
    `style-src-elem 'self' 'nonce-${nonce}'`,
    // Monaco writes its view lines as HTML with style attributes (microsoft/monaco-editor#271).
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

const escapeForScriptBlock = (json: string) => json.replace(/</g, '\\u003c');

/** GraphiQL opens with one tab per example (until the visitor's own tabs are stored in the browser). */
const GRAPHIQL_OPTIONS = {
  title: 'papergraph GraphiQL',
  defaultQuery: EXAMPLES[0]?.query,
  defaultTabs: EXAMPLES.map((example) => ({ query: `# ${example.about}\n${example.query}\n` })),
  // Deprecated arguments (the node references NodeRef replaces) show in the docs pane as such.
  inputValueDeprecation: true,
};

/** Below this width the editor's panes do not fit side by side; the page says so instead of failing quietly. */
const NARROW_SCREEN = '700px';

function page(nonce: string, options: Record<string, unknown>): string {
  const asset = (name: string) => GRAPHIQL_ASSETS_PATH + name;
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>papergraph GraphiQL</title>
    <link rel="icon" href="${asset('favicon.ico')}" />
    <link rel="stylesheet" href="${asset('graphiql.css')}" />
    <style nonce="${nonce}">
      .narrow-screen-note { display: none; }
      @media (max-width: ${NARROW_SCREEN}) {
        .narrow-screen-note { display: block; margin: 0; padding: 8px 12px; font: 14px/1.4 system-ui, sans-serif; background: #fff4d6; color: #3d2e00; }
        .graphiql-container { height: calc(100vh - 5.5em); width: 100%; }
        /* The query above its answer, each the screen's width, instead of two slivers side by side. */
        #graphiql-session { flex-direction: column; }
        #graphiql-session > .graphiql-horizontal-drag-bar { display: none; }
        #graphiql-session > * { flex: 1 1 0 !important; min-height: 0; min-width: 0; }
        /* Every tab reachable by scrolling the tab row sideways, instead of squeezed out of sight. */
        .graphiql-session-header .graphiql-logo { display: none; }
        .graphiql-tabs { overflow-x: auto; }
        .graphiql-tab { flex-shrink: 0; }
      }
    </style>
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL needs JavaScript; the API answers POST requests at this URL without it.</noscript>
    <p class="narrow-screen-note" role="note">
      GraphiQL is made for a wider screen (${NARROW_SCREEN} or more): use a computer or a tablet in landscape. Here, the examples are in the tabs (swipe the row for more); run one with ▶ and its answer shows below it.
    </p>
    <div id="root"></div>
    <script type="application/json" id="graphiql-options">${escapeForScriptBlock(JSON.stringify(options))}</script>
    <script nonce="${nonce}" src="${asset('boot.js')}"></script>
    <script src="${asset('graphiql.js')}"></script>
  </body>
</html>
`;
}

/** Serves GraphiQL at `graphqlEndpoint` (GET accepting HTML) and its assets; yoga's own GraphiQL stays off. */
export function useOfflineGraphiql(graphqlEndpoint: string): Plugin {
  let assets: Promise<Map<string, Asset>> | undefined;
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      if (url.pathname.startsWith(GRAPHIQL_ASSETS_PATH)) {
        const asset = (await (assets ??= loadAssets())).get(
          url.pathname.slice(GRAPHIQL_ASSETS_PATH.length),
        );
        endResponse(
          asset
            ? new fetchAPI.Response(asset.body, {
                headers: {
                  'content-type': asset.type,
                  // The path holds the package version: a new version is a new URL.
                  'cache-control': 'public, max-age=31536000, immutable',
                  'x-content-type-options': 'nosniff',
                },
              })
            : new fetchAPI.Response('Not found', {
                status: 404,
                headers: { 'content-type': 'text/plain' },
              }),
        );
        return;
      }
      const atEndpoint = url.pathname === graphqlEndpoint || url.pathname === `${graphqlEndpoint}/`;
      if (!atEndpoint || !shouldRenderGraphiQL(request)) return;
      const nonce = randomBytes(16).toString('base64');
      endResponse(
        new fetchAPI.Response(page(nonce, GRAPHIQL_OPTIONS), {
          headers: {
            'content-type': 'text/html; charset=utf-8',
            'content-security-policy': graphiqlContentSecurityPolicy(nonce),
            'cache-control': 'no-store',
            'x-content-type-options': 'nosniff',
            'referrer-policy': 'no-referrer',
          },
        }),
      );
    },
  };
}
