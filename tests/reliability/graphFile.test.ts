// The embedded store's graph file (papergraph.graph): an open uses it only when it is whole, of this
// format, and written for the graph version SQLite holds; a kill -9 between COMMIT and its write, a
// flipped byte, a cut-off file, an older format or another database's file is each detected, rebuilt
// from SQLite and rewritten, and the answers are those of the database, never of the file.
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterEach, describe, expect, it } from 'vitest';

import { citedPaperIds, type ImportBatch } from '../../server/src/domain/model.ts';
import { GRAPH_FILE_FORMAT, graphFilePath } from '../../server/src/store/embedded/graphFile.ts';
import { createEmbeddedStore, type GraphLoad } from '../../server/src/store/embedded/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { arxivPaper, batchOf, episode, generateCorpus } from '../helpers/batchBuilder.ts';
import { EVERY_CITATION, relatedOf } from '../helpers/storeCalls.ts';
import { makeTempDir } from '../helpers/stores.ts';

const WORKER = fileURLToPath(new URL('./graphFileWorker.ts', import.meta.url));

/** 2,000 episodes, then revisions that drop papers, then new ones: patched lists, removed nodes, new ids. */
function corpus(): ImportBatch[] {
  const first = generateCorpus({
    episodes: 2_000,
    papers: 400,
    recommendationsPerEpisode: 5,
    seed: 11,
  });
  const revised = generateCorpus({
    episodes: 300,
    papers: 400,
    recommendationsPerEpisode: 2,
    seed: 12,
    revision: ' (v2)',
  });
  const papers = [
    arxivPaper('2602.00001', 'Ein Titel mit Umlauten: äöü ß'),
    arxivPaper('2401.00003', null),
    arxivPaper('2602.00002', null),
  ];
  const unicode = episode({
    title: 'Über-Modelle — 日本語の論文 🚀',
    source: papers[0]!,
    recommends: papers.slice(1),
  });
  return [first, revised, batchOf([unicode], papers)];
}

/** A batch no other store here has: what a file from another database would describe. */
const otherCorpus = () =>
  generateCorpus({
    episodes: 500,
    papers: 200,
    recommendationsPerEpisode: 4,
    seed: 99,
    sourcePrefix: '2701',
  });

/** Graph answers: related, citedBy, focused and overview graphs, a path, counts. */
async function answers(store: GraphStore) {
  const page = await store.listEpisodes({ offset: 0, limit: 60 });
  const episodeIds = page.items.map((e) => e.id);
  const paperIds = [...new Set(page.items.flatMap((e) => citedPaperIds(e)))].slice(0, 60);
  return {
    related: await Promise.all(episodeIds.map((id) => relatedOf(store, id, 8))),
    citedBy: await store.citationsByPaperIds(paperIds, EVERY_CITATION),
    graphs: await Promise.all(
      episodeIds
        .slice(0, 8)
        .map((id) => store.graph({ focus: id, depth: 2, limit: 300, minCitations: 1 })),
    ),
    overview: await store.graph({ depth: 1, limit: 400, minCitations: 2 }),
    path: await store.path(episodeIds[0]!, episodeIds.at(-1)!),
    stats: await store.stats(),
  };
}

describe('embedded store graph file', () => {
  const dirs: string[] = [];
  const stores: GraphStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  const tempDir = async () => {
    const dir = await makeTempDir('graph-file');
    dirs.push(dir);
    return dir;
  };
  /** Opens the store and records how it got its graph. */
  const open = async (dataDir: string) => {
    const loads: GraphLoad[] = [];
    const store = await createEmbeddedStore({ dataDir, onGraphLoad: (load) => loads.push(load) });
    stores.push(store);
    return { store, load: loads[0]! };
  };
  const close = async (store: GraphStore) => {
    stores.splice(stores.indexOf(store), 1);
    await store.close();
  };
  /** A closed DATA_DIR holding `batches`, with its graph file written at close. */
  const importedDir = async (batches: ImportBatch[]) => {
    const dir = await tempDir();
    const { store } = await open(dir);
    for (const batch of batches) await store.importBatch(batch);
    const expected = await answers(store);
    await close(store);
    return { dir, expected };
  };
  /** Reopens `dir`: the graph must come from SQLite for `reason`, answer `expected`, and be saved again. */
  const expectRebuilt = async (dir: string, reason: RegExp, expected: unknown) => {
    const rebuilt = await open(dir);
    expect(rebuilt.load).toMatchObject({ from: 'sqlite', reason: expect.stringMatching(reason) });
    expect(await answers(rebuilt.store)).toEqual(expected);
    await close(rebuilt.store);
    const again = await open(dir);
    expect(again.load.from).toBe('graph file');
    expect(await answers(again.store)).toEqual(expected);
  };

  it(
    'reopens from the file with the answers it had, and from SQLite alike without the file',
    { timeout: 120_000 },
    async () => {
      const { dir, expected } = await importedDir(corpus());
      const fromFile = await open(dir);
      expect(fromFile.load.from).toBe('graph file');
      expect(await answers(fromFile.store)).toEqual(expected);

      // Changes after an open from the file (ids the file's table does not hold, a removal) survive a
      // save and reopen too, and equal a rebuild from SQLite.
      const more = generateCorpus({
        episodes: 200,
        papers: 400,
        recommendationsPerEpisode: 3,
        seed: 13,
        sourcePrefix: '2603',
      });
      await fromFile.store.importBatch(more);
      const removed = await fromFile.store.removeEpisode(more.episodes[0]!.id);
      expect(removed).not.toBeNull();
      const changed = await answers(fromFile.store);
      expect(changed).not.toEqual(expected);
      await close(fromFile.store);
      const reopened = await open(dir);
      expect(reopened.load.from).toBe('graph file');
      expect(await answers(reopened.store)).toEqual(changed);
      await close(reopened.store);

      rmSync(graphFilePath(dir));
      await expectRebuilt(dir, /no graph file/, changed);
    },
  );

  it(
    'kill -9 between COMMIT and the graph file write: the old file is refused, the committed import is served',
    { timeout: 120_000 },
    async () => {
      const [first, ...later] = corpus();
      const { dir } = await importedDir([first!]);
      const oldFile = readFileSync(graphFilePath(dir));
      const batchFile = join(await tempDir(), 'later.json');
      writeFileSync(
        batchFile,
        JSON.stringify(
          batchOf(
            later.flatMap((b) => b.episodes),
            later.flatMap((b) => b.papers),
          ),
        ),
      );

      expect(await importThenKill(dir, batchFile)).toMatch(/^committed \d+ added \d+ updated/);
      // The window was hit: the file on disk is still the one from before the import.
      expect(readFileSync(graphFilePath(dir)).equals(oldFile)).toBe(true);

      const { expected } = await importedDir([
        first!,
        batchOf(
          later.flatMap((b) => b.episodes),
          later.flatMap((b) => b.papers),
        ),
      ]);
      await expectRebuilt(dir, /another state of the database/, expected);
    },
  );

  it('a flipped byte fails the checksum', { timeout: 60_000 }, async () => {
    const { dir, expected } = await importedDir(corpus());
    const path = graphFilePath(dir);
    const bytes = readFileSync(path);
    // Middle of the file: inside the arrays, past the header.
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    writeFileSync(path, bytes);
    await expectRebuilt(dir, /checksum mismatch/, expected);
  });

  it('a cut-off file is truncated, however short', { timeout: 60_000 }, async () => {
    const { dir, expected } = await importedDir(corpus());
    const path = graphFilePath(dir);
    const size = readFileSync(path).length;
    const template = await tempDir();
    cpSync(dir, template, { recursive: true });
    truncateSync(path, Math.floor(size * 0.7));
    await expectRebuilt(dir, /truncated/, expected);
    for (const [length, reason] of [
      [12, /not a graph file/],
      [0, /not a graph file/],
      [size - 1, /truncated|checksum mismatch/],
    ] as const) {
      const copy = await tempDir();
      cpSync(template, copy, { recursive: true });
      truncateSync(graphFilePath(copy), length);
      await expectRebuilt(copy, reason, expected);
    }
  });

  it('a file of an older format is not read', { timeout: 60_000 }, async () => {
    const { dir, expected } = await importedDir(corpus());
    const path = graphFilePath(dir);
    const bytes = readFileSync(path);
    bytes.writeUInt32LE(GRAPH_FILE_FORMAT - 1, 8);
    writeFileSync(path, bytes);
    await expectRebuilt(
      dir,
      new RegExp(`format ${GRAPH_FILE_FORMAT - 1}, this papergraph reads ${GRAPH_FILE_FORMAT}`),
      expected,
    );
  });

  it("another database's file is not used, even a whole one", { timeout: 60_000 }, async () => {
    const mine = await importedDir(corpus());
    const other = await importedDir([otherCorpus()]);
    expect(other.expected).not.toEqual(mine.expected);
    copyFileSync(graphFilePath(other.dir), graphFilePath(mine.dir));
    await expectRebuilt(mine.dir, /another state of the database/, mine.expected);
  });

  it(
    'a CLI-style open never loads the graph, and its import makes the old file stale',
    { timeout: 60_000 },
    async () => {
      const [first, ...later] = corpus();
      const { dir } = await importedDir([first!]);
      const loads: GraphLoad[] = [];
      const headless = await createEmbeddedStore({
        dataDir: dir,
        loadGraph: 'whenQueried',
        onGraphLoad: (load) => loads.push(load),
      });
      for (const batch of later) await headless.importBatch(batch);
      await headless.close();
      expect(loads).toEqual([]);
      const { expected } = await importedDir([first!, ...later]);
      await expectRebuilt(dir, /another state of the database/, expected);
    },
  );
});

/** Runs the worker on `dataDir`, SIGKILLs it once it reports the commit; resolves with what it said. */
function importThenKill(dataDir: string, batchFile: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WORKER, dataDir, batchFile], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('\n')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(stdout);
      else reject(new Error(`worker exited on its own before the kill: ${stdout}${stderr}`));
    });
  });
}
