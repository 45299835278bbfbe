// Entry point of the Neo4j store: one driver per process, owned by the store (close() closes it).
import { StoreUnavailableError } from '../errors.ts';
import type { GraphStore } from '../store.ts';
import { withCircuitBreaker } from './circuitBreaker.ts';
import { type CypherDriver, type Neo4jConnectionOptions, openNeo4jDriver } from './driver.ts';
import { undoAbandonedRuns } from './importRun.ts';
import { withSchemaOnFirstUse } from './lazySchema.ts';
import {
  ensureSchema,
  fillNewestKeys,
  migrateShows,
  Neo4jStore,
  type Neo4jStoreOptions,
} from './neo4jStore.ts';
import { migrateRelations } from './relations.ts';

export { type CountingDriver, countingDriver, type RecordedCall } from './countingDriver.ts';
export type { CypherDriver, Neo4jConnectionOptions } from './driver.ts';
export { openNeo4jDriver } from './driver.ts';
export type { Neo4jStoreOptions } from './neo4jStore.ts';
export { ensureSchema } from './neo4jStore.ts';

/**
 * Connects and makes sure constraints and indexes exist. When Neo4j cannot be reached the store still
 * starts: /health reports it, requests fail fast with StoreUnavailableError, and the schema is set up
 * once Neo4j answers. Wrong credentials stay fatal: retrying cannot fix them.
 */
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
  const guarded = withCircuitBreaker(driver);
  // Relations, newest-first keys and shows of a graph written before them are set once, and an import
  // run whose process died is undone, where the schema is set up.
  const ensure = async (target: CypherDriver) => {
    await ensureSchema(target, storeOptions.indexWaitSeconds);
    await fillNewestKeys(target);
    await migrateShows(target);
    await undoAbandonedRuns(
      (work) => target.executeWrite(work),
      (before) => target.executeQuery('importRunsAbandoned', { before }, 'READ'),
    );
    await migrateRelations(target);
  };
  try {
    await guarded.serverInfo();
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) {
      await driver.close();
      throw error;
    }
    guarded.markDown(error);
    return new Neo4jStore(withSchemaOnFirstUse(guarded, ensure), storeOptions);
  }
  try {
    await ensure(guarded);
  } catch (error) {
    await driver.close();
    throw error;
  }
  return new Neo4jStore(guarded, storeOptions);
}
