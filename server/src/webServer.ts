// Serves the built SvelteKit app (adapter-node's handler) in this process, so `npm start` gives a
// person one URL; the app reaches the API over loopback and proxies the browser's /graphql to it.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath, pathToFileURL } from 'node:url';

type NodeHandler = (
  request: import('node:http').IncomingMessage,
  response: import('node:http').ServerResponse,
  next: () => void,
) => void;

const WEB_HANDLER = fileURLToPath(new URL('../../web/build/handler.js', import.meta.url));

/** Null when the web app has not been built (`npm run build -w web`). */
export async function createWebServer(api: {
  graphqlUrl: string;
  port: number;
}): Promise<Server | null> {
  if (!existsSync(WEB_HANDLER)) return null;
  // The app reads its API address from the environment when its handler loads: point it at this
  // process's API, whatever port the system picked.
  process.env.API_URL = api.graphqlUrl;
  process.env.API_PORT = String(api.port);
  // Without ORIGIN, adapter-node takes the protocol from this header or assumes https, and then refuses
  // the app's own form posts as cross-site; this server speaks http unless a proxy in front says otherwise.
  process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';
  const { handler } = (await import(pathToFileURL(WEB_HANDLER).href)) as { handler: NodeHandler };
  return createServer((request, response) => {
    request.headers['x-forwarded-proto'] ??= 'http';
    handler(request, response, () => {
      response.statusCode = 404;
      response.end('Not found');
    });
  });
}
