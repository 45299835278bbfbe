// The narrow port between the store and neo4j-driver. Statements are named, never passed as text, so
// only registry entries (cypher.ts) can reach the database; the counting wrapper and test fakes
// implement the same port.
import neo4j, { type Driver } from 'neo4j-driver';

import { CYPHER, CYPHER_PARAMETERS, type CypherParams, type StatementName } from './cypher.ts';

export type Routing = 'READ' | 'WRITE';

/** One result record as a plain object (`record.toObject()`). */
export type Row = Record<string, unknown>;

export interface CypherTransaction {
  run<K extends StatementName>(statement: K, params: CypherParams[K]): Promise<Row[]>;
}

export interface ServerInfoView {
  address: string | undefined;
  agent: string | undefined;
  protocolVersion: string | undefined;
}

export interface CypherDriver {
  /** One auto-commit query; READ routes to readers on a cluster. */
  executeQuery<K extends StatementName>(
    statement: K,
    params: CypherParams[K],
    routing: Routing,
  ): Promise<Row[]>;
  /** A managed write transaction: committed when `work` resolves, rolled back when it throws, retried on transient errors. */
  executeWrite<T>(work: (tx: CypherTransaction) => Promise<T>): Promise<T>;
  serverInfo(): Promise<ServerInfoView>;
  close(): Promise<void>;
}

export interface Neo4jConnectionOptions {
  /** neo4j://, neo4j+s://, bolt:// or bolt+s:// */
  uri: string;
  user: string;
  password: string;
  /** Omitted: the user's home database. */
  database?: string | undefined;
}

/** A statement given parameters other than the ones it declares is a bug: fail before sending it. */
export function assertStatementParams(statement: StatementName, params: object): void {
  const expected: readonly string[] = CYPHER_PARAMETERS[statement];
  const given = Object.keys(params);
  const missing = expected.filter((name) => !given.includes(name));
  const unexpected = given.filter((name) => !expected.includes(name));
  if (missing.length > 0 || unexpected.length > 0) {
    throw new TypeError(
      `Cypher statement ${statement}: missing parameters [${missing.join(', ')}], unexpected [${unexpected.join(', ')}]`,
    );
  }
}

/**
 * JavaScript numbers travel as Cypher FLOAT, but SKIP/LIMIT, list slices and stored counts need
 * INTEGER. Every parameter number we send is a whole number, so whole numbers go as Integer.
 */
export function toCypherValue(value: unknown): unknown {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return value;
    if (!Number.isSafeInteger(value))
      throw new RangeError(`parameter number ${value} is outside the safe integer range`);
    return neo4j.int(value);
  }
  if (Array.isArray(value)) return value.map(toCypherValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, toCypherValue(inner)]),
    );
  }
  return value;
}

function cypherParams(statement: StatementName, params: object): Record<string, unknown> {
  assertStatementParams(statement, params);
  return toCypherValue(params) as Record<string, unknown>;
}

/** Opens the one driver the store owns. Integers come back as JS numbers (our counts are small). */
export function openNeo4jDriver(options: Neo4jConnectionOptions): CypherDriver {
  const driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
    disableLosslessIntegers: true,
    userAgent: 'papergraph',
    // Fail a request within seconds when Neo4j is down instead of hanging the API; the pool keeps
    // trying on later requests, so a restarted Neo4j is picked up without restarting papergraph.
    connectionTimeout: 5_000,
    connectionAcquisitionTimeout: 10_000,
    maxTransactionRetryTime: 15_000,
  });
  return wrapNeo4jDriver(driver, options.database);
}

/**
 * Causal consistency across a cluster: every query and every write transaction shares the driver's one
 * bookmark manager, so a read sent after a write waits for the member it reaches to have that write.
 * READ queries run in read transactions, which a routing driver sends to followers.
 */
export function wrapNeo4jDriver(driver: Driver, database: string | undefined): CypherDriver {
  const target = database === undefined ? {} : { database };
  const bookmarkManager = driver.executeQueryBookmarkManager;
  return {
    async executeQuery(statement, params, routing) {
      const result = await driver.executeQuery(CYPHER[statement], cypherParams(statement, params), {
        ...target,
        routing: routing === 'READ' ? neo4j.routing.READ : neo4j.routing.WRITE,
        bookmarkManager,
      });
      return result.records.map((record) => record.toObject() as Row);
    },

    async executeWrite(work) {
      const session = driver.session({
        ...target,
        defaultAccessMode: neo4j.session.WRITE,
        bookmarkManager,
      });
      try {
        return await session.executeWrite((tx) =>
          work({
            async run(statement, params) {
              const result = await tx.run(CYPHER[statement], cypherParams(statement, params));
              return result.records.map((record) => record.toObject() as Row);
            },
          }),
        );
      } finally {
        await session.close();
      }
    },

    async serverInfo() {
      const info = await driver.getServerInfo(target);
      return {
        address: info.address,
        agent: info.agent,
        protocolVersion:
          info.protocolVersion === undefined ? undefined : String(info.protocolVersion),
      };
    },

    close: () => driver.close(),
  };
}
