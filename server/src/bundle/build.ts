// Bundles the server (serve.ts and apiOnly.ts with what they import, dependencies included) into ES
// modules with a chunk per lazy import: a start then resolves and reads tens of files instead of ~1,300.
// rebuild.ts runs it in a child process, so rolldown never loads into a serving process.
import { writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { build, type Plugin, RolldownMagicString } from 'rolldown';

/** The bundle's entry modules, by the name of their output file. */
const ENTRIES = {
  serve: fileURLToPath(new URL('../serve.ts', import.meta.url)),
  api: fileURLToPath(new URL('./apiOnly.ts', import.meta.url)),
};

/** Which source modules each output file holds, for a person or a test reading what a start loaded. */
const MODULES_FILE = 'modules.json';

/**
 * Imported from node_modules where they are installed, not bundled: piscina starts its worker from a
 * file beside its own; GraphiQL (9 MB) and wink's English model (5 MB) load rarely and would only
 * make every bundle larger.
 */
const LEFT_IN_NODE_MODULES = [
  'piscina',
  '@graphql-yoga/render-graphiql',
  'wink-eng-lite-web-model',
];

const leftInNodeModules = (source: string) =>
  LEFT_IN_NODE_MODULES.some((name) => source === name || source.startsWith(`${name}/`));

function externalDependencies(): Plugin {
  return {
    name: 'papergraph:left-in-node-modules',
    async resolveId(source, importer) {
      if (!leftInNodeModules(source)) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      // By absolute path: the bundle may live outside the repository (a test's scratch folder).
      return resolved && { id: resolved.id, external: 'absolute' };
    },
  };
}

/**
 * Each module keeps its source file's URL as `import.meta.url`, so the files it reads beside itself
 * (the built web app, the seed feed, the parse worker, GraphiQL's boot script) resolve as from the sources.
 */
function sourceUrls(): Plugin {
  return {
    name: 'papergraph:source-urls',
    transform: {
      filter: { code: 'import.meta.' },
      handler(code, id) {
        const values = {
          url: JSON.stringify(pathToFileURL(id).href),
          dirname: JSON.stringify(dirname(id)),
          filename: JSON.stringify(id),
        };
        const edited = new RolldownMagicString(code);
        for (const match of code.matchAll(/\bimport\.meta\.(url|dirname|filename)\b/g)) {
          const property = match[1] as keyof typeof values;
          edited.overwrite(match.index, match.index + match[0].length, values[property]);
        }
        return { code: edited };
      },
    },
  };
}

export async function buildServerBundle(outputDir: string): Promise<void> {
  const { output } = await build({
    input: ENTRIES,
    platform: 'node',
    external: [/^node:/, ...builtinModules],
    plugins: [externalDependencies(), sourceUrls()],
    logLevel: 'warn',
    output: {
      dir: outputDir,
      format: 'esm',
      // An all-ASCII chunk is read into a one-byte string (a non-ASCII character anywhere makes Node
      // decode it as UTF-8 into a two-byte one), and without comments there is less to read and hash.
      charset: 'ascii',
      comments: false,
      // Stack traces name the .ts files: stackTraces.ts maps their frames through these maps.
      sourcemap: true,
      sourcemapExcludeSources: true,
      entryFileNames: '[name].js',
      chunkFileNames: '[name]-[hash].js',
    },
  });
  const modules = Object.fromEntries(
    output.flatMap((file) => (file.type === 'chunk' ? [[file.fileName, file.moduleIds]] : [])),
  );
  await writeFile(join(outputDir, MODULES_FILE), JSON.stringify(modules, null, 1));
  // Outside any package scope (under node_modules) Node would parse every chunk twice to tell ES
  // modules from CommonJS.
  await writeFile(join(outputDir, 'package.json'), '{ "type": "module" }\n');
}
