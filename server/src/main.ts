// npm start: serves the GraphQL API (and the web app when it is built), stops cleanly on SIGINT/SIGTERM.
import { createServer, type Server } from 'node:http';
import { ConfigError, loadConfig } from './config.ts';
import { feedServiceFor } from './feeds/feedService.ts';
import { createPapergraphYoga } from './graphql/yoga.ts';
import { createEnrichment, notifyingImports } from './metadata/createEnrichment.ts';
import { seedIfEmpty } from './seed.ts';
import { StoreAuthError, StoreUnavailableError } from './store/neo4j/errors.ts';
import { createStore } from './store/createStore.ts';
import { DataDirInUseError } from './store/embedded/dataDirLock.ts';
import { createWebServer } from './webServer.ts';

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

async function main(): Promise<void> {
  const config = loadConfig();
  const storeItself = await createStore(config.store);
  const enrichment = createEnrichment(config.enrichment, storeItself);
  const store = enrichment
    ? notifyingImports(storeItself, () => enrichment.schedule())
    : storeItself;
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

  if (config.seedOnStart) {
    // Unwrapped: the run started once the server listens covers the seed.
    const seeded = await seedIfEmpty(storeItself);
    if (seeded)
      console.log(
        `Seeded an empty store: ${seeded.reduce((n, r) => n + r.added.length, 0)} episodes.`,
      );
  }
  const yoga = createPapergraphYoga({
    store,
    adminToken: config.adminToken,
    graphiql: config.graphiql,
    introspection: config.introspection,
    feeds,
    enrichment: enrichment ?? undefined,
  });
  // FEEDS subscribes at start; the poller fetches due feeds now and then every FEED_REFRESH_MINUTES.
  feeds.start(config.feeds.urls);
  const api = createServer(yoga);
  servers.push(api);
  const apiPort = await listen(api, config.api.port, config.api.host);
  const graphqlUrl = `http://${config.api.host}:${apiPort}/graphql`;
  console.log(`papergraph API (${store.kind} store): ${graphqlUrl}`);
  // In the background, after the server answers: never-enriched or stale papers (ENRICH=false: none).
  enrichment?.schedule();
  if (config.adminToken === undefined)
    console.log('ADMIN_TOKEN is not set: mutations (importFeed) are disabled.');
  const web = await createWebServer({ graphqlUrl, port: apiPort });
  if (web) {
    servers.push(web);
    const webPort = await listen(web, config.web.port, config.web.host);
    console.log(`papergraph explorer: http://localhost:${webPort}`);
  } else {
    console.log('The web app is not built (npm run build -w web): serving the API only.');
  }
}

/** Failures a person can act on print as one message; anything else keeps its stack for a bug report. */
const EXPLAINED = [ConfigError, DataDirInUseError, StoreAuthError, StoreUnavailableError];

main().catch((error: unknown) => {
  console.error(EXPLAINED.some((kind) => error instanceof kind) ? (error as Error).message : error);
  process.exit(1);
});
