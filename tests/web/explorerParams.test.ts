// urlState.ts is the one home of the explorer's URL parameter names: explorer code reads and writes
// them through it, never as string literals of its own.
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { PARAM } from '../../web/src/lib/urlState.ts';

const WEB_SRC = resolve(import.meta.dirname, '../../web/src');
const EXPLORER_CODE = ['routes/(explorer)', 'lib/explorer', 'lib/graph', 'lib/components'];

/** A parameter written out: a form field's name, a query string, or a URLSearchParams call. */
function literalUses(name: string): RegExp {
  return new RegExp(
    `name=["']${name}["']|[?&]${name}=|\\.(get|getAll|set|append|has|delete)\\(["'\`]${name}["'\`]`,
  );
}

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(join(WEB_SRC, dir), { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && /\.(ts|svelte)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('explorer URL parameter names', () => {
  it('appear as literals only in urlState.ts', async () => {
    const files = (await Promise.all(EXPLORER_CODE.map(sourceFiles))).flat();
    expect(files.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      for (const name of Object.values(PARAM))
        if (literalUses(name).test(text)) found.push(`${file}: ${name}`);
    }
    expect(found).toEqual([]);
  });

  it('are caught when written out', () => {
    expect(literalUses(PARAM.selected).test('<input type="hidden" name="sel" />')).toBe(true);
    expect(literalUses(PARAM.focus).test("goto('/?focus=' + id)")).toBe(true);
    expect(literalUses(PARAM.hidden).test("query.getAll('hide')")).toBe(true);
    expect(literalUses(PARAM.focus).test('name={PARAM.focus}')).toBe(false);
  });
});
