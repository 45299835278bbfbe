// Runs the store contract suite against a real Neo4j when one is configured:
//   NEO4J_URI=neo4j://localhost:7687 NEO4J_PASSWORD=… NEO4J_TEST_DISPOSABLE=true npm test
// Neo4j Community has a single user database, so a "fresh, empty store" means wiping the graph's
// nodes (Episode, Paper, Alias) before each store is created and after the test. That only happens
// when NEO4J_TEST_DISPOSABLE says the database may be wiped; otherwise the factory is skipped.
// Every create() wipes, so a second store opened within a test starts empty too — and the first store,
// which shares the one database, sees the same (wiped, then re-imported) graph from then on. The
// suite's two-store tests compare the stores' exports, which holds either way.
import neo4j from 'neo4j-driver';
import { createNeo4jStore } from '../../server/src/store/neo4j/index.ts';
import type { Neo4jConnectionOptions } from '../../server/src/store/neo4j/driver.ts';
import type { StoreFactory } from './stores.ts';

/** Test-only: deletes every node of the papergraph model (linted with the store's statements). */
export const WIPE_PAPERGRAPH_GRAPH = `MATCH (n)
WHERE n:Episode OR n:Paper OR n:Alias
DETACH DELETE n`;

export type Neo4jTestSettings =
  | { connection: Neo4jConnectionOptions; skipReason?: undefined }
  | { connection?: undefined; skipReason: string };

export function neo4jTestSettings(env: NodeJS.ProcessEnv = process.env): Neo4jTestSettings {
  const uri = env.NEO4J_URI?.trim();
  if (!uri) return { skipReason: 'NEO4J_URI not set' };
  const password = env.NEO4J_PASSWORD;
  if (!password) return { skipReason: 'NEO4J_PASSWORD not set' };
  if (!['true', '1'].includes(env.NEO4J_TEST_DISPOSABLE ?? '')) {
    return { skipReason: 'NEO4J_TEST_DISPOSABLE not set: the suite deletes every Episode, Paper and Alias node' };
  }
  const database = env.NEO4J_DATABASE?.trim() || undefined;
  return { connection: { uri, user: env.NEO4J_USER?.trim() || 'neo4j', password, database } };
}

async function wipe(connection: Neo4jConnectionOptions): Promise<void> {
  const driver = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password));
  try {
    await driver.executeQuery(WIPE_PAPERGRAPH_GRAPH, {}, {
      routing: neo4j.routing.WRITE,
      ...(connection.database === undefined ? {} : { database: connection.database }),
    });
  } finally {
    await driver.close();
  }
}

export function neo4jStoreFactory(env: NodeJS.ProcessEnv = process.env): StoreFactory {
  const settings = neo4jTestSettings(env);
  if (settings.skipReason !== undefined) {
    return {
      name: 'neo4j',
      skipReason: settings.skipReason,
      create: () => Promise.reject(new Error(`neo4j store factory is skipped: ${settings.skipReason}`)),
      cleanup: async () => {},
    };
  }
  const { connection } = settings;
  return {
    name: 'neo4j',
    async create() {
      await wipe(connection);
      return createNeo4jStore(connection, { indexWaitSeconds: 120 });
    },
    async cleanup() {
      await wipe(connection);
    },
  };
}
