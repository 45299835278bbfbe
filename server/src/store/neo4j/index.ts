// Entry point of the Neo4j store: one driver per process, owned by the store (close() closes it).
import type { GraphStore } from '../store.ts';
import { openNeo4jDriver, type CypherDriver, type Neo4jConnectionOptions } from './driver.ts';
import { Neo4jStore, ensureSchema, type Neo4jStoreOptions } from './neo4jStore.ts';

export type { CypherDriver, Neo4jConnectionOptions } from './driver.ts';
export type { Neo4jStoreOptions } from './neo4jStore.ts';
export { StoreAuthError, StoreConflictError, StoreUnavailableError } from './errors.ts';
export { countingDriver, type CountingDriver, type RecordedCall } from './countingDriver.ts';
export { openNeo4jDriver } from './driver.ts';
export { ensureSchema } from './neo4jStore.ts';

/** Connects, makes sure constraints and indexes exist, and returns the store. */
export async function createNeo4jStore(
  options: Neo4jConnectionOptions,
  storeOptions: Neo4jStoreOptions = {},
): Promise<GraphStore> {
  return createNeo4jStoreWithDriver(openNeo4jDriver(options), storeOptions);
}

/** Same, over a driver you wrap (e.g. countingDriver for the benchmark); the store takes ownership. */
export async function createNeo4jStoreWithDriver(
  driver: CypherDriver,
  storeOptions: Neo4jStoreOptions = {},
): Promise<GraphStore> {
  try {
    await ensureSchema(driver, storeOptions.indexWaitSeconds);
  } catch (error) {
    await driver.close();
    throw error;
  }
  return new Neo4jStore(driver, storeOptions);
}
