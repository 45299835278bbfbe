// Builds the bundle of the current sources when a start finds none; serverBundle.ts loads this module
// only then, so a start from an up-to-date bundle reads none of it. One build under a lock however
// many starts wait for it, written whole, named by the inputs' contents.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  mkdir,
  open,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { getCompileCacheDir } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { processIsRunning } from '../store/shared/processIsRunning.ts';
import {
  BUILDING_LINE,
  BUNDLE_INPUTS,
  COMPILE_CACHE,
  compileCacheDir,
  markUsed,
  readFileOrNull,
  REPO_ROOT,
} from './bundleCache.ts';
import { sourceFingerprint } from './fingerprint.ts';
import { runNodeQuietly } from './quietChild.ts';

const THIS_FILE = fileURLToPath(import.meta.url);

/** A start that waits longer than this for another start's build runs from the sources. */
const WAIT_FOR_OTHER_BUILD_MS = 180_000;

/** Bundles no start has used for this long are removed after a build (a running server may still load chunks of its own). */
const UNUSED_BUNDLE_MS = 3_600_000;

/** Builds (or waits for) the bundle of the current sources, then names it in `stampFile`. */
export async function buildBundle(cacheDir: string, stampFile: string): Promise<string> {
  const name = await bundleName();
  const bundle = await bundleOf(name, cacheDir);
  // Written whole, then renamed: a start reading it at the same moment sees no stamp or all of it.
  const written = `${stampFile}.${process.pid}`;
  await writeFile(written, name);
  await rename(written, stampFile);
  return bundle;
}

async function bundleOf(name: string, cacheDir: string): Promise<string> {
  const bundle = join(cacheDir, name);
  if (markUsed(bundle)) return bundle;
  await mkdir(cacheDir, { recursive: true });
  const lockFile = `${bundle}.lock`;
  const deadline = Date.now() + WAIT_FOR_OTHER_BUILD_MS;
  for (;;) {
    if (await takeLock(lockFile)) {
      try {
        // Another start may have built it between the check above and the lock.
        if (markUsed(bundle)) return bundle;
        const firstBuild = (await bundlesIn(cacheDir)).length === 0;
        console.log(
          firstBuild
            ? `${BUILDING_LINE} (the first time; later starts reuse it)…`
            : `${BUILDING_LINE} (its sources changed since the last build)…`,
        );
        const building = `${bundle}.tmp-${process.pid}`;
        await rm(building, { recursive: true, force: true });
        try {
          await buildInChildProcess(building);
          // Whole or not at all: a start that finds the folder finds every chunk in it.
          await rename(building, bundle);
        } finally {
          await rm(building, { recursive: true, force: true });
        }
        // The compiled code of earlier bundles: no start loads their chunks again.
        await rm(compileCacheDir(cacheDir), { recursive: true, force: true });
        // Given that folder at launch (npm start, the bench), Node writes this process's code into it
        // at exit, and writes nothing if the folder is gone: the next start would compile everything.
        const inUse = getCompileCacheDir();
        if (inUse !== undefined) await mkdir(inUse, { recursive: true });
        await removeUnused(cacheDir, name);
        return bundle;
      } finally {
        await unlink(lockFile).catch(() => {});
      }
    }
    // Another start holds the lock: wait for its bundle.
    if (Date.now() > deadline)
      throw new Error(`another start has held ${lockFile} for ${WAIT_FOR_OTHER_BUILD_MS / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    if (markUsed(bundle)) return bundle;
  }
}

/**
 * The inputs' fingerprint and the repository's location: the bundle holds absolute paths (each
 * module's source URL), so a moved checkout builds its own.
 */
async function bundleName(): Promise<string> {
  const fingerprint = await sourceFingerprint(REPO_ROOT, BUNDLE_INPUTS);
  return createHash('sha256').update(fingerprint).update(REPO_ROOT).digest('hex').slice(0, 20);
}

/** Creates the lock file, or takes over one whose process has ended; false while another holds it. */
async function takeLock(lockFile: string): Promise<boolean> {
  try {
    const handle = await open(lockFile, 'wx');
    await handle.writeFile(String(process.pid));
    await handle.close();
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const holder = Number(await readFile(lockFile, 'utf8').catch(() => ''));
  // An empty file is a lock being written this instant: its holder is alive.
  if (holder > 0 && !processIsRunning(holder)) {
    await unlink(lockFile).catch(() => {});
    return takeLock(lockFile);
  }
  return false;
}

async function bundlesIn(cacheDir: string): Promise<string[]> {
  const entries = await readdir(cacheDir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && !e.name.includes('.') && e.name !== COMPILE_CACHE)
    .map((e) => e.name);
}

/**
 * Bundles no start used for an hour, folders of builds whose process ended midway, and stamps that
 * name a bundle no longer kept.
 */
async function removeUnused(cacheDir: string, current: string): Promise<void> {
  const entries = await readdir(cacheDir, { withFileTypes: true });
  const others = entries.filter(
    (e) => e.isDirectory() && e.name !== current && e.name !== COMPILE_CACHE,
  );
  for (const entry of others) {
    const path = join(cacheDir, entry.name);
    const builder = /\.tmp-(\d+)$/.exec(entry.name)?.[1];
    const unused =
      builder !== undefined
        ? !processIsRunning(Number(builder))
        : Date.now() - (await stat(path)).mtimeMs > UNUSED_BUNDLE_MS;
    if (unused) await rm(path, { recursive: true, force: true });
  }
  for (const entry of entries.filter((e) => e.isFile() && e.name.endsWith('.stamp'))) {
    const path = join(cacheDir, entry.name);
    const named = readFileOrNull(path);
    if (named !== null && !existsSync(join(cacheDir, named))) await unlink(path).catch(() => {});
  }
}

/** Runs build.ts in a child process; its output is shown only when it fails. */
function buildInChildProcess(outputDir: string): Promise<void> {
  return runNodeQuietly([THIS_FILE, 'build', outputDir], 'the bundler failed; its output is above');
}

if (process.argv[1] === THIS_FILE && process.argv[2] === 'build' && process.argv[3]) {
  const { buildServerBundle } = await import('./build.ts');
  await buildServerBundle(process.argv[3]);
}
