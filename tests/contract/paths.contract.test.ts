// GraphStore.shortestPaths on every store: every shortest chain between two nodes, in id-sequence order,
// cut at `limit`, checked on a hand-drawn graph and against a brute-force enumeration over a generated corpus.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { citedPaperIds, type GraphView, type ImportBatch } from '../../server/src/domain/model.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { arxivPaper, batchOf, episode, generateCorpus } from '../helpers/batchBuilder.ts';
import { storeFactories } from '../helpers/stores.ts';

// A diamond ladder: hub papers A, B, C; episodes e1, e2 both cite A and B; e3, e4 both cite B and C.
// From e1 to e3: e1-B-e3 (one path, 2 hops). From A to C: A-e1-B-e3-C, A-e1-B-e4-C, A-e2-B-e3-C, A-e2-B-e4-C.
const hub = {
  a: arxivPaper('2501.00001', 'Hub A'),
  b: arxivPaper('2501.00002', 'Hub B'),
  c: arxivPaper('2501.00003', 'Hub C'),
};
const source = (n: number) => arxivPaper(`2502.0000${n}`, `Source ${n}`);
const e1 = episode({ title: 'E1', source: source(1), recommends: [hub.a, hub.b] });
const e2 = episode({ title: 'E2', source: source(2), recommends: [hub.a, hub.b] });
const e3 = episode({ title: 'E3', source: source(3), recommends: [hub.b, hub.c] });
const e4 = episode({ title: 'E4', source: source(4), recommends: [hub.b, hub.c] });
// An episode recommending its own source paper: two links between one pair, one path through them.
const twice = arxivPaper('2502.00009', 'Cited twice');
const e5 = episode({ title: 'E5', source: twice, recommends: [twice, hub.c] });
const lonely = episode({ title: 'Lonely', source: source(7) });
const ladder = batchOf(
  [e1, e2, e3, e4, e5, lonely],
  [hub.a, hub.b, hub.c, twice, source(1), source(2), source(3), source(4), source(7)],
);

const idsOf = (path: GraphView) => path.nodes.map((node) => node.id);
const byIdSequence = (a: string[], b: string[]) => (a.join('\u0000') < b.join('\u0000') ? -1 : 1);

/** Independent oracle: extend every simple walk one hop at a time until some reach `to`. */
function bruteForceShortest(batch: ImportBatch, from: string, to: string): string[][] {
  const adjacent = new Map<string, Set<string>>();
  const link = (a: string, b: string) =>
    (adjacent.get(a) ?? adjacent.set(a, new Set()).get(a)!).add(b);
  for (const e of batch.episodes) {
    for (const paperId of citedPaperIds(e)) {
      link(e.id, paperId);
      link(paperId, e.id);
    }
  }
  let walks = [[from]];
  while (walks.length > 0) {
    const arrived = walks.filter((walk) => walk.at(-1) === to);
    if (arrived.length > 0) return arrived.sort(byIdSequence);
    walks = walks.flatMap((walk) =>
      [...(adjacent.get(walk.at(-1)!) ?? [])]
        .filter((n) => !walk.includes(n))
        .map((n) => [...walk, n]),
    );
  }
  return [];
}

for (const factory of storeFactories()) {
  const title = factory.skipReason
    ? `${factory.name} store (skipped: ${factory.skipReason})`
    : `${factory.name} store`;

  describe.skipIf(factory.skipReason !== undefined)(`all shortest paths: ${title}`, () => {
    let store: GraphStore;
    beforeAll(async () => {
      store = await factory.create();
      await store.importBatch(ladder);
    });
    afterAll(async () => {
      await store?.close();
      await factory.cleanup();
    });

    it('lists every shortest path between two hubs in id-sequence order, with each hop as an episode → paper edge', async () => {
      const paths = await store.shortestPaths(hub.a.id, hub.c.id, 10);
      const expected = [
        [hub.a.id, e1.id, hub.b.id, e3.id, hub.c.id],
        [hub.a.id, e1.id, hub.b.id, e4.id, hub.c.id],
        [hub.a.id, e2.id, hub.b.id, e3.id, hub.c.id],
        [hub.a.id, e2.id, hub.b.id, e4.id, hub.c.id],
      ].sort(byIdSequence);
      expect(paths.map(idsOf)).toEqual(expected);
      expect(paths[0]!.edges).toEqual([
        { source: expected[0]![1], target: hub.a.id, kind: 'RECOMMENDED' },
        { source: expected[0]![1], target: hub.b.id, kind: 'RECOMMENDED' },
        { source: expected[0]![3], target: hub.b.id, kind: 'RECOMMENDED' },
        { source: expected[0]![3], target: hub.c.id, kind: 'RECOMMENDED' },
      ]);
      expect(paths[0]!.nodes[1]).toEqual({
        id: expected[0]![1],
        kind: 'EPISODE',
        label: expect.stringMatching(/^E[12]$/),
        weight: 3,
      });
    });

    it('cuts at `limit`, keeping the first paths of the order', async () => {
      const all = (await store.shortestPaths(hub.a.id, hub.c.id, 10)).map(idsOf);
      expect((await store.shortestPaths(hub.a.id, hub.c.id, 3)).map(idsOf)).toEqual(
        all.slice(0, 3),
      );
      expect(await store.shortestPaths(hub.a.id, hub.c.id, 0)).toEqual([]);
    });

    it('one path where only one is shortest, a zero-hop path to itself, none when unconnected or unknown', async () => {
      expect((await store.shortestPaths(e1.id, e3.id, 10)).map(idsOf)).toEqual([
        [e1.id, hub.b.id, e3.id],
      ]);
      expect((await store.shortestPaths(e1.id, e1.id, 10)).map(idsOf)).toEqual([[e1.id]]);
      expect(await store.shortestPaths(e1.id, lonely.id, 10)).toEqual([]);
      expect(await store.shortestPaths(e1.id, 'ep_000000000000', 10)).toEqual([]);
    });

    it('a pair linked twice (source and reading) is one path, its hop the SOURCE edge', async () => {
      const paths = await store.shortestPaths(twice.id, hub.c.id, 10);
      expect(paths.map(idsOf)).toEqual([[twice.id, e5.id, hub.c.id]]);
      expect(paths[0]!.edges[0]).toEqual({ source: e5.id, target: twice.id, kind: 'SOURCE' });
    });
  });

  describe.skipIf(factory.skipReason !== undefined)(
    `all shortest paths against brute force: ${title}`,
    () => {
      const corpus = generateCorpus({
        episodes: 60,
        papers: 40,
        recommendationsPerEpisode: 3,
        seed: 14,
      });
      let store: GraphStore;
      beforeAll(async () => {
        store = await factory.create();
        await store.importBatch(corpus);
      });
      afterAll(async () => {
        await store?.close();
        await factory.cleanup();
      });

      it('finds exactly the shortest paths a brute-force enumeration finds, for pairs several hops apart', async () => {
        const episodes = corpus.episodes;
        let multiple = 0;
        for (let i = 0; i < 12; i += 1) {
          const from = episodes[i]!.id;
          const to = episodes[episodes.length - 1 - i * 3]!.sourcePaperId!;
          const expected = bruteForceShortest(corpus, from, to);
          expect(expected.length, `${from} → ${to} connected`).toBeGreaterThan(0);
          if (expected.length > 1) multiple += 1;
          expect((await store.shortestPaths(from, to, 100)).map(idsOf), `${from} → ${to}`).toEqual(
            expected.slice(0, 100),
          );
        }
        expect(multiple, 'pairs joined by more than one shortest path').toBeGreaterThan(3);
      });
    },
  );
}
