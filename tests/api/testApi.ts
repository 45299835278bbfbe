// Builds the real API over a fresh embedded store in a temporary folder; tests talk to it with yoga.fetch.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe } from 'vitest';

import { createPapergraphYoga, type YogaOptions } from '../../server/src/graphql/yoga.ts';
import { seedIfEmpty } from '../../server/src/seed.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { storeFactories, type StoreFactory } from '../helpers/stores.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

export interface TestApi {
  store: GraphStore;
  dataDir: string;
  query<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  close(): Promise<void>;
}

export interface TestApiOptions extends Pick<
  YogaOptions,
  'compileAfter' | 'maxBodyBytes' | 'logger'
> {
  seed?: boolean;
  adminToken?: string | undefined;
  store?: GraphStore;
  /** Makes the store (a fresh, empty one per call); without it, an embedded store in `dataDir`. */
  storeFactory?: StoreFactory;
  dataDir?: string;
}

export async function createTestApi(options: TestApiOptions = {}): Promise<TestApi> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'papergraph-api-')));
  const store =
    options.store ??
    (await options.storeFactory?.create()) ??
    (await createEmbeddedStore({ dataDir }));
  if (options.seed ?? true) await seedIfEmpty(store);
  const yoga = createPapergraphYoga({
    store,
    adminToken: 'adminToken' in options ? options.adminToken : ADMIN_TOKEN,
    // Every document is compiled at once (the server waits for repeats), so these tests run on
    // graphql-jit; jit.test.ts checks that it answers like yoga's own executor.
    compileAfter: options.compileAfter ?? 1,
    maxBodyBytes: options.maxBodyBytes,
    logger: options.logger,
  });
  const fetchApi = (path: string, init?: RequestInit) =>
    Promise.resolve(yoga.fetch(new Request(`http://papergraph.test${path}`, init)));
  return {
    store,
    dataDir,
    fetch: fetchApi,
    async query(query, variables, headers) {
      const response = await fetchApi('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse<any>;
    },
    async close() {
      await store.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The same API tests once per store (embedded, Neo4j); a store that cannot run here skips with its reason. */
export function describeForEachStore(title: string, body: (factory: StoreFactory) => void): void {
  for (const factory of storeFactories()) {
    const name = `${title} (${factory.name}${factory.skipReason ? `, skipped: ${factory.skipReason}` : ''})`;
    describe.skipIf(factory.skipReason !== undefined)(name, () => {
      afterAll(() => factory.cleanup());
      body(factory);
    });
  }
}

/** Wraps a store and counts calls per method, to prove fields are batched rather than per row. */
export function countingStore(store: GraphStore): {
  store: GraphStore;
  calls: Map<string, number>;
} {
  const calls = new Map<string, number>();
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.set(String(property), (calls.get(String(property)) ?? 0) + 1);
        return value.apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}
