// What `npm start` runs (main.ts loads it): serves the GraphQL API (and the web app when it is built),
// stops cleanly on SIGINT/SIGTERM.
import { createServer, type Server, type ServerResponse } from 'node:http';

import { printable } from './cli/explained.ts';
import { type Config, loadConfig } from './config.ts';
import { feedServiceFor } from './feeds/feedService.ts';
import { createPapergraphYoga } from './graphql/yoga.ts';
import { createEnrichment, notifyingImports } from './metadata/createEnrichment.ts';
import { createStore } from './store/createStore.ts';
import { createWebServer } from './webServer.ts';

/** Enrichment's first run starts this long after listening when no request came before. */
const ENRICHMENT_FALLBACK_MS = 2_000;

/** Resolves with the bound port (the configured one, or the system's pick for 0). */
function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : port);
    });
  });
}

/** Once `server` has answered its first request, or after `fallbackMs` without one. */
function afterFirstAnswer(server: Server, fallbackMs: number, then: () => void): void {
  let called = false;
  const once = () => {
    if (called) return;
    called = true;
    clearTimeout(fallback);
    then();
  };
  const fallback = setTimeout(once, fallbackMs);
  server.once('request', (_request, response: ServerResponse) => response.once('finish', once));
}

/**
 * The store as the server uses it: seeded first when SEED_ON_START asks, then telling enrichment of
 * every import. The seed goes in before enrichment listens: its first run, once the server answers,
 * covers the seed.
 */
async function openStore(config: Config) {
  const store = await createStore(config.store);
  // The seed's import pipeline loads only for an empty store: a restart does not read it.
  if (config.seedOnStart && (await store.stats()).episodes === 0) {
    const { seedIfEmpty } = await import('./seed.ts');
    const seeded = await seedIfEmpty(store);
    if (seeded)
      console.log(
        `Seeded an empty store: ${seeded.reduce((n, r) => n + r.added.length, 0)} episodes.`,
      );
  }
  const enrichment = createEnrichment(config.enrichment, store);
  return {
    store: enrichment ? notifyingImports(store, () => enrichment.schedule()) : store,
    enrichment,
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const { store, enrichment } = await openStore(config);
  const feeds = feedServiceFor(store, config.feeds);
  const servers: Server[] = [];

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    for (const server of servers) server.closeAllConnections();
    Promise.all(servers.map((server) => new Promise((closed) => server.close(closed))))
      .then(() => enrichment?.close())
      .then(() => feeds.stop())
      .then(() => store.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  const yoga = createPapergraphYoga({
    store,
    adminToken: config.adminToken,
    graphiql: config.graphiql,
    introspection: config.introspection,
    trustedDocumentsOnly: config.trustedDocumentsOnly,
    rateLimit: config.rateLimit,
    feeds,
    enrichment: enrichment ?? undefined,
  });
  // FEEDS subscribes at start; the poller fetches due feeds now and then every FEED_REFRESH_MINUTES.
  feeds.start(config.feeds.urls);
  const api = createServer(yoga);
  servers.push(api);
  const apiPort = await listen(api, config.api.port, config.api.host);
  const graphqlUrl = `http://${config.api.host}:${apiPort}/graphql`;
  // Before the API's line, which tells a watching process that the start-up lines are out.
  if (config.adminToken === undefined)
    console.log('ADMIN_TOKEN is not set: mutations (importFeed) are disabled.');
  console.log(`papergraph API (${store.kind} store): ${graphqlUrl}`);
  // In the background, after the server answers: never-enriched or stale papers (ENRICH=false: none).
  // Loading the service's modules waits for the first answer, so it does not delay that answer.
  if (enrichment) afterFirstAnswer(api, ENRICHMENT_FALLBACK_MS, () => enrichment.schedule());
  const web = await createWebServer({ graphqlUrl, port: apiPort });
  if (web) {
    servers.push(web);
    const webPort = await listen(web, config.web.port, config.web.host);
    console.log(`papergraph explorer: http://localhost:${webPort}`);
  } else {
    console.log('The web app is not built (npm run build -w web): serving the API only.');
  }
}

main().catch((error: unknown) => {
  console.error(printable(error));
  process.exit(1);
});
