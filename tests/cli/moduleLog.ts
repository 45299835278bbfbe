// Which modules a running server has loaded, as source files: a module hook preloaded into the server
// records every URL it resolves; a URL of a bundle's chunk stands for the source modules in that chunk
// (the bundle's modules.json).
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { waitUntil } from '../helpers/processes.ts';

/**
 * Preloaded into the server (NODE_OPTIONS=--import): records every module it resolves and, on SIGUSR2,
 * writes their URLs to MODULE_LOG_FILE. A data: URL, as NODE_OPTIONS takes no quoted paths.
 */
const MODULE_LOG_HOOK = `data:text/javascript;base64,${Buffer.from(
  `
  import { writeFileSync } from 'node:fs';
  import { registerHooks } from 'node:module';
  const loaded = new Set();
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      loaded.add(resolved.url);
      return resolved;
    },
  });
  process.on('SIGUSR2', () => writeFileSync(process.env.MODULE_LOG_FILE, JSON.stringify([...loaded])));
`,
).toString('base64')}`;

/** The environment that preloads the hook into a server writing its list to `logFile`. */
export function moduleLogEnv(logFile: string): Record<string, string> {
  return { NODE_OPTIONS: `--import ${MODULE_LOG_HOOK}`, MODULE_LOG_FILE: logFile };
}

export interface LoadedModules {
  /** The URLs the server resolved (bundle chunks as they are). */
  resolved: string[];
  /** The same with each chunk replaced by the URLs of the source modules it holds. */
  sources: string[];
}

/** The modules `child` (started with moduleLogEnv(logFile)) has loaded so far. */
export async function loadedModules(child: ChildProcess, logFile: string): Promise<LoadedModules> {
  await rm(logFile, { force: true });
  child.kill('SIGUSR2');
  await waitUntil(
    async () => (await stat(logFile).catch(() => null)) !== null,
    child,
    10_000,
    'module log',
  );
  await new Promise((resolve) => setTimeout(resolve, 50)); // written in one call; let it finish
  const resolved = JSON.parse(await readFile(logFile, 'utf8')) as string[];
  const chunkContents = new Map<string, Record<string, string[]>>();
  const sources: string[] = [];
  for (const url of resolved) {
    const path = url.startsWith('file:') ? fileURLToPath(url) : null;
    const manifest = path === null ? null : join(dirname(path), 'modules.json');
    if (path === null || manifest === null || !existsSync(manifest)) {
      sources.push(url);
      continue;
    }
    if (!chunkContents.has(manifest))
      chunkContents.set(manifest, JSON.parse(await readFile(manifest, 'utf8')));
    const modules = chunkContents.get(manifest)![path.slice(dirname(path).length + 1)] ?? [];
    for (const id of modules) if (id.startsWith('/')) sources.push(pathToFileURL(id).href);
  }
  return { resolved, sources };
}
