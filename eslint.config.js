// One lint for the whole tree: JavaScript and TypeScript recommended rules, Svelte's recommended rules
// for components, and the server's dependency rule. Prettier owns formatting, so no layout rules here.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The server's layers, lowest first (docs/architecture.md): a directory under server/src/ may import
 * from its own layer and the ones below. The entry points (main.ts, bundle/, cli/, webServer.ts, seed.ts,
 * config.ts) have no row: they may import every layer. A new top-level directory needs a row here.
 */
const serverLayers = [
  { name: 'model', directories: ['domain', 'ids', 'relations'] },
  { name: 'storage', directories: ['store'] },
  { name: 'services', directories: ['import', 'metadata', 'feeds'] },
  { name: 'application', directories: ['queries'] },
  { name: 'interfaces', directories: ['graphql', 'atom'] },
];

/** Nesting below a layer's directory that the rule covers (server/src/store/embedded/x.ts is depth 2). */
const MAX_LAYER_DEPTH = 4;

const alternatives = (names) => `(?:${names.join('|')})`;

/**
 * The `no-restricted-imports` patterns for a file `depth` directories below a directory of `layer`.
 * A relative import leaves that directory when it climbs `depth` levels; what follows must name an
 * allowed directory. Climbing further leaves server/src altogether, which is refused too. Above the
 * model, config.ts may be imported for its types (only the entry points read the environment).
 */
function layerPatterns(layer, allowed, depth) {
  const climb = `^(?:\\.\\./){${depth}}`;
  const pure = layer.name === 'model';
  const message =
    `${layer.name} (${layer.directories.join('/, ')}/) imports only from ${allowed.join(', ')}` +
    `${pure ? '' : ' and types from config.ts'}: the dependency rule, docs/architecture.md.`;
  const leaves = `(?!${alternatives(allowed)}/${pure ? '' : '|config\\.ts$'})`;
  const patterns = [
    { regex: `${climb}${leaves}`, message },
    { regex: `^@papergraph/server/${leaves}`, message },
  ];
  if (pure) return patterns;
  const configMessage = `${layer.name} imports only types from config.ts: the entry points read the environment.`;
  return [
    ...patterns,
    { regex: `${climb}config\\.ts$`, allowTypeImports: true, message: configMessage },
    { regex: '^@papergraph/server/config\\.ts$', allowTypeImports: true, message: configMessage },
  ];
}

const serverLayerBlocks = serverLayers.flatMap((layer, index) => {
  const allowed = serverLayers.slice(0, index + 1).flatMap((lower) => lower.directories);
  return layer.directories.flatMap((directory) =>
    Array.from({ length: MAX_LAYER_DEPTH }, (_, level) => {
      const depth = level + 1;
      const below = Array.from({ length: level }, () => '*/').join('');
      return {
        name: `papergraph/dependency-rule/${directory}/depth-${depth}`,
        files: [`server/src/${directory}/${below}*.ts`],
        rules: {
          '@typescript-eslint/no-restricted-imports': [
            'error',
            { patterns: layerPatterns(layer, allowed, depth) },
          ],
        },
      };
    }),
  );
});

/** The web app shares the server's identifier and domain modules only, and only by package name. */
const webImports = {
  name: 'papergraph/dependency-rule/web',
  files: ['web/src/**/*.ts', 'web/src/**/*.svelte'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: '^@papergraph/server(?!/(?:ids|domain)/)',
            message: 'The web app imports only @papergraph/server/ids/** and /domain/**.',
          },
          {
            regex: '^(?:\\.\\./)+server/src/',
            message: 'Import the server package by name (@papergraph/server/ids/… or /domain/…).',
          },
        ],
      },
    ],
  },
};

export default defineConfig(
  {
    name: 'papergraph/ignores',
    ignores: [
      'web/build/',
      'web/.svelte-kit/',
      'neo4j-launcher/target/',
      'test-artifacts/',
      '.neo4j/',
      'data/',
      '.data-*/',
      '**/fixtures/',
      // Written by gql.tada from schema.graphql.
      'web/src/lib/graphql/introspection.ts',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  svelte.configs['flat/recommended'],
  svelte.configs['flat/prettier'],
  {
    name: 'papergraph/node',
    files: ['**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    name: 'papergraph/browser-scripts',
    files: ['server/src/graphql/graphiql/*.js', 'tests/bench/webPage/*.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    name: 'papergraph/graphiql-bundle',
    files: ['server/src/graphql/graphiql/boot.js'],
    // Defined by the GraphiQL bundle the page loads before this script.
    languageOptions: { globals: { YogaGraphiQL: 'readonly' } },
  },
  {
    name: 'papergraph/web',
    files: ['web/src/**/*.ts', 'web/src/**/*.svelte'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    // The app has no base path and every in-app link is built by lib/links.ts or urlState.ts.
    rules: { 'svelte/no-navigation-without-resolve': 'off' },
  },
  {
    name: 'papergraph/svelte-typescript',
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  {
    name: 'papergraph/import-order',
    plugins: { 'simple-import-sort': simpleImportSort },
    // One order everywhere (packages, then the package's own modules, then relative), kept by --fix.
    rules: { 'simple-import-sort/imports': 'error', 'simple-import-sort/exports': 'error' },
  },
  {
    name: 'papergraph/rules',
    rules: {
      // Matching control characters is deliberate here (hostile feed text, URL state, terminal output).
      'no-control-regex': 'off',
      // A leading underscore marks a parameter a signature needs but the body does not use.
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          // `const { omitted, ...rest } = value` is how a copy leaves fields out.
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    name: 'papergraph/tests',
    files: ['tests/**/*.ts'],
    // Tests read JSON answers and browser internals as they come; their assertions check the shape.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  ...serverLayerBlocks,
  webImports,
);
