// The web app bundles the server's identifier modules for the browser: everything it reaches through
// @papergraph/server must run there (no node: built-ins) and need only packages the web app has.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SERVER_PACKAGE = '@papergraph/server/';
/** `from '…'`, `import '…'` and `import('…')`. */
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g;

function specifiersIn(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(SPECIFIER)].map((match) => match[1] ?? '');
}

/** Server modules the web app's sources import by package name. */
function serverEntryPoints(): string[] {
  const webSources = readdirSync(path.join(ROOT, 'web/src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(?:ts|svelte)$/.test(file))
    .map((file) => path.join(ROOT, 'web/src', file));
  return webSources
    .flatMap(specifiersIn)
    .filter((specifier) => specifier.startsWith(SERVER_PACKAGE))
    .map((specifier) => path.join(ROOT, 'server/src', specifier.slice(SERVER_PACKAGE.length)));
}

/** Every server module reachable from the entry points, and the outside specifiers they import. */
function reachable(entryPoints: string[]): { modules: Set<string>; outside: Set<string> } {
  const modules = new Set<string>();
  const outside = new Set<string>();
  const pending = [...entryPoints];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (modules.has(file)) continue;
    modules.add(file);
    for (const specifier of specifiersIn(file)) {
      if (specifier.startsWith('.')) pending.push(path.resolve(path.dirname(file), specifier));
      else outside.add(specifier);
    }
  }
  return { modules, outside };
}

describe('server modules the web app bundles', () => {
  const { modules, outside } = reachable(serverEntryPoints());
  const web = JSON.parse(readFileSync(path.join(ROOT, 'web/package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const webPackages = new Set(Object.keys({ ...web.dependencies, ...web.devDependencies }));

  it('include the identifier and episode-id modules', () => {
    const relative = [...modules].map((file) => path.relative(ROOT, file));
    expect(relative).toContain('server/src/ids/paperId.ts');
    expect(relative).toContain('server/src/domain/episodeId.ts');
  });

  it('import no Node built-in and no package the web app lacks', () => {
    for (const specifier of outside) {
      expect(specifier, specifier).not.toMatch(/^node:/);
      const packageName = specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1);
      expect(webPackages, specifier).toContain(packageName.join('/'));
    }
  });
});
