// Starts the server from its bundle (build.ts), built again only when its sources or the lockfile
// changed: Node then loads tens of files instead of ~1,300 modules, about half the CPU to a first
// answer (docs/performance.md). A start that cannot build the bundle runs from the sources. This
// module is the quick path of every start; the build (rebuild.ts) loads only when a start needs it.
import { createHash } from 'node:crypto';
import { enableCompileCache } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import {
  BUNDLE_INPUTS,
  bundleCacheDir,
  compileCacheDir,
  markUsed,
  readFileOrNull,
  REPO_ROOT,
} from './bundleCache.ts';
import { inputStamp } from './fingerprint.ts';
import { mapStackTracesOf } from './stackTraces.ts';

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
  const cacheDir = bundleCacheDir();
  let bundle: string | null;
  try {
    bundle = await upToDateBundle(cacheDir);
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
  // A start then skips compiling what it loads. When NODE_COMPILE_CACHE gave a folder at launch,
  // Node keeps that one.
  enableCompileCache(compileCacheDir(cacheDir));
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
