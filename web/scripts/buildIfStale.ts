// Builds the explorer only when its sources changed since the last successful build, so a second
// `npm start` serves at once.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { sourceFingerprint } from '../../server/src/bundle/fingerprint.ts';
import { runNodeQuietly } from '../../server/src/bundle/quietChild.ts';
import { writePersistedDocuments } from './persistedDocuments.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const webRoot = join(repoRoot, 'web');

/** Everything the built app is made of: the web workspace, the lockfile, and the server modules it bundles. */
export const BUILD_INPUTS = [
  'web/src',
  'web/static',
  'web/scripts',
  'web/package.json',
  'web/tsconfig.json',
  'web/vite.config.ts',
  'package-lock.json',
  // The web app may import only these server folders (the dependency rule); a test keeps this list true.
  'server/src/ids',
  'server/src/domain',
] as const;

/** Where the fingerprint of the sources of the current build is kept: inside the build, so a fresh build replaces it. */
export const FINGERPRINT_FILE = join(webRoot, 'build', '.sources-sha256');

async function storedFingerprint(): Promise<string | null> {
  return readFile(FINGERPRINT_FILE, 'utf8').catch(() => null);
}

/** Runs `vite build` with its output held back; the output is printed in full only if it fails. */
function viteBuild(): Promise<void> {
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  return runNodeQuietly([vite, 'build'], 'vite build failed', webRoot);
}

export async function buildIfStale(): Promise<'built' | 'up to date'> {
  const fingerprint = await sourceFingerprint(repoRoot, BUILD_INPUTS);
  const stored = await storedFingerprint();
  if (stored === fingerprint) return 'up to date';
  console.log(
    stored === null
      ? 'Building the explorer (the first time; later starts reuse the build)…'
      : 'Building the explorer (its sources changed since the last build)…',
  );
  // The API trusts the documents this build sends.
  await writePersistedDocuments();
  await viteBuild();
  await writeFile(FINGERPRINT_FILE, fingerprint);
  return 'built';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  buildIfStale().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
