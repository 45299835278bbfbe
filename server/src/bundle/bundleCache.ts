// Where the server's bundles live and how a start tells that one is whole: shared by a start's quick
// path (serverBundle.ts) and the build a start runs when its sources changed (rebuild.ts).
import { existsSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Beside the project's dependencies: kept across restarts, gone with a fresh install. */
export const DEFAULT_CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'papergraph-server');

/** The folder of the bundles: SERVER_BUNDLE_DIR (the tests' scratch folders) or the default. */
export function bundleCacheDir(): string {
  return process.env.SERVER_BUNDLE_DIR || DEFAULT_CACHE_DIR;
}

/** The folder in the bundles' folder that holds V8's compile cache (compileCacheDir). */
export const COMPILE_CACHE = 'compile-cache';

/**
 * V8's compiled code of what a start loads: the launcher's `.ts` modules and the bundle's chunks.
 * Node keeps one such folder per process; given at launch (NODE_COMPILE_CACHE, as `npm start` and
 * the bench do) it also holds the launcher's type-stripped code, so Node never loads its type
 * stripper. Each build empties it (rebuild.ts): it holds the current bundle's code only.
 */
export function compileCacheDir(cacheDir: string = bundleCacheDir()): string {
  return join(cacheDir, COMPILE_CACHE);
}

/** How a start that builds the bundle says so (rebuild.ts); the bench's timed starts look for it. */
export const BUILDING_LINE = 'Building the server bundle';

/** What the bundle is made of: every server module, the server's dependencies as installed. */
export const BUNDLE_INPUTS = ['server/src', 'server/package.json', 'package-lock.json'] as const;

export function readFileOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/** True when the bundle exists; its folder's time then records this start, for removeUnused (rebuild.ts). */
export function markUsed(bundle: string): boolean {
  if (!existsSync(join(bundle, 'serve.js'))) return false;
  const now = new Date();
  try {
    utimesSync(bundle, now, now);
  } catch {
    // A read-only cache still serves.
  }
  return true;
}
