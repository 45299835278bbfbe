// Neo4j may be down when papergraph starts. Rather than exit, the store starts degraded and sets up
// its constraints and indexes before the first statement that reaches a live database.
import type { CypherParams, StatementName } from './cypher.ts';
import type { CypherDriver, Routing } from './driver.ts';

export function withSchemaOnFirstUse(
  inner: CypherDriver,
  ensureSchema: (driver: CypherDriver) => Promise<void>,
): CypherDriver {
  let ready: Promise<void> | null = null;
  const schemaReady = (): Promise<void> => {
    ready ??= ensureSchema(inner).catch((error: unknown) => {
      ready = null; // try again on the next request
      throw error;
    });
    return ready;
  };
  return {
    async executeQuery<K extends StatementName>(
      statement: K,
      params: CypherParams[K],
      routing: Routing,
    ) {
      await schemaReady();
      return inner.executeQuery(statement, params, routing);
    },
    async executeWrite(work) {
      await schemaReady();
      return inner.executeWrite(work);
    },
    serverInfo: () => inner.serverInfo(),
    close: () => inner.close(),
  };
}
