// The API server as `npm start` runs it, from the same bundle (server/src/bundle/apiOnly.ts: config,
// store, yoga, node:http, without the web app), so the restart and memory rows measure the API alone.
import { runServer } from '../../server/src/bundle/serverBundle.ts';

await runServer('api');
