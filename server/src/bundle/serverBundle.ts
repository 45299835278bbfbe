// Starts the server from its bundle (build.ts), built again only when its sources or the lockfile
// changed: Node then loads tens of files instead of ~1,300 modules, about half the CPU to a first
// answer (docs/performance.md). A start that cannot build the bundle runs from the sources. This
// module is the quick path of every start; the build (rebuild.ts) loads only when a start needs it.
import { createHash } from 'node:crypto';
import { enableCompileCache } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { BUNDLE_INPUTS, markUsed, readFileOrNull, REPO_ROOT } from './bundleCache.ts';
import { inputStamp } from './fingerprint.ts';
import { mapStackTracesOf } from './stackTraces.ts';

/** Beside the project's dependencies: kept across restarts, gone with a fresh install. */
const DEFAULT_CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'papergraph-server');

/** The folder in a bundle that holds V8's code cache of its chunks. */
const COMPILE_CACHE = 'compile-cache';

const FROM_SOURCES = {
  serve: () => import('../serve.ts'),
  api: () => import('./apiOnly.ts'),
};

export type ServerEntry = keyof typeof FROM_SOURCES;

/**
 * Runs `entry` (serve.ts for `npm start`, apiOnly.ts for the bench) from an up-to-date bundle, with
 * stack traces mapped to the .ts files; from the sources when the bundle cannot be built.
 */
export async function runServer(entry: ServerEntry): Promise<void> {
  let bundle: string | null;
  try {
    // SERVER_BUNDLE_DIR keeps the bundles elsewhere (the tests' scratch folders).
    bundle = await upToDateBundle(process.env.SERVER_BUNDLE_DIR || DEFAULT_CACHE_DIR);
  } catch (error) {
    console.error(
      `The server bundle could not be built, so the server starts from its sources (slower): ${firstLine(error)}`,
    );
    bundle = null;
  }
  if (bundle === null) {
    await FROM_SOURCES[entry]();
    return;
  }
  mapStackTracesOf(bundle);
  // V8's compiled code of the chunks, kept beside them: a start then skips compiling what it loads.
  enableCompileCache(join(bundle, COMPILE_CACHE));
  await import(pathToFileURL(join(bundle, `${entry}.js`)).href);
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.trim().split('\n')[0] ?? '';
}

/** The folder of the bundle of the current sources, built first when there is none. */
async function upToDateBundle(cacheDir: string): Promise<string> {
  const stampFile = join(cacheDir, `${stampOfInputs()}.stamp`);
  const named = readFileOrNull(stampFile);
  if (named !== null && markUsed(join(cacheDir, named))) return join(cacheDir, named);
  const { buildBundle } = await import('./rebuild.ts');
  return buildBundle(cacheDir, stampFile);
}

/** The inputs' sizes and times, and the repository's location (see rebuild.ts, bundleName). */
function stampOfInputs(): string {
  const stamp = inputStamp(REPO_ROOT, BUNDLE_INPUTS);
  return createHash('sha256').update(stamp).update(REPO_ROOT).digest('hex').slice(0, 20);
}
