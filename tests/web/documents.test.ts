// The web client's documents against schema.graphql: every document it can send is valid there,
// and the introspection its types come from is the one `npm run schema` generates.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { glob, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { type DocumentNode, Kind as WebKind, print } from '@0no-co/graphql.web';
import {
  buildSchema,
  type GraphQLSchema,
  isAbstractType,
  Kind,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';

import * as documents from '../../web/src/lib/graphql/documents.ts';
import * as mapDocuments from '../../web/src/lib/graphql/mapDocuments.ts';
import * as showDocuments from '../../web/src/lib/graphql/showDocuments.ts';

const SCHEMA_FILE = fileURLToPath(new URL('../../schema.graphql', import.meta.url));
const WEB_DIR = fileURLToPath(new URL('../../web', import.meta.url));
/** documents.ts and the topic modules beside it (<topic>Documents.ts). */
const DOCUMENTS_MODULES = [
  'src/lib/graphql/documents.ts',
  'src/lib/graphql/mapDocuments.ts',
  'src/lib/graphql/showDocuments.ts',
];
const INTROSPECTION_FILE = join(WEB_DIR, 'src/lib/graphql/introspection.ts');
const GQL_TADA_CLI = fileURLToPath(
  new URL('../../node_modules/gql.tada/bin/cli.js', import.meta.url),
);

/** Every operation the client modules hold, by export name; fragments travel inside them. */
const operations = Object.entries({
  ...(documents as Record<string, DocumentNode>),
  ...(mapDocuments as Record<string, DocumentNode>),
  ...(showDocuments as Record<string, DocumentNode>),
}).filter(([, document]) =>
  document.definitions.some((definition) => definition.kind === WebKind.OPERATION_DEFINITION),
);

/** What the API would say about a document as the web sends it (printed, then parsed). */
function problems(schema: GraphQLSchema, text: string): string[] {
  return validate(schema, parse(text)).map((error) => error.message);
}

/** Selections on a union or interface that do not ask for __typename, which the answer check needs. */
function untypedAbstractSelections(schema: GraphQLSchema, text: string): string[] {
  const typeInfo = new TypeInfo(schema);
  const missing: string[] = [];
  visit(
    parse(text),
    visitWithTypeInfo(typeInfo, {
      SelectionSet(node) {
        const parent = typeInfo.getParentType();
        if (!parent || !isAbstractType(parent)) return;
        const typed = node.selections.some(
          (s) => s.kind === Kind.FIELD && s.name.value === '__typename' && !s.alias,
        );
        if (!typed) missing.push(parent.name);
      },
    }),
  );
  return missing;
}

describe('web documents', () => {
  const schema = buildSchema(readFileSync(SCHEMA_FILE, 'utf8'));

  it('are collected from the client module', () => {
    expect(operations.map(([name]) => name)).toEqual(
      expect.arrayContaining(['GraphQuery', 'PaperExportsQuery', 'NodeFactsQuery']),
    );
  });

  it('are all written in the documents module, so none escapes this check', async () => {
    const writers: string[] = [];
    for await (const file of glob('src/**/*.{ts,svelte}', { cwd: WEB_DIR })) {
      if (/\bgraphql\(\s*`/.test(await readFile(join(WEB_DIR, file), 'utf8'))) writers.push(file);
    }
    expect(writers.sort()).toEqual(DOCUMENTS_MODULES);
  });

  it.each(operations)('%s is valid against schema.graphql', (_name, document) => {
    expect(problems(schema, print(document))).toEqual([]);
    expect(untypedAbstractSelections(schema, print(document))).toEqual([]);
  });

  it('would fail a document that drifted from the schema', () => {
    const drifted = print(documents.GraphQuery).replace('weight', 'weigth');
    expect(problems(schema, drifted)).toEqual([
      'Cannot query field "weigth" on type "GraphNode". Did you mean "weight"?',
    ]);
    const untyped = print(documents.SearchQuery).replace('__typename', '');
    expect(untypedAbstractSelections(schema, untyped)).toEqual(['SearchResult']);
  });
});

describe('web/src/lib/graphql/introspection.ts', () => {
  it('is generated from schema.graphql (regenerate: npm run schema)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'papergraph-introspection-'));
    try {
      const output = join(dir, 'introspection.ts');
      const generated = spawnSync(
        process.execPath,
        [GQL_TADA_CLI, 'generate', 'output', '--output', output],
        { cwd: WEB_DIR, encoding: 'utf8', timeout: 60_000 },
      );
      expect(generated.status, generated.stderr).toBe(0);
      const options = await resolveConfig(INTROSPECTION_FILE);
      const expected = await format(await readFile(output, 'utf8'), {
        ...options,
        filepath: INTROSPECTION_FILE,
      });
      expect(
        await readFile(INTROSPECTION_FILE, 'utf8'),
        'introspection.ts is stale: run `npm run schema` and commit it',
      ).toBe(expected);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
