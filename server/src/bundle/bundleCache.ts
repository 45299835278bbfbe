// Where the server's bundles live and how a start tells that one is whole: shared by a start's quick
// path (serverBundle.ts) and the build a start runs when its sources changed (rebuild.ts).
import { existsSync, readFileSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

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
