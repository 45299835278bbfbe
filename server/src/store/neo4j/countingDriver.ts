// Wraps a CypherDriver and records every statement sent, so tests and the benchmark can state how many
// database round trips each store method (and so each API field) costs.
import type { CypherParams, StatementName } from './cypher.ts';
import type { CypherDriver, CypherTransaction, Routing } from './driver.ts';

export interface RecordedCall {
  statement: StatementName;
  /** `executeQuery` = auto-commit query; `transaction` = a `run` inside executeWrite. */
  via: 'executeQuery' | 'transaction';
  routing: Routing;
}

export interface CountingDriver extends CypherDriver {
  /** Every call since creation or the last reset, in order. */
  readonly calls: readonly RecordedCall[];
  /** Transactions opened (each also costs a BEGIN/COMMIT exchange, pipelined by the driver). */
  readonly transactions: number;
  reset(): void;
  /** Runs `work` and returns what it sent, leaving earlier calls out. */
  measure<T>(
    work: () => Promise<T>,
  ): Promise<{ result: T; calls: RecordedCall[]; transactions: number }>;
}

export function countingDriver(inner: CypherDriver): CountingDriver {
  const calls: RecordedCall[] = [];
  let transactions = 0;
  return {
    get calls() {
      return calls;
    },
    get transactions() {
      return transactions;
    },
    reset() {
      calls.length = 0;
      transactions = 0;
    },
    async measure(work) {
      const callsBefore = calls.length;
      const transactionsBefore = transactions;
      const result = await work();
      return {
        result,
        calls: calls.slice(callsBefore),
        transactions: transactions - transactionsBefore,
      };
    },
    executeQuery<K extends StatementName>(statement: K, params: CypherParams[K], routing: Routing) {
      calls.push({ statement, via: 'executeQuery', routing });
      return inner.executeQuery(statement, params, routing);
    },
    executeWrite(work) {
      return inner.executeWrite((tx) => {
        transactions += 1;
        const counted: CypherTransaction = {
          run<K extends StatementName>(statement: K, params: CypherParams[K]) {
            calls.push({ statement, via: 'transaction', routing: 'WRITE' });
            return tx.run(statement, params);
          },
        };
        return work(counted);
      });
    },
    serverInfo: () => inner.serverInfo(),
    close: () => inner.close(),
  };
}
