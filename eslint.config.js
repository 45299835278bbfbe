// One lint for the whole tree: JavaScript and TypeScript recommended rules, Svelte's recommended rules
// for components, and the server's dependency rule. Prettier owns formatting, so no layout rules here.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * What each server layer may import from the rest of the server (paths under server/src/).
 * `allow`: only these top-level directories (its own always included); `deny`: everything but these.
 */
const serverLayers = [
  { layer: 'domain', allow: ['domain', 'ids'] },
  { layer: 'ids', allow: ['ids', 'domain'] },
  { layer: 'store', allow: ['store', 'domain', 'ids'] },
  { layer: 'import', deny: ['graphql', 'queries', 'atom'] },
  { layer: 'metadata', deny: ['graphql', 'queries', 'atom'] },
  { layer: 'feeds', deny: ['graphql', 'queries', 'atom'] },
  { layer: 'queries', deny: ['graphql'] },
];

/** Nesting below a layer's directory that the rule covers (server/src/store/embedded/x.ts is depth 2). */
const MAX_LAYER_DEPTH = 4;

const alternatives = (names) => `(?:${names.join('|')})`;

/**
 * The `no-restricted-imports` patterns for a file `depth` directories below server/src/<layer>/.
 * A relative import leaves the layer when it climbs `depth` levels; what follows names the layer it
 * enters. Climbing further leaves server/src altogether, which an allow-list also refuses.
 */
function layerPatterns({ layer, allow, deny }, depth) {
  const climb = `^(?:\\.\\./){${depth}}`;
  const message = allow
    ? `${layer}/ imports only from ${allow.join(', ')} (the dependency rule, docs/architecture.md).`
    : `${layer}/ never imports from ${deny.join(', ')} (the dependency rule, docs/architecture.md).`;
  const enters = allow
    ? `(?!${alternatives(allow)}(?:/|$))`
    : `${alternatives(deny)}(?:/|\\.ts$|$)`;
  return [
    { regex: `${climb}${enters}`, message },
    { regex: `^@papergraph/server/${enters}`, message },
  ];
}

const serverLayerBlocks = serverLayers.flatMap((rule) =>
  Array.from({ length: MAX_LAYER_DEPTH }, (_, index) => {
    const depth = index + 1;
    const below = Array.from({ length: index }, () => '*').join('/');
    const directory = below ? `server/src/${rule.layer}/${below}` : `server/src/${rule.layer}`;
    return {
      name: `papergraph/dependency-rule/${rule.layer}/depth-${depth}`,
      files: [`${directory}/*.ts`],
      rules: { 'no-restricted-imports': ['error', { patterns: layerPatterns(rule, depth) }] },
    };
  }),
);

/** The web app shares the server's identifier and domain modules only, and only by package name. */
const webImports = {
  name: 'papergraph/dependency-rule/web',
  files: ['web/src/**/*.ts', 'web/src/**/*.svelte'],
  rules: {
    'no-restricted-imports': [
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
  },
  {
    name: 'papergraph/svelte-typescript',
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
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
