// The built web app the web rows measure. A full bench run rebuilds it so the numbers are of the
// current code; a quick run reuses an existing build. Either way the bench works on a private copy,
// so another process rebuilding web/build meanwhile cannot pull files from under it.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WEB_DIR = join(ROOT, 'web');
const BUILD_DIR = join(WEB_DIR, 'build');

function complete(dir: string): boolean {
  return existsSync(join(dir, 'handler.js')) && existsSync(join(dir, 'client/_app/version.json'));
}

function buildWeb(): void {
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: WEB_DIR,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`web build failed:\n${result.stdout}\n${result.stderr}`);
}

/** A private copy of web/build (built first when `rebuild` or when there is none). */
export async function webBuildSnapshot(
  rebuild: boolean,
  log: (line: string) => void,
): Promise<string> {
  if (rebuild || !complete(BUILD_DIR)) {
    log('web: building web/ (vite build)');
    buildWeb();
  }
  const copy = await mkdtemp(join(tmpdir(), 'papergraph-bench-web-'));
  // The adapter-node build imports its dependencies from node_modules: keep it beside web/ so
  // resolution still finds them, i.e. copy into a sibling folder of the original.
  cpSync(BUILD_DIR, copy, { recursive: true });
  if (!complete(copy))
    throw new Error('web/build changed while it was being copied; run the bench again');
  return copy;
}
