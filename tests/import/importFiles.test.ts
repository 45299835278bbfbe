// Importing several feed files as one import (what `npm run import -- a b c` does): files are parsed on
// a worker thread while the store writes, every file lands or none does, and one error lists the
// problems of every bad file.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ImportBatch } from '../../server/src/domain/model.ts';
import { ImportError } from '../../server/src/import/errors.ts';
import { importFiles } from '../../server/src/import/importFiles.ts';
import { importFeedContent } from '../../server/src/import/pipeline.ts';
import { toJsonExport } from '../../server/src/import/readers/json.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { SEED_RSS } from './seedFiles.ts';

const seed = importFeedContent(SEED_RSS);
const part = (from: number, to: number): ImportBatch => ({
  episodes: seed.episodes.slice(from, to),
  papers: seed.papers,
});

let dir: string;
const stores: GraphStore[] = [];
const openStore = async (name: string) => {
  const store = await createEmbeddedStore({ dataDir: join(dir, name) });
  stores.push(store);
  return store;
};
const file = async (name: string, content: string) => {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'papergraph-import-files-'));
});
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

describe('importFiles', () => {
  it('imports several files in order, one result per file, the same store as the seed feed alone', async () => {
    const files = [
      await file('first.json', toJsonExport(part(0, 3))),
      await file('second.json', toJsonExport(part(3, 8))),
      await file('all-again.rss.xml', SEED_RSS),
    ];
    const store = await openStore('parts');
    const results = await importFiles(store, files);
    expect(
      results.map((r) => [r.file, r.added.length, r.updated.length, r.unchanged.length]),
    ).toEqual([
      [files[0], 3, 0, 0],
      [files[1], 5, 0, 0],
      [files[2], 0, 0, 8],
    ]);
    const whole = await openStore('whole');
    await whole.importBatch(seed);
    expect(await store.exportBatch()).toEqual(await whole.exportBatch());
    expect(await store.stats()).toEqual({ episodes: 8, papers: 32, citations: 34 });
  });

  it('stores nothing when any file is bad, and names every bad file, episode and field', async () => {
    const store = await openStore('bad');
    await importFiles(store, [await file('start.json', toJsonExport(part(0, 2)))]);
    const before = await store.exportBatch();
    const untitled = toJsonExport({
      ...part(4, 6),
      episodes: part(4, 6).episodes.map((e, i) => (i === 1 ? { ...e, title: '' } : e)),
    });
    const files = [
      await file('good.json', toJsonExport(part(2, 4))),
      await file('untitled.json', untitled),
      await file('also-good.json', toJsonExport(part(6, 8))),
      join(dir, 'missing.json'),
    ];
    const error = await importFiles(store, files).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportError);
    const issues = (error as ImportError).issues;
    expect(issues.map((i) => i.file)).toEqual([files[1], files[3]]);
    expect(issues[0]).toMatchObject({ episode: expect.stringMatching(/^#2/), field: 'title' });
    expect(issues[1]?.message).toMatch(/ENOENT|no such file/);
    expect(await store.exportBatch()).toEqual(before);
    expect((await store.stats()).episodes).toBe(2);
    expect((await store.episodesByIds([seed.episodes[2]!.id]))[0]).toBeNull();
  });
});
