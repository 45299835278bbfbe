// The API server as `npm start` runs it (config, store, yoga, node:http) minus the web app, so the
// restart and memory rows measure the API process alone. Stops on SIGTERM.
import { createServer } from 'node:http';
import { loadConfig } from '../../server/src/config.ts';
import { createPapergraphYoga } from '../../server/src/graphql/yoga.ts';
import { createStore } from '../../server/src/store/createStore.ts';

const config = loadConfig();
const store = await createStore(config.store);
const yoga = createPapergraphYoga({ store, adminToken: config.adminToken, graphiql: false });
const server = createServer(yoga);
server.listen(config.api.port, config.api.host);
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => void store.close().then(() => process.exit(0)));
});
