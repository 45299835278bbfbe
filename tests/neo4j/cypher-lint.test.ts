// Neo4j cannot run here, so every statement the store sends is checked by Neo4j's own Cypher parser and
// semantic analysis (shipped in @neo4j-cypher/language-support) against the project's schema: labels,
// relationship types, property keys, each statement's parameters, and Neo4j's built-in functions and
// procedures. Zero diagnostics means: it parses, it is semantically valid Cypher 5, it names nothing
// the database does not have, and Neo4j has no performance warning for it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  type DbSchema,
  lintCypherQuery,
  type Neo4jFunction,
  type Neo4jProcedure,
  parseParameters,
  type SyntaxDiagnostic,
  testData,
} from '@neo4j-cypher/language-support';
import { describe, expect, it } from 'vitest';

import {
  CYPHER,
  CYPHER_PARAMETERS,
  type StatementName,
} from '../../server/src/store/neo4j/cypher.ts';
import {
  FULLTEXT_INDEXES,
  GRAPH_SCHEMA,
  SCHEMA_STATEMENTS,
} from '../../server/src/store/neo4j/statements/schema.ts';
import { WIPE_PAPERGRAPH_GRAPH } from '../helpers/neo4j.ts';

const CYPHER_VERSION = 'CYPHER 5';

/**
 * Built-ins: the package ships a DbSchema captured from a real Neo4j (`testData.mockSchema`, the
 * output of SHOW FUNCTIONS / SHOW PROCEDURES per Cypher version). Without a `functions` registry the
 * linter skips unknown-function checks entirely, so we pass one. We keep only what a plain Neo4j
 * (community image, no plugins) has: functions flagged isBuiltIn, procedures in the db./dbms.
 * namespaces. APOC, GDS and GenAI are therefore unknown, as they are in our docker-compose Neo4j.
 */
function builtIns(): {
  functions: Record<string, Neo4jFunction>;
  procedures: Record<string, Neo4jProcedure>;
} {
  const functions = testData.mockSchema.functions?.[CYPHER_VERSION] ?? {};
  const procedures = testData.mockSchema.procedures?.[CYPHER_VERSION] ?? {};
  return {
    functions: Object.fromEntries(Object.entries(functions).filter(([, fn]) => fn.isBuiltIn)),
    procedures: Object.fromEntries(
      Object.entries(procedures).filter(
        ([name]) => name.startsWith('db.') || name.startsWith('dbms.'),
      ),
    ),
  };
}

const BUILT_INS = builtIns();

/** The schema a statement is linted against: the graph model plus exactly the statement's own parameters. */
function lintSchema(parameters: readonly string[]): DbSchema {
  return {
    labels: [...GRAPH_SCHEMA.labels],
    relationshipTypes: [...GRAPH_SCHEMA.relationshipTypes],
    propertyKeys: [...GRAPH_SCHEMA.propertyKeys],
    graphSchema: GRAPH_SCHEMA.patterns.map((p) => ({ from: p.from, relType: p.relType, to: p.to })),
    parameters: Object.fromEntries(parameters.map((name) => [name, null])),
    functions: { [CYPHER_VERSION]: BUILT_INS.functions },
    procedures: { [CYPHER_VERSION]: BUILT_INS.procedures },
    defaultLanguage: CYPHER_VERSION,
  };
}

function lint(query: string, parameters: readonly string[] = []): SyntaxDiagnostic[] {
  return lintCypherQuery(query, lintSchema(parameters)).diagnostics;
}

/** Diagnostic messages are plain strings in practice; the type also allows markup. */
function text(diagnostic: SyntaxDiagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

function describeDiagnostics(query: string, diagnostics: SyntaxDiagnostic[]): string[] {
  return diagnostics.map((d) => {
    const line = query.split('\n')[d.range.start.line] ?? '';
    return `${d.severity === 1 ? 'error' : 'warning'} at ${d.range.start.line + 1}:${d.range.start.character + 1}: ${text(d)}\n    ${line}`;
  });
}

// Enumerated from the registry itself: a statement added later is linted without touching this file.
const statements = Object.keys(CYPHER) as StatementName[];

describe('the built-in function and procedure list given to the linter', () => {
  it('has the Cypher built-ins our statements use and no plugin namespaces', () => {
    for (const name of [
      'coalesce',
      'collect',
      'count',
      'size',
      'log',
      'range',
      'sum',
      'none',
      'startNode',
      'endNode',
      'nodes',
      'relationships',
    ]) {
      expect(BUILT_INS.functions, name).toHaveProperty([name]);
    }
    expect(Object.keys(BUILT_INS.functions).length).toBeGreaterThan(100);
    expect(BUILT_INS.procedures).toHaveProperty(['db.index.fulltext.queryNodes']);
    expect(BUILT_INS.procedures).toHaveProperty(['db.awaitIndexes']);
    const plugins = [
      ...Object.keys(BUILT_INS.functions),
      ...Object.keys(BUILT_INS.procedures),
    ].filter((name) => /^(apoc|gds|genai)\./.test(name));
    expect(plugins).toEqual([]);
  });
});

describe('every statement in the CYPHER registry', () => {
  it('has statements to check', () => {
    expect(statements.length).toBeGreaterThanOrEqual(25);
  });

  it.each(statements)('%s: zero diagnostics from the Neo4j linter', (name) => {
    const query = CYPHER[name];
    expect(describeDiagnostics(query, lint(query, CYPHER_PARAMETERS[name]))).toEqual([]);
  });

  it.each(statements)('%s: uses exactly the parameters it declares', (name) => {
    const used = parseParameters(CYPHER[name], false);
    expect([...used].sort()).toEqual([...CYPHER_PARAMETERS[name]].sort());
  });

  it('contains no template interpolation, in the values or in the source file', () => {
    for (const name of statements) expect(CYPHER[name], name).not.toContain('${');
    const statementsDir = new URL('../../server/src/store/neo4j/statements/', import.meta.url);
    const sources = [
      new URL('../../server/src/store/neo4j/cypher.ts', import.meta.url),
      ...readdirSync(statementsDir).map((file) => new URL(file, statementsDir)),
    ];
    for (const source of sources)
      expect(readFileSync(source, 'utf8'), source.pathname).not.toContain('${');
  });

  it("the test helper's wipe statement lints clean too", () => {
    expect(describeDiagnostics(WIPE_PAPERGRAPH_GRAPH, lint(WIPE_PAPERGRAPH_GRAPH))).toEqual([]);
  });

  it('creates both full-text indexes the queries read and runs every schema statement', () => {
    const schemaText = SCHEMA_STATEMENTS.map((name) => CYPHER[name]).join('\n');
    for (const index of Object.values(FULLTEXT_INDEXES)) {
      expect(schemaText).toContain(`FULLTEXT INDEX ${index} IF NOT EXISTS`);
    }
    const schemaNames = statements.filter(
      (name) => name.startsWith('schema') && name !== 'schemaAwait',
    );
    expect([...SCHEMA_STATEMENTS].sort()).toEqual(schemaNames.sort());
    for (const name of SCHEMA_STATEMENTS) expect(CYPHER[name]).toContain('IF NOT EXISTS');
  });
});

describe('the linter bites', () => {
  const messages = (query: string, parameters: readonly string[] = []) =>
    lint(query, parameters).map(text);

  it('reports a syntax error', () => {
    const diagnostics = lint('MATCH (e:Episode) RETRN e.title');
    expect(
      diagnostics.some((d) => d.severity === 1 && text(d).includes("Invalid input 'RETRN'")),
    ).toBe(true);
  });

  it('reports an unknown label, relationship type and property', () => {
    const found = messages('MATCH (e:Episdoe)-[:CITE]->(p:Paper) RETURN p.titel AS title');
    expect(found).toContainEqual(expect.stringContaining('Label Episdoe is not present'));
    expect(found).toContainEqual(expect.stringContaining('Relationship type CITE is not present'));
    expect(found).toContainEqual(expect.stringContaining('titel is not present'));
  });

  it('reports an unknown function, a plugin function and an unknown procedure', () => {
    const found = messages(
      'MATCH (p:Paper) RETURN lenght(p.aliases) AS n, apoc.coll.flatten([p.aliases]) AS flat',
    );
    expect(found).toContainEqual(expect.stringContaining('Function lenght is not present'));
    expect(found).toContainEqual(
      expect.stringContaining('Function apoc.coll.flatten is not present'),
    );
    expect(
      messages("CALL db.index.fulltext.queryNode('paper_search', 'x') YIELD node RETURN node"),
    ).toContainEqual(
      expect.stringContaining('Procedure db.index.fulltext.queryNode is not present'),
    );
  });

  it('reports a parameter the statement does not declare', () => {
    expect(
      messages('MATCH (p:Paper {id: $paperId}) RETURN p.title AS title', ['id']),
    ).toContainEqual('Parameter $paperId is not defined.');
  });

  it('reports semantic errors and performance warnings Neo4j would give', () => {
    expect(messages('MATCH (e:Episode) RETURN f.title AS title')).toContainEqual(
      expect.stringContaining('Variable `f` not defined'),
    );
    expect(messages('MATCH (e:Episode), (p:Paper) RETURN e.id AS e, p.id AS p')).toContainEqual(
      expect.stringContaining('cartesian product'),
    );
  });

  it('reports a syntax error and an unknown label and an unknown function in one broken query', () => {
    const broken = 'MATCH (e:Episod) WHERE nosuch(e.title) RETRUN e';
    const found = lint(broken);
    expect(found.some((d) => d.severity === 1 && text(d).startsWith('Invalid input'))).toBe(true);
    expect(found.map(text)).toContainEqual(expect.stringContaining('Label Episod is not present'));
    expect(found.map(text)).toContainEqual(
      expect.stringContaining('Function nosuch is not present'),
    );
  });
});

describe('only registry statements reach the driver', () => {
  const dir = new URL('../../server/src/store/neo4j/', import.meta.url);
  const files = readdirSync(dir).filter((file) => file.endsWith('.ts'));
  const keys = new Set<string>(statements);

  /** First argument of every `x.run(` / `x.executeQuery(` call in a source file. */
  function calls(source: string): string[] {
    return [...source.matchAll(/\.(?:run|executeQuery)\s*(?:<[^>(]*>)?\(\s*([^,)]*)/g)].map((m) =>
      m[1]!.trim(),
    );
  }

  /** A registry entry: CYPHER.name / CYPHER[name], a registry key literal, or a variable typed as one. */
  function isRegistryStatement(argument: string, source: string): boolean {
    const dotted = /^CYPHER\.(\w+)$/.exec(argument);
    if (dotted) return keys.has(dotted[1]!);
    if (/^CYPHER\[\w+\]$/.test(argument)) return true; // indexed by a StatementName-typed variable, checked below
    const literal = /^'(\w+)'$/.exec(argument);
    if (literal) return keys.has(literal[1]!);
    if (/^\w+$/.test(argument)) {
      const typedAs = new RegExp(`\\b${argument}\\s*:\\s*(\\w+)`).exec(source)?.[1];
      if (typedAs === 'StatementName' || typedAs === 'SchemaStatementName') return true;
      return (
        typedAs !== undefined &&
        new RegExp(`\\b${typedAs}\\s+extends\\s+StatementName\\b`).test(source)
      );
    }
    return false;
  }

  it('finds the calls it checks', () => {
    const all = files.flatMap((file) => calls(readFileSync(join(dir.pathname, file), 'utf8')));
    expect(all.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files)('%s passes nothing but registry statements to run/executeQuery', (file) => {
    const source = readFileSync(join(dir.pathname, file), 'utf8');
    const offending = calls(source).filter((argument) => !isRegistryStatement(argument, source));
    expect(offending).toEqual([]);
    // CYPHER[x] is only sound when x is typed as a statement name.
    for (const match of source.matchAll(/CYPHER\[(\w+)\]/g))
      expect(isRegistryStatement(match[1]!, source), match[0]).toBe(true);
  });

  it('rejects what it should', () => {
    const source = 'function f(text: string, name: StatementName) {}';
    expect(isRegistryStatement("'MATCH (n) RETURN n'", source)).toBe(false);
    expect(isRegistryStatement('`MATCH (n) RETURN n`', source)).toBe(false);
    expect(isRegistryStatement('text', source)).toBe(false);
    expect(isRegistryStatement('CYPHER.noSuchStatement', source)).toBe(false);
    expect(isRegistryStatement("'noSuchStatement'", source)).toBe(false);
    expect(isRegistryStatement('name', source)).toBe(true);
    expect(isRegistryStatement('CYPHER.relationsOfEpisodes', source)).toBe(true);
    const raw =
      "await tx.run('MATCH (n) DETACH DELETE n', {});\nawait driver.executeQuery<Row>(`RETURN ${x}`);";
    expect(calls(raw)).toHaveLength(2);
    expect(calls(raw).map((argument) => isRegistryStatement(argument, source))).toEqual([
      false,
      false,
    ]);
  });
});
