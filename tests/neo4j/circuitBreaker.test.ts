import { describe, expect, it } from 'vitest';

import { StoreUnavailableError } from '../../server/src/store/errors.ts';
import { withCircuitBreaker } from '../../server/src/store/neo4j/circuitBreaker.ts';
import type { CypherDriver } from '../../server/src/store/neo4j/driver.ts';

/** A driver whose Neo4j is up or down at the test's word, counting what reaches it. */
function scriptedDriver() {
  const state = { down: true, queries: 0, probes: 0 };
  const unavailable = () =>
    Object.assign(new Error('connect ECONNREFUSED'), { code: 'ServiceUnavailable' });
  const driver: CypherDriver = {
    async executeQuery() {
      state.queries += 1;
      if (state.down) throw unavailable();
      return [{ episodes: 1 }];
    },
    async executeWrite() {
      throw new Error('not used');
    },
    async serverInfo() {
      state.probes += 1;
      if (state.down) throw unavailable();
      return { address: 'localhost:7687', agent: 'Neo4j/5', protocolVersion: '5.4' };
    },
    close: async () => {},
  };
  return { state, driver };
}

describe('circuit breaker over the Neo4j driver', () => {
  it('fails fast while Neo4j is down, probes once per interval, and closes when it is back', async () => {
    let clock = 0;
    const { state, driver } = scriptedDriver();
    const guarded = withCircuitBreaker(driver, { probeIntervalMs: 1_000, now: () => clock });

    await expect(guarded.executeQuery('stats', {}, 'READ')).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    expect(state.queries).toBe(1);

    // Within the interval nothing reaches the driver.
    clock = 500;
    await expect(guarded.executeQuery('stats', {}, 'READ')).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    expect([state.queries, state.probes]).toEqual([1, 0]);

    // After it, one cheap probe (not the query with its retry budget) finds Neo4j still down.
    clock = 1_600;
    await expect(guarded.executeQuery('stats', {}, 'READ')).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    expect([state.queries, state.probes]).toEqual([1, 1]);

    state.down = false;
    clock = 2_700;
    await expect(guarded.executeQuery('stats', {}, 'READ')).resolves.toEqual([{ episodes: 1 }]);
    await expect(guarded.executeQuery('stats', {}, 'READ')).resolves.toEqual([{ episodes: 1 }]);
    expect([state.queries, state.probes]).toEqual([3, 2]);
  });

  it('lets other errors through untouched and keeps the circuit closed', async () => {
    const { driver } = scriptedDriver();
    const syntax = Object.assign(new Error('bad'), {
      code: 'Neo.ClientError.Statement.SyntaxError',
    });
    const guarded = withCircuitBreaker({
      ...driver,
      executeQuery: async () => Promise.reject(syntax),
    });
    await expect(guarded.executeQuery('stats', {}, 'READ')).rejects.toBe(syntax);
    await expect(guarded.executeQuery('stats', {}, 'READ')).rejects.toBe(syntax);
  });
});
