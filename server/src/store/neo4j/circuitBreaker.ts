// While Neo4j is known to be down, requests fail at once instead of each waiting out the driver's
// retry budget (15 s); at most one request per interval probes with a quick handshake, and the first
// probe that succeeds closes the circuit, so papergraph heals without a restart when Neo4j returns.
import { StoreUnavailableError } from '../errors.ts';
import type { CypherParams, StatementName } from './cypher.ts';
import type { CypherDriver, Routing } from './driver.ts';
import { toStoreError } from './errors.ts';

export interface CircuitBreakerOptions {
  /** How often a request may probe a Neo4j that is down. */
  probeIntervalMs?: number;
  now?: () => number;
}

export interface CircuitBreakerDriver extends CypherDriver {
  /** Records an outage seen outside the driver (e.g. the connectivity check at start). */
  markDown(error: StoreUnavailableError): void;
}

export function withCircuitBreaker(
  inner: CypherDriver,
  options: CircuitBreakerOptions = {},
): CircuitBreakerDriver {
  const probeIntervalMs = options.probeIntervalMs ?? 1_000;
  const now = options.now ?? Date.now;
  let outage: { error: StoreUnavailableError; lastProbe: number } | null = null;

  async function guarded<T>(work: () => Promise<T>): Promise<T> {
    if (outage !== null) {
      if (now() - outage.lastProbe < probeIntervalMs) throw outage.error;
      outage.lastProbe = now();
      try {
        await inner.serverInfo();
      } catch (error) {
        throw record(error);
      }
      outage = null;
    }
    try {
      return await work();
    } catch (error) {
      throw record(error);
    }
  }

  function record(error: unknown): unknown {
    const mapped = toStoreError(error);
    if (mapped instanceof StoreUnavailableError) outage = { error: mapped, lastProbe: now() };
    return mapped;
  }

  return {
    executeQuery<K extends StatementName>(statement: K, params: CypherParams[K], routing: Routing) {
      return guarded(() => inner.executeQuery(statement, params, routing));
    },
    executeWrite: (work) => guarded(() => inner.executeWrite(work)),
    serverInfo: () => guarded(() => inner.serverInfo()),
    close: () => inner.close(),
    markDown(error) {
      outage = { error, lastProbe: now() };
    },
  };
}
