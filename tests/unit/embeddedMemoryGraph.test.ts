// The embedded store's compact in-memory graph: what imports build incrementally (patched neighbour
// lists, compaction, updates that drop papers) answers exactly like the graph loaded from SQLite, and
// the limited citedBy path returns the same rows the full list starts with.
import { rm } from 'node:fs/promises';

import { afterAll, describe, expect, it } from 'vitest';

import type { ImportBatch } from '../../server/src/domain/model.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { generateCorpus } from '../helpers/batchBuilder.ts';
import { EVERY_CITATION, relatedOf } from '../helpers/storeCalls.ts';
import { makeTempDir } from '../helpers/stores.ts';

const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Big enough (5,000+ changed nodes) that the graph compacts its patched lists at least once. */
function batches(): ImportBatch[] {
  const first = generateCorpus({
    episodes: 5_000,
    papers: 300,
    recommendationsPerEpisode: 3,
    seed: 1,
    sourcePrefix: '2501',
  });
  const revised = generateCorpus({
    episodes: 400,
    papers: 300,
    recommendationsPerEpisode: 2,
    seed: 2,
    sourcePrefix: '2501',
    revision: ' (v2)',
  });
  const more = generateCorpus({
    episodes: 300,
    papers: 300,
    recommendationsPerEpisode: 4,
    seed: 3,
    sourcePrefix: '2502',
  });
  return [first, revised, more];
}

async function answers(store: GraphStore, episodeIds: string[], paperIds: string[]) {
  const related = await Promise.all(episodeIds.map((id) => relatedOf(store, id, 7)));
  const graphs = await Promise.all(
    episodeIds
      .slice(0, 10)
      .map((id) => store.graph({ focus: id, depth: 2, limit: 300, minCitations: 1 })),
  );
  const overview = await store.graph({ depth: 1, limit: 400, minCitations: 3 });
  const pathLengths = await Promise.all(
    episodeIds
      .slice(0, 10)
      .map(async (id, i) => (await store.path(id, paperIds[i]!))?.nodes.length ?? null),
  );
  return { related, graphs, overview, pathLengths, stats: await store.stats() };
}

describe('embedded store memory graph', () => {
  it(
    'answers the same after incremental imports as after a reload from SQLite',
    { timeout: 240_000 },
    async () => {
      const dir = await makeTempDir('memory-graph');
      dirs.push(dir);
      const live = await createEmbeddedStore({ dataDir: dir });
      for (const batch of batches()) await live.importBatch(batch);
      const episodeIds = batches()[1]!
        .episodes.slice(0, 40)
        .map((e) => e.id);
      const paperIds = (await live.listPapers({ offset: 0, limit: 40 })).items.map((p) => p.id);
      const before = await answers(live, episodeIds, paperIds);
      await live.close();
      const reloaded = await createEmbeddedStore({ dataDir: dir });
      try {
        expect(await answers(reloaded, episodeIds, paperIds)).toEqual(before);
        expect(before.related.some((list) => list.length === 7)).toBe(true);
      } finally {
        await reloaded.close();
      }
    },
  );

  it(
    'limited citedBy returns the first rows of the full list, for the most cited papers too',
    { timeout: 240_000 },
    async () => {
      const dir = await makeTempDir('memory-graph');
      dirs.push(dir);
      const store = await createEmbeddedStore({ dataDir: dir });
      try {
        for (const batch of batches()) await store.importBatch(batch);
        const papers = (await store.listPapers({ offset: 0, limit: 30 })).items.map((p) => p.id);
        const sources = batches()[2]!
          .episodes.slice(0, 5)
          .map((e) => e.sourcePaperId!);
        const ids = [...papers, ...sources, 'arxiv:0000.00000'];
        const full = await store.citationsByPaperIds(ids, EVERY_CITATION);
        for (const limit of [1, 5, 50, 10_000]) {
          expect(await store.citationsByPaperIds(ids, limit)).toEqual(
            full.map((list) => list.slice(0, limit)),
          );
        }
        expect(full[0]!.length).toBeGreaterThan(50);
      } finally {
        await store.close();
      }
    },
  );
});
