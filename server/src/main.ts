// npm start: serves the GraphQL API (and the web app when it is built), stops cleanly on SIGINT/SIGTERM.
import { createServer, type Server } from 'node:http';
import { ConfigError, loadConfig } from './config.ts';
import { createPapergraphYoga } from './graphql/yoga.ts';
import { seedIfEmpty } from './seed.ts';
import { StoreAuthError, StoreUnavailableError } from './store/neo4j/errors.ts';
import { createStore } from './store/createStore.ts';
import { createWebServer } from './webServer.ts';

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  const store = await createStore(config.store);
  if (config.seedOnStart) {
    const seeded = await seedIfEmpty(store);
    if (seeded) console.log(`Seeded an empty store: ${seeded.reduce((n, r) => n + r.added.length, 0)} episodes.`);
  }
  const yoga = createPapergraphYoga({
    store,
    adminToken: config.adminToken,
    graphiql: config.graphiql,
    introspection: config.introspection,
  });
  const api = createServer(yoga);
  await listen(api, config.api.port, config.api.host);
  console.log(`papergraph API (${store.kind} store): ${config.api.graphqlUrl}`);
  if (config.adminToken === undefined) console.log('ADMIN_TOKEN is not set: mutations (importFeed) are disabled.');
  const web = await createWebServer(config.api.graphqlUrl);
  if (web) {
    await listen(web, config.web.port, config.web.host);
    console.log(`papergraph explorer: ${config.web.url}`);
  } else {
    console.log('The web app is not built (npm run build -w web): serving the API only.');
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    web?.closeAllConnections();
    web?.close();
    api.closeAllConnections();
    api.close(() => {
      store.close().then(
        () => process.exit(0),
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** Failures a person can act on print as one message; anything else keeps its stack for a bug report. */
const EXPLAINED = [ConfigError, StoreAuthError, StoreUnavailableError];

main().catch((error: unknown) => {
  console.error(EXPLAINED.some((kind) => error instanceof kind) ? (error as Error).message : error);
  process.exit(1);
});
