import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The dependency-rule messages for `source` linted as if it were the file at `filePath`. */
async function restrictedImports(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  if (!result) throw new Error(`ESLint returned no result for ${filePath}`);
  const fatal = result.messages.filter((message) => message.fatal);
  if (fatal.length > 0) throw new Error(`${filePath}: ${fatal[0]?.message}`);
  return result.messages
    .filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((message) => message.message);
}

/** Entry points may import every layer, so only they have no row in the rule. */
const ENTRY_DIRECTORIES = ['cli', 'bundle'];

const reExport = (from: string) => `export { something } from '${from}';\n`;
const typeImport = (from: string) =>
  `import type { Something } from '${from}';\nexport type Alias = Something;\n`;

describe('the dependency rule (eslint.config.js, docs/architecture.md)', () => {
  it.each([
    ['server/src/store/embedded/example.ts', '../../graphql/yoga.ts'],
    ['server/src/store/example.ts', '../graphql/loaders.ts'],
    ['server/src/store/example.ts', '../config.ts'],
    ['server/src/store/example.ts', '../main.ts'],
    ['server/src/store/neo4j/example.ts', '../../queries/search.ts'],
    ['server/src/domain/example.ts', '../store/store.ts'],
    ['server/src/domain/example.ts', '../../../web/src/lib/links.ts'],
    ['server/src/ids/example.ts', '../import/text.ts'],
    ['server/src/relations/example.ts', '../store/store.ts'],
    ['server/src/relations/example.ts', '../metadata/http.ts'],
    ['server/src/import/readers/example.ts', '../../graphql/limits.ts'],
    ['server/src/import/example.ts', '../queries/search.ts'],
    ['server/src/metadata/example.ts', '../atom/atomDocuments.ts'],
    ['server/src/feeds/example.ts', '../graphql/yoga.ts'],
    ['server/src/queries/example.ts', '../graphql/builder.ts'],
    ['server/src/queries/example.ts', '../atom/atomPlugin.ts'],
    ['server/src/graphql/schema/example.ts', '../../cli/run.ts'],
    ['server/src/atom/example.ts', '../webServer.ts'],
    ['server/src/feeds/example.ts', '../config.ts'],
    ['server/src/store/example.ts', '@papergraph/server/graphql/yoga.ts'],
    ['web/src/lib/example.ts', '@papergraph/server/store/store.ts'],
    ['web/src/routes/example/+page.server.ts', '../../../../server/src/ids/paperId.ts'],
  ])('refuses %s importing %s', async (filePath, from) => {
    expect(await restrictedImports(filePath, reExport(from))).toHaveLength(1);
  });

  it.each([
    ['server/src/store/embedded/example.ts', '../../domain/model.ts'],
    ['server/src/store/embedded/example.ts', '../shared/validateBatch.ts'],
    ['server/src/store/example.ts', '../ids/paperId.ts'],
    ['server/src/domain/example.ts', '../ids/paperId.ts'],
    ['server/src/relations/example.ts', '../domain/model.ts'],
    ['server/src/store/shared/example.ts', '../../relations/relationIndex.ts'],
    ['server/src/import/readers/example.ts', '../../store/shared/validateBatch.ts'],
    ['server/src/metadata/example.ts', '../import/text.ts'],
    ['server/src/queries/example.ts', '../store/store.ts'],
    ['server/src/graphql/example.ts', '../queries/search.ts'],
    ['server/src/graphql/plugins/example.ts', '../../atom/atomPlugin.ts'],
    ['server/src/atom/example.ts', '../queries/atomFeeds.ts'],
    ['server/src/feeds/example.ts', '../metadata/http.ts'],
    ['server/src/cli/example.ts', '../graphql/yoga.ts'],
    ['server/src/main.ts', './store/createStore.ts'],
    ['web/src/lib/example.ts', '@papergraph/server/ids/paperId.ts'],
    ['web/src/lib/example.ts', '@papergraph/server/domain/episodeId.ts'],
    ['web/src/lib/components/example.svelte.ts', '../server/api.ts'],
  ])('allows %s importing %s', async (filePath, from) => {
    expect(await restrictedImports(filePath, reExport(from))).toEqual([]);
  });

  it('refuses type imports across the rule as well', async () => {
    expect(
      await restrictedImports(
        'server/src/store/embedded/example.ts',
        typeImport('../../graphql/yoga.ts'),
      ),
    ).toEqual([
      expect.stringContaining('storage (store/) imports only from domain, ids, relations, store'),
    ]);
  });

  it('allows the layers above the model to import types, and only types, from config.ts', async () => {
    expect(
      await restrictedImports('server/src/store/example.ts', typeImport('../config.ts')),
    ).toEqual([]);
    expect(
      await restrictedImports('server/src/metadata/example.ts', typeImport('../config.ts')),
    ).toEqual([]);
    expect(
      await restrictedImports('server/src/store/example.ts', reExport('../config.ts')),
    ).toEqual([expect.stringContaining('storage imports only types from config.ts')]);
    expect(
      await restrictedImports('server/src/domain/example.ts', typeImport('../config.ts')),
    ).toHaveLength(1);
  });

  it('covers every directory of server/src but the entry points', async () => {
    const directories = readdirSync(new URL('../../server/src/', import.meta.url), {
      withFileTypes: true,
    })
      .filter((entry) => entry.isDirectory() && !ENTRY_DIRECTORIES.includes(entry.name))
      .map((entry) => entry.name);
    expect(directories).toContain('store');
    const uncovered: string[] = [];
    for (const directory of directories) {
      const config = await eslint.calculateConfigForFile(
        `server/src/${directory}/nested/example.ts`,
      );
      if (!config?.rules?.['@typescript-eslint/no-restricted-imports']) uncovered.push(directory);
    }
    expect(uncovered).toEqual([]);
  });
});
