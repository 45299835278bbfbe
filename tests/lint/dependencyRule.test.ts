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
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

const reExport = (from: string) => `export { something } from '${from}';\n`;

describe('the dependency rule (no-restricted-imports in eslint.config.js)', () => {
  it.each([
    ['server/src/store/embedded/example.ts', '../../graphql/yoga.ts'],
    ['server/src/store/example.ts', '../graphql/loaders.ts'],
    ['server/src/store/example.ts', '../config.ts'],
    ['server/src/store/neo4j/example.ts', '../../queries/search.ts'],
    ['server/src/domain/example.ts', '../store/store.ts'],
    ['server/src/domain/example.ts', '../../../web/src/lib/links.ts'],
    ['server/src/ids/example.ts', '../import/text.ts'],
    ['server/src/import/readers/example.ts', '../../graphql/limits.ts'],
    ['server/src/import/example.ts', '../queries/search.ts'],
    ['server/src/metadata/example.ts', '../atom/atomDocuments.ts'],
    ['server/src/feeds/example.ts', '../graphql/yoga.ts'],
    ['server/src/queries/example.ts', '../graphql/builder.ts'],
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
    ['server/src/import/readers/example.ts', '../../store/shared/validateBatch.ts'],
    ['server/src/metadata/example.ts', '../import/text.ts'],
    ['server/src/queries/example.ts', '../store/store.ts'],
    ['server/src/graphql/example.ts', '../queries/search.ts'],
    ['web/src/lib/example.ts', '@papergraph/server/ids/paperId.ts'],
    ['web/src/lib/example.ts', '@papergraph/server/domain/episodeId.ts'],
    ['web/src/lib/components/example.svelte.ts', '../server/api.ts'],
  ])('allows %s importing %s', async (filePath, from) => {
    expect(await restrictedImports(filePath, reExport(from))).toEqual([]);
  });

  it('names the layers a store module may import from', async () => {
    const messages = await restrictedImports(
      'server/src/store/embedded/example.ts',
      `import type { PapergraphYoga } from '../../graphql/yoga.ts';\nexport type Y = PapergraphYoga;\n`,
    );
    expect(messages).toEqual([
      expect.stringContaining('store/ imports only from store, domain, ids'),
    ]);
  });
});
