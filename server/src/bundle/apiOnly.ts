// The API alone (config, store, yoga, node:http): what `npm start` serves minus the web app, the feed
// poller and enrichment. The bench's restart and memory rows time this process. Stops on SIGTERM.
import { createServer } from 'node:http';

import { loadConfig } from '../config.ts';
import { createPapergraphYoga } from '../graphql/yoga.ts';
import { createStore } from '../store/createStore.ts';

const config = loadConfig();
const store = await createStore(config.store);
const yoga = createPapergraphYoga({ store, adminToken: config.adminToken, graphiql: false });
const server = createServer(yoga);
server.listen(config.api.port, config.api.host);
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => void store.close().then(() => process.exit(0)));
});
