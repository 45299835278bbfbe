// A request handler (the real yoga) served by node:http on an ephemeral loopback port, for tests that
// need real HTTP: status codes, streamed bodies, connection handling.
import { createServer, type RequestListener } from 'node:http';

export interface LoopbackServer {
  /** The GraphQL endpoint: http://127.0.0.1:<port>/graphql. */
  url: string;
  /** http://127.0.0.1:<port>, for servers that are not GraphQL (feeds, audio). */
  origin: string;
  /** Drops open connections and stops listening. */
  close(): Promise<void>;
}

export async function serveOnLoopback(handler: RequestListener): Promise<LoopbackServer> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address !== 'object')
    throw new Error('the loopback server has no port');
  return {
    url: `http://127.0.0.1:${address.port}/graphql`,
    origin: `http://127.0.0.1:${address.port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * Sends this process's fetches of URLs under `prefix` (a feed's media host) to `origin` instead, the
 * rest unchanged; returns what puts the real fetch back.
 */
export function fetchPrefixFrom(prefix: string, origin: string): () => void {
  const realFetch = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const href = input instanceof URL ? input.href : typeof input === 'string' ? input : input.url;
    return realFetch(href.startsWith(prefix) ? origin + href.slice(prefix.length) : input, init);
  };
  return () => {
    globalThis.fetch = realFetch;
  };
}
