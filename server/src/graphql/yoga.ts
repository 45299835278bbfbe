// The yoga instance: schema, context, the HTTP-level guards (body size, CSRF, request ids, error
// masking, rate limits), trusted documents, query limits, graphql-jit for repeated queries and the
// /health endpoint. Listening happens
// in main.ts, so tests call `yoga.fetch(...)` without a port.
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { createYoga, type Plugin, type YogaLogger } from 'graphql-yoga';

import { useAtomFeeds } from '../atom/atomPlugin.ts';
import type { RateLimitConfig } from '../config.ts';
import type { FeedService } from '../feeds/feedService.ts';
import { feedsHealth } from '../feeds/health.ts';
import type { EnrichmentStatusSource } from '../metadata/enrichment.ts';
import type { GraphStore } from '../store/store.ts';
import { carriesAdminToken } from './adminToken.ts';
import type { Context } from './context.ts';
import { useOfflineGraphiql } from './graphiql/offlineGraphiql.ts';
import { QUERY_LIMITS } from './limits.ts';
import { Loaders } from './loaders.ts';
import { useArgumentValueErrors } from './plugins/argumentValueErrors.ts';
import { DEFAULT_MAX_BODY_BYTES, useBodyLimit } from './plugins/bodyLimit.ts';
import { useConnectionHint } from './plugins/connectionHint.ts';
import { useJit } from './plugins/jit.ts';
import { maskError, UNEXPECTED_ERROR_MESSAGE } from './plugins/maskErrors.ts';
import { readPersistedDocuments, usePersistedDocuments } from './plugins/persistedOperations.ts';
import { useQueryLimits } from './plugins/queryLimits.ts';
import { useRateLimit } from './plugins/rateLimit.ts';
import {
  currentRequestId,
  requestIdFor,
  requestLogger,
  useRequestId,
} from './plugins/requestId.ts';
import { schema } from './schema/index.ts';

/** Header a non-browser client may send instead of a JSON content type (see useCSRFPrevention). */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

export interface YogaOptions {
  store: GraphStore;
  adminToken: string | undefined;
  graphiql?: boolean;
  introspection?: boolean;
  /** Largest accepted request body; larger ones get 413 before parsing. */
  maxBodyBytes?: number;
  /** Where log lines go (default: stderr). Every line names the request it belongs to. */
  logger?: YogaLogger;
  /** Executions of one document before graphql-jit compiles it (see plugins/jit.ts). */
  compileAfter?: number;
  /** Feed subscriptions and their poller (main.ts); mutations on feeds need it. */
  feeds?: FeedService | undefined;
  /** The metadata enrichment service, reported by /health and `enrichment`; absent with ENRICH=false. */
  enrichment?: EnrichmentStatusSource | undefined;
  /** The web app's documents by id (default: persisted-documents.json). */
  persistedDocuments?: ReadonlyMap<string, string>;
  /** Refuse documents that are not among `persistedDocuments` (TRUSTED_DOCUMENTS_ONLY). */
  trustedDocumentsOnly?: boolean;
  /** Per-client budgets; none without it. */
  rateLimit?: RateLimitConfig | undefined;
}

const GRAPHQL_ENDPOINT = '/graphql';

/** Compiling costs tens of executions: only documents that come back are worth it. */
const COMPILE_AFTER = 10;

function useStoreHealth(store: GraphStore, enrichment: EnrichmentStatusSource | undefined): Plugin {
  return {
    async onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== '/health') return;
      const health = await store.health().catch((error: unknown) => ({
        store: store.kind,
        reachable: false,
        detail: error instanceof Error ? error.message : String(error),
      }));
      // Enrichment is reported, never a reason for 503: papergraph works without it.
      const enrichmentStatus = enrichment
        ? { enrichment: await enrichment.status().catch(() => null) }
        : {};
      endResponse(
        new fetchAPI.Response(
          JSON.stringify({ ...health, ...enrichmentStatus, ...(await feedsHealth(store)) }),
          {
            status: health.reachable ? 200 : 503,
            headers: { 'content-type': 'application/json' },
          },
        ),
      );
    },
  };
}

export function createPapergraphYoga(options: YogaOptions) {
  const { store, adminToken } = options;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    // Yoga's GraphiQL loads from a CDN; useOfflineGraphiql serves it from here.
    graphiql: false,
    landingPage: false,
    // Yoga's own liveness probe moves aside: /health reports the store too.
    healthCheckEndpoint: '/livez',
    logging: options.logger ?? requestLogger(),
    maskedErrors: { maskError, errorMessage: UNEXPECTED_ERROR_MESSAGE },
    // useBodyLimit guards every body, of declared length or not.
    maxRequestBodySize: false,
    plugins: [
      useBodyLimit(maxBodyBytes),
      useRequestId(),
      useStoreHealth(store, options.enrichment),
      ...(options.graphiql === false ? [] : [useOfflineGraphiql(GRAPHQL_ENDPOINT)]),
      useAtomFeeds(store),
      // A browser can send a "simple" cross-site request (form post, text/plain, plain GET) without a
      // CORS preflight; GraphQL requests must carry a JSON/GraphQL content type or the CSRF header.
      useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }),
      ...(options.introspection === false ? [useDisableIntrospection()] : []),
      usePersistedDocuments({
        manifest: options.persistedDocuments ?? readPersistedDocuments(),
        trustedOnly: options.trustedDocumentsOnly ?? false,
      }),
      useConnectionHint(schema),
      useArgumentValueErrors(schema),
      useQueryLimits(schema, QUERY_LIMITS),
      // After the limits: a query's cost is their estimate.
      ...(options.rateLimit ? [useRateLimit(options.rateLimit, GRAPHQL_ENDPOINT)] : []),
      useJit(options.compileAfter ?? COMPILE_AFTER),
    ],
    context: ({ request }) => ({
      store,
      loaders: new Loaders(store),
      isAdmin: carriesAdminToken(request.headers.get('authorization'), adminToken),
      mutationsEnabled: adminToken !== undefined,
      requestId: currentRequestId() ?? requestIdFor(request.headers),
      feeds: options.feeds,
      enrichment: options.enrichment,
    }),
  });
}
