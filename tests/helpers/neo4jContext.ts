// What the global setup hands the test files about Neo4j: a broker that starts this worker's server on
// demand, a person's own server, or why there is none.
import type { Neo4jConnectionOptions } from '../../server/src/store/neo4j/driver.ts';

export type Neo4jTestContext =
  | { connections: Neo4jConnectionOptions[]; skipReason?: undefined; brokerUrl?: undefined }
  | { connections?: undefined; skipReason: string; brokerUrl?: undefined }
  | { connections?: undefined; skipReason?: undefined; brokerUrl: string };

export const NEO4J_BROKER_PATH = '/neo4j';

/** The worker's connection: asked of the broker (which starts its server the first time), else as given. */
export async function resolveNeo4jContext(
  context: Neo4jTestContext,
  poolId: string | undefined,
): Promise<Neo4jTestContext> {
  if (context.brokerUrl === undefined) return context;
  const response = await fetch(`${context.brokerUrl}?pool=${encodeURIComponent(poolId ?? '1')}`);
  const body = await response.text();
  if (!response.ok) throw new Error(body);
  return { connections: [JSON.parse(body) as Neo4jConnectionOptions] };
}

/** A person's own disposable server, or null when the environment names none. */
export function neo4jFromEnvironment(env: NodeJS.ProcessEnv): Neo4jTestContext | null {
  const uri = env['NEO4J_URI']?.trim();
  if (!uri) return null;
  const password = env['NEO4J_PASSWORD'];
  if (!password) return { skipReason: 'NEO4J_URI is set but NEO4J_PASSWORD is not' };
  if (!['true', '1'].includes(env['NEO4J_TEST_DISPOSABLE'] ?? '')) {
    return {
      skipReason:
        'NEO4J_URI is set but NEO4J_TEST_DISPOSABLE is not: the suite deletes every papergraph node',
    };
  }
  const database = env['NEO4J_DATABASE']?.trim() || undefined;
  return { connections: [{ uri, user: env['NEO4J_USER']?.trim() || 'neo4j', password, database }] };
}

/** The connection of the worker running this file (VITEST_POOL_ID counts workers from 1). */
export function connectionForWorker(
  context: Neo4jTestContext,
  poolId: string | undefined,
): Neo4jConnectionOptions | undefined {
  if (context.connections === undefined) return undefined;
  const index = (Number(poolId ?? '1') - 1) % context.connections.length;
  return context.connections[index];
}
