// A CypherDriver that answers from canned rows instead of a database: enough to count round trips,
// check which parameters each statement gets, and test the row mapping and error handling.
import type { CypherParams, StatementName } from '../../server/src/store/neo4j/cypher.ts';
import {
  assertStatementParams,
  type CypherDriver,
  type Row,
  type ServerInfoView,
} from '../../server/src/store/neo4j/driver.ts';

export type CannedAnswer<K extends StatementName = StatementName> =
  Row[] | ((params: CypherParams[K]) => Row[]);
export type CannedAnswers = { [K in StatementName]?: CannedAnswer<K> };

interface FakeCall {
  statement: StatementName;
  params: unknown;
  inTransaction: boolean;
}

export interface FakeDriver extends CypherDriver {
  readonly calls: FakeCall[];
  /** Transactions whose work threw, i.e. that a real driver would have rolled back. */
  rolledBack: number;
  committed: number;
  closed: boolean;
  /** What serverInfo() does next; an Error is thrown. */
  serverInfoAnswer: ServerInfoView | Error | 'hang';
  /** Makes the next call of `statement` fail with `error`. */
  failNext(statement: StatementName, error: unknown): void;
}

export function fakeDriver(answers: CannedAnswers = {}): FakeDriver {
  const failures = new Map<StatementName, unknown>();
  const answer = (statement: StatementName, params: object, inTransaction: boolean): Row[] => {
    assertStatementParams(statement, params);
    fake.calls.push({ statement, params, inTransaction });
    if (failures.has(statement)) {
      const error = failures.get(statement);
      failures.delete(statement);
      throw error;
    }
    const canned = answers[statement] as CannedAnswer | undefined;
    if (canned === undefined) return [];
    return typeof canned === 'function' ? canned(params as never) : canned;
  };
  const fake: FakeDriver = {
    calls: [],
    rolledBack: 0,
    committed: 0,
    closed: false,
    serverInfoAnswer: { address: 'fake:7687', agent: 'Neo4j/5.26.0', protocolVersion: '5.8' },
    failNext(statement, error) {
      failures.set(statement, error);
    },
    async executeQuery(statement, params) {
      return answer(statement, params, false);
    },
    async executeWrite(work) {
      try {
        const result = await work({
          run: async (statement, params) => answer(statement, params, true),
        });
        fake.committed += 1;
        return result;
      } catch (error) {
        fake.rolledBack += 1;
        throw error;
      }
    },
    async serverInfo() {
      const next = fake.serverInfoAnswer;
      if (next === 'hang') return new Promise<never>(() => {});
      if (next instanceof Error) throw next;
      return next;
    },
    async close() {
      fake.closed = true;
    },
  };
  return fake;
}

/** An error shaped like neo4j-driver's Neo4jError (code + message), without a server. */
export function neo4jError(code: string, message = `simulated ${code}`): Error & { code: string } {
  return Object.assign(new Error(message), { name: 'Neo4jError', code });
}
