// The Neo4j side of the store factories: each vitest worker has its own Neo4j (tests/setup/neo4jGlobal.ts), so
// a "fresh, empty store" means wiping that server's papergraph nodes before each store is created and after
// the test. Every create() wipes, so a second store opened within a test starts empty too — and the first
// store, which shares the one database, sees the same (wiped, then re-imported) graph from then on. The
// suite's two-store tests compare the stores' exports, which holds either way.
import neo4j from 'neo4j-driver';
import { inject } from 'vitest';

import type { Neo4jConnectionOptions } from '../../server/src/store/neo4j/driver.ts';
import { createNeo4jStore } from '../../server/src/store/neo4j/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { connectionForWorker, resolveNeo4jContext } from './neo4jContext.ts';
import type { StoreFactory } from './stores.ts';

/** Test-only: deletes every node of the papergraph model (linted with the store's statements). */
export const WIPE_PAPERGRAPH_GRAPH = `MATCH (n)
WHERE n:Episode OR n:Paper OR n:Alias OR n:PaperMetadata OR n:Feed OR n:GraphChange OR n:Cluster OR n:RelationsKept
   OR n:ImportRun OR n:ImportJournal OR n:Show OR n:DataMigration OR n:TranscriptPassage OR n:Person
DETACH DELETE n`;

export type Neo4jTestSettings =
  | { connection: Neo4jConnectionOptions; skipReason?: undefined }
  | { connection?: undefined; skipReason: string };

// Importing this module is what starts this worker's Neo4j (once per worker), so unit files start none.
const workerContext = await resolveNeo4jContext(inject('neo4j'), process.env['VITEST_POOL_ID']);

/** This worker's Neo4j, or why the Neo4j tests skip here. */
export function neo4jTestSettings(): Neo4jTestSettings {
  const context = workerContext;
  const connection = connectionForWorker(context, process.env['VITEST_POOL_ID']);
  if (connection === undefined)
    return { skipReason: context.skipReason ?? 'no Neo4j for this worker' };
  return { connection };
}

/** Deletes the papergraph nodes of this worker's Neo4j. */
export async function wipeNeo4j(connection: Neo4jConnectionOptions): Promise<void> {
  const driver = neo4j.driver(
    connection.uri,
    neo4j.auth.basic(connection.user, connection.password),
  );
  try {
    await driver.executeQuery(
      WIPE_PAPERGRAPH_GRAPH,
      {},
      {
        routing: neo4j.routing.WRITE,
        ...(connection.database === undefined ? {} : { database: connection.database }),
      },
    );
  } finally {
    await driver.close();
  }
}

// A suite whose setup timed out may still be importing: its store's close (which drains the import)
// must end before the next suite's wipe, or that import lands in the next suite's empty database.
// Kept settled-or-not for the whole file: a cleanup that timed out waiting leaves them to the next create.
const closingStores = new Set<Promise<unknown>>();

async function closedEarlierStores(): Promise<void> {
  await Promise.all(closingStores);
}

/** A store whose close, once started, is the one promise every later close waits on. */
function closingOnce(store: GraphStore): GraphStore {
  const close = store.close.bind(store);
  let closing: Promise<void> | undefined;
  store.close = () => (closing ??= close());
  return store;
}

export function neo4jStoreFactory(): StoreFactory {
  const settings = neo4jTestSettings();
  if (settings.skipReason !== undefined) {
    return {
      name: 'neo4j',
      skipReason: settings.skipReason,
      create: () =>
        Promise.reject(new Error(`neo4j store factory is skipped: ${settings.skipReason}`)),
      cleanup: async () => {},
    };
  }
  const { connection } = settings;
  const created: GraphStore[] = [];
  return {
    name: 'neo4j',
    async create() {
      await closedEarlierStores();
      await wipeNeo4j(connection);
      const store = closingOnce(await createNeo4jStore(connection, { indexWaitSeconds: 120 }));
      created.push(store);
      return store;
    },
    async cleanup() {
      const closing = created.splice(0).map((store) => store.close());
      // The next create only waits for them to settle; a close that fails is this cleanup's failure.
      for (const close of closing) closingStores.add(close.catch(() => undefined));
      await Promise.all(closing);
      await closedEarlierStores();
      await wipeNeo4j(connection);
    },
  };
}
