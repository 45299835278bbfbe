// The yoga instance: schema, context, error masking and the /health endpoint. Listening happens in main.ts,
// so tests call `yoga.fetch(...)` without a port.
import { randomUUID } from 'node:crypto';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { createYoga, type Plugin } from 'graphql-yoga';
import type { GraphStore } from '../store/store.ts';
import { carriesAdminToken } from './adminToken.ts';
import type { Context } from './context.ts';
import { schema } from './schema/index.ts';

export interface YogaOptions {
  store: GraphStore;
  adminToken: string | undefined;
  graphiql?: boolean;
  introspection?: boolean;
}

function useStoreHealth(store: GraphStore): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/health') return;
      const health = await store.health().catch((error: unknown) => ({
        store: store.kind,
        reachable: false,
        detail: error instanceof Error ? error.message : String(error),
      }));
      endResponse(
        new fetchAPI.Response(JSON.stringify(health), {
          status: health.reachable ? 200 : 503,
          headers: { 'content-type': 'application/json' },
        }),
      );
    },
  };
}

export function createPapergraphYoga(options: YogaOptions) {
  const { store, adminToken } = options;
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: options.graphiql ?? true,
    landingPage: false,
    // Yoga's own liveness probe moves aside: /health reports the store too.
    healthCheckEndpoint: '/livez',
    maskedErrors: true,
    plugins: [useStoreHealth(store), ...(options.introspection === false ? [useDisableIntrospection()] : [])],
    context: ({ request }) => ({
      store,
      isAdmin: carriesAdminToken(request.headers.get('authorization'), adminToken),
      mutationsEnabled: adminToken !== undefined,
      requestId: request.headers.get('x-request-id') ?? randomUUID(),
    }),
  });
}

export type PapergraphYoga = ReturnType<typeof createPapergraphYoga>;
