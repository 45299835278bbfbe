// What a build was made from: a hash of its input files, so a start rebuilds only after they change.
// Shared by the explorer's build (web/scripts/buildIfStale.ts) and the server bundle (serverBundle.ts).
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

async function filesUnder(path: string): Promise<string[]> {
  const entries = await readdir(path, { withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOTDIR') return null;
      if (error.code === 'ENOENT') return [];
      throw error;
    },
  );
  if (entries === null) return [path];
  const nested = await Promise.all(
    entries.map((entry) => filesUnder(join(entry.parentPath, entry.name))),
  );
  return nested.flat();
}

/** SHA-256 over every input file's path and content, in a stable order. */
export async function sourceFingerprint(root: string, inputs: readonly string[]): Promise<string> {
  const files = (await Promise.all(inputs.map((input) => filesUnder(join(root, input))))).flat();
  const paths = files.map((path) => relative(root, path)).sort();
  const contents = await Promise.all(paths.map((path) => readFile(join(root, path))));
  const hash = createHash('sha256');
  paths.forEach((path, i) => hash.update(path).update('\0').update(contents[i]!).update('\0'));
  return hash.digest('hex');
}

/**
 * SHA-256 over every input file's path, size and modification time: a few milliseconds where the
 * content fingerprint reads every byte. Equal stamps stand for equal contents, as in make; a changed
 * stamp is checked against the contents before anything is rebuilt.
 */
export function inputStamp(root: string, inputs: readonly string[]): string {
  const hash = createHash('sha256');
  const files = inputs.flatMap((input) => {
    const path = join(root, input);
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats === undefined) return [];
    if (!stats.isDirectory()) return [path];
    return readdirSync(path, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  });
  for (const file of files.sort()) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${relative(root, file)}\0${size}\0${mtimeMs}\0`);
  }
  return hash.digest('hex');
}
