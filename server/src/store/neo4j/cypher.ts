// Every Cypher statement the Neo4j store runs, and nothing else runs: each feature's statements
// (statements/*.ts) merged into one registry, run by name. Values travel only as parameters, and
// tests/neo4j/cypher-lint.test.ts checks each statement with Neo4j's own parser and semantic analysis
// against the schema in statements/schema.ts.
import type { CypherStatement, ParamsOf } from './statements/declare.ts';
import { EPISODES_CYPHER } from './statements/episodes.ts';
import { FEEDS_CYPHER } from './statements/feeds.ts';
import { GRAPH_CYPHER } from './statements/graph.ts';
import { IMPORT_CYPHER } from './statements/import.ts';
import { IMPORT_RUN_CYPHER } from './statements/importRun.ts';
import { METADATA_CYPHER } from './statements/metadata.ts';
import { PAPERS_CYPHER } from './statements/papers.ts';
import { PEOPLE_CYPHER } from './statements/people.ts';
import { RELATIONS_CYPHER } from './statements/relations.ts';
import { SCHEMA_CYPHER } from './statements/schema.ts';
import { SEARCH_CYPHER } from './statements/search.ts';
import { SHOWS_CYPHER } from './statements/shows.ts';

const STATEMENTS = {
  ...SCHEMA_CYPHER,
  ...IMPORT_CYPHER,
  ...IMPORT_RUN_CYPHER,
  ...EPISODES_CYPHER,
  ...PAPERS_CYPHER,
  ...SEARCH_CYPHER,
  ...SHOWS_CYPHER,
  ...GRAPH_CYPHER,
  ...FEEDS_CYPHER,
  ...METADATA_CYPHER,
  ...RELATIONS_CYPHER,
  ...PEOPLE_CYPHER,
};

export type StatementName = keyof typeof STATEMENTS;

/** The parameters each statement takes; the runner only accepts these shapes. */
export type CypherParams = { [K in StatementName]: ParamsOf<(typeof STATEMENTS)[K]> };

function byName<T>(pick: (statement: CypherStatement<object>) => T): {
  readonly [K in StatementName]: T;
} {
  const entries = Object.entries(STATEMENTS) as [StatementName, CypherStatement<object>][];
  return Object.fromEntries(entries.map(([name, statement]) => [name, pick(statement)])) as {
    [K in StatementName]: T;
  };
}

/** Each statement's text, by name. */
export const CYPHER = byName((statement) => statement.text);

/** The parameter names each statement's text uses: for the linter and the driver's check. */
export const CYPHER_PARAMETERS = byName((statement) => statement.parameters);
