// Node's compile cache keeps each module's type-stripped source and V8 code between runs, so a
// process loads its thousand modules from disk instead of stripping and compiling them again.
import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Beside the project's dependencies: kept across reboots, gone with a fresh install. */
export const COMPILE_CACHE_DIR = fileURLToPath(
  new URL('../../node_modules/.cache/node-compile-cache', import.meta.url),
);

/**
 * Only modules loaded after this call are cached: call it first and load the rest dynamically.
 * NODE_COMPILE_CACHE chooses another folder and NODE_DISABLE_COMPILE_CACHE turns it off, as in Node.
 */
export function useCompileCache(): void {
  enableCompileCache(process.env.NODE_COMPILE_CACHE || COMPILE_CACHE_DIR);
}
