// Live Neo4j test tools for import runs that fail part way: a driver that fails one statement, and a
// plain read of what the database holds, outside the store under test.
import neo4j from 'neo4j-driver';

import type { StatementName } from '../../server/src/store/neo4j/cypher.ts';
import type { CypherDriver, Neo4jConnectionOptions } from '../../server/src/store/neo4j/driver.ts';

/** A driver whose `times`-th run of `statement` inside a transaction fails. */
export function failingAt(
  inner: CypherDriver,
  statement: StatementName,
  times: number,
): CypherDriver {
  let seen = 0;
  return {
    ...inner,
    executeQuery: (name, params, routing) => inner.executeQuery(name, params, routing),
    executeWrite: (work) =>
      inner.executeWrite((tx) =>
        work({
          run(name, params) {
            if (name === statement && ++seen === times)
              return Promise.reject(new Error(`injected failure in ${statement}`));
            return tx.run(name, params);
          },
        }),
      ),
    serverInfo: () => inner.serverInfo(),
    close: () => inner.close(),
  };
}

/** The rows of a raw read query, counts and positions as plain numbers (as the stores read them). */
export async function readRaw(
  connection: Neo4jConnectionOptions,
  query: string,
): Promise<Record<string, unknown>[]> {
  const raw = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password));
  try {
    const { records } = await raw.executeQuery(query, {}, { routing: neo4j.routing.READ });
    return records.map((record) =>
      Object.fromEntries(
        Object.entries(record.toObject()).map(([key, value]) => [
          key,
          neo4j.isInt(value) ? neo4j.integer.toNumber(value) : value,
        ]),
      ),
    );
  } finally {
    await raw.close();
  }
}
