// The episode map's selection: bounded by its limit, edges only between episodes in view, each
// cluster drawn connected, an episode related to no other left out, and the share of episodes left
// without an edge reported; a memo hands the same map out again until its version changes.
import { rm } from 'node:fs/promises';

import { describe, expect, it } from 'vitest';

import {
  type EpisodeMap,
  EpisodeMapMemo,
  indexMapSource,
  selectEpisodeMap,
} from '../../server/src/relations/episodeMap.ts';
import { RelationIndex } from '../../server/src/relations/relationIndex.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import { makeTempDir } from '../helpers/stores.ts';
import { corpusOf, SEED, THREE_TOPICS, TOPICS, UNRELATED } from './corpus.ts';

const index = RelationIndex.build(corpusOf(THREE_TOPICS));
const clusters = index.clusters();
const source = indexMapSource(index, clusters);
const ALL = THREE_TOPICS.episodes.length;

/** Whether the edges connect all of `ids` (union–find over the edges between them). */
function connected(map: EpisodeMap, ids: readonly string[]): boolean {
  const parent = new Map(ids.map((id) => [id, id]));
  const root = (id: string): string => (parent.get(id) === id ? id : root(parent.get(id)!));
  for (const { a, b } of map.edges) {
    if (parent.has(a) && parent.has(b)) parent.set(root(a), root(b));
  }
  return new Set(ids.map(root)).size <= 1;
}

describe('the episode map', () => {
  it('shows at most `limit` episodes, and every related episode when there is room', () => {
    for (const limit of [0, 1, 2, 3, 5, 8, 11, 12, 50]) {
      const map = selectEpisodeMap(source, { limit });
      expect(map.episodes.length, `limit ${limit}`).toBeLessThanOrEqual(limit);
      expect(new Set(map.episodes.map((e) => e.id)).size).toBe(map.episodes.length);
    }
    expect(selectEpisodeMap(source, { limit: ALL }).episodes).toHaveLength(ALL - 1);
  });

  it('draws edges only between episodes in view, once each, as the relations say', () => {
    for (const limit of [3, 5, 8, ALL]) {
      const map = selectEpisodeMap(source, { limit });
      const shown = new Set(map.episodes.map((e) => e.id));
      const pairs = new Set<string>();
      for (const edge of map.edges) {
        expect(shown.has(edge.a) && shown.has(edge.b)).toBe(true);
        expect(edge.a < edge.b).toBe(true);
        pairs.add(`${edge.a} ${edge.b}`);
        const relation = index.relationsOf(edge.a, ALL).find((r) => r.episodeId === edge.b)!;
        expect(edge).toMatchObject({ weight: relation.score, kind: relation.reasons[0]!.kind });
      }
      expect(pairs.size).toBe(map.edges.length);
    }
  });

  it('connects each topic’s episodes, and leaves out the episode related to no other', () => {
    const map = selectEpisodeMap(source, { limit: ALL, edgesPerEpisode: 1 });
    for (const topic of Object.values(TOPICS)) expect(connected(map, topic)).toBe(true);
    expect(map.episodes.map((e) => e.id)).not.toContain(UNRELATED);
    expect(map.isolatedShare).toBe(0);
    expect(map.clusters.map((c) => c.size)).toEqual([4, 4, 3]);
    const first = map.episodes.find((e) => e.id === TOPICS.proteinStructure[0])!;
    const episode = THREE_TOPICS.episodes.find((e) => e.id === first.id)!;
    expect(first).toMatchObject({ title: episode.title, publishedAt: episode.publishedAt });
    expect(clusters.find((c) => c.id === first.clusterId)?.episodeIds).toContain(first.id);
  });

  it('spends a small limit on clusters it can show connected, none isolated', () => {
    const map = selectEpisodeMap(source, { limit: 5 });
    expect(map.episodes).toHaveLength(5);
    expect(map.isolatedShare).toBe(0);
    for (const cluster of map.clusters) {
      const ids = map.episodes.filter((e) => e.clusterId === cluster.id).map((e) => e.id);
      expect(ids.length).toBeGreaterThanOrEqual(2);
      expect(connected(map, ids)).toBe(true);
    }
  });

  it('shows one cluster when asked, within the limit', () => {
    const cluster = clusters.find((c) => c.episodeIds.includes(TOPICS.speculativeDecoding[0]!))!;
    const map = selectEpisodeMap(source, { limit: 3, clusterId: cluster.id });
    expect(map.clusters).toEqual([{ id: cluster.id, label: cluster.label, size: 4 }]);
    expect(map.episodes).toHaveLength(3);
    for (const episode of map.episodes) expect(cluster.episodeIds).toContain(episode.id);
    expect(
      connected(
        map,
        map.episodes.map((e) => e.id),
      ),
    ).toBe(true);
    expect(selectEpisodeMap(source, { limit: 3, clusterId: 'cl_none' })).toEqual({
      episodes: [],
      edges: [],
      clusters: [],
      isolatedShare: 0,
    });
  });

  it('memoizes a map per version and request, and forgets it when the version changes', () => {
    const memo = new EpisodeMapMemo();
    let selections = 0;
    const select = (version: string, limit: number, clusterId?: string) =>
      memo.select(version, { limit, ...(clusterId ? { clusterId } : {}) }, () => {
        selections += 1;
        return selectEpisodeMap(source, { limit, ...(clusterId ? { clusterId } : {}) });
      });
    const first = select('v1', 8);
    expect(select('v1', 8.5)).toBe(first);
    expect(selections).toBe(1);
    expect(select('v1', 5)).not.toBe(first);
    expect(select('v1', 8, clusters[0]!.id)).toEqual(
      selectEpisodeMap(source, { limit: 8, clusterId: clusters[0]!.id }),
    );
    expect(selections).toBe(3);
    const after = select('v2', 8);
    expect(after).not.toBe(first);
    expect(after).toEqual(first);
    expect(selections).toBe(4);
    // At most four maps per version: the least recently asked goes first.
    for (const limit of [1, 2, 3, 4]) select('v2', limit);
    select('v2', 8);
    expect(selections).toBe(9);
  });

  it('is selected once per committed state of an embedded store, again after an import', async () => {
    const dataDir = await makeTempDir('episode-map-memo');
    const store = await createEmbeddedStore({ dataDir });
    try {
      await store.importBatch(THREE_TOPICS);
      const before = await store.episodeMap({ limit: 50 });
      expect(await store.episodeMap({ limit: 50 })).toBe(before);
      expect(before.episodes).toHaveLength(ALL - 1);
      await store.importBatch(SEED);
      const after = await store.episodeMap({ limit: 50 });
      expect(after).not.toBe(before);
      const seedIds = new Set(SEED.episodes.map((e) => e.id));
      expect(after.episodes.some((e) => seedIds.has(e.id))).toBe(true);
      expect(after.episodes.length).toBeGreaterThan(before.episodes.length);
    } finally {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
