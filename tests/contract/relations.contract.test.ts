// The relations part of the GraphStore contract (issue #20), on every store: explained relations on
// the seed, the three-topic feed's neighbours and clusters, a relation through metadata alone (the
// "Shares 0 papers" case), idempotent re-imports, removals, and the same clusters and map as the
// relations core computes from the same data (so both stores agree).
import { rm } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { MetadataEntry, ReferenceTarget } from '../../server/src/domain/metadata.ts';
import type { ImportBatch } from '../../server/src/domain/model.ts';
import { indexMapSource, selectEpisodeMap } from '../../server/src/relations/episodeMap.ts';
import { RelationIndex } from '../../server/src/relations/relationIndex.ts';
import { databasePath } from '../../server/src/store/embedded/database.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { makeTempDir, storeFactories } from '../helpers/stores.ts';
import { corpusOf, episodeAt, SEED, THREE_TOPICS, TOPICS, UNRELATED } from '../relations/corpus.ts';

const EVERY = 50;
const CROSSCODER = episodeAt(SEED, 5);
const SCHEMES = episodeAt(SEED, 7);
const SLEEPER_AGENTS: ReferenceTarget = {
  id: 'arxiv:2401.05566',
  title: 'Sleeper Agents: Training Deceptive LLMs that Persist Through Safety Training',
  url: 'https://arxiv.org/abs/2401.05566',
  arxivId: '2401.05566',
  doi: null,
};

function entryCiting(episodeId: string, references: ReferenceTarget[]): MetadataEntry {
  const paperId = SEED.episodes.find((e) => e.id === episodeId)!.sourcePaperId!;
  return {
    paperId,
    fetchedAt: '2026-06-30T10:00:00.000Z',
    metadata: {
      title: null,
      authors: [],
      year: null,
      venue: null,
      abstract: null,
      topics: [],
      arxivId: null,
      doi: null,
      publishedAt: null,
    },
    references,
  };
}

/** Every episode's relations and cluster, as a store answers them. */
async function snapshot(store: GraphStore, batch: ImportBatch) {
  const ids = batch.episodes.map((e) => e.id);
  return {
    related: await store.relatedByEpisodeIds(ids, EVERY),
    clusterOf: await store.clustersByEpisodeIds(ids),
    clusters: await store.clusters(EVERY),
  };
}

for (const factory of storeFactories()) {
  const title = factory.skipReason
    ? `${factory.name} store (skipped: ${factory.skipReason})`
    : `${factory.name} store`;

  describe.skipIf(factory.skipReason !== undefined)(`relations: ${title}`, () => {
    let store: GraphStore;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
      await factory.cleanup();
    });

    it('relates every seed episode to another, each relation explained, strongest reason first', async () => {
      await store.importBatch(SEED);
      const related = await store.relatedByEpisodeIds(
        SEED.episodes.map((e) => e.id),
        EVERY,
      );
      SEED.episodes.forEach((episode, i) => {
        expect(related[i]!.length, episode.title).toBeGreaterThan(0);
        for (const relation of related[i]!) {
          expect(relation.reasons.length).toBeGreaterThan(0);
          const weights = relation.reasons.map((reason) => reason.weight);
          expect(weights).toEqual([...weights].sort((a, b) => b - a));
          expect(relation.score).toBeCloseTo(
            weights.reduce((sum, w) => sum + w, 0),
            10,
          );
          for (const reason of relation.reasons) expect(reason.label).toMatch(/^both \S/);
        }
      });
      expect(await store.relatedByEpisodeIds([SEED.episodes[0]!.id], 1)).toEqual([
        related[0]!.slice(0, 1),
      ]);
      expect(await store.relatedByEpisodeIds(['ep_000000000000'], 5)).toEqual([[]]);
    });

    it('ranks each topic first and clusters by topic, the unrelated episode alone', async () => {
      await store.importBatch(THREE_TOPICS);
      const topics = Object.values(TOPICS);
      for (const topic of topics) {
        const related = await store.relatedByEpisodeIds(topic, topic.length - 1);
        topic.forEach((id, i) => {
          expect(related[i]!.map((r) => r.episodeId).sort()).toEqual(
            topic.filter((other) => other !== id).sort(),
          );
        });
        const clusterOf = await store.clustersByEpisodeIds(topic);
        expect(new Set(clusterOf.map((c) => c?.id)).size).toBe(1);
        expect(clusterOf[0]).toMatchObject({ size: topic.length });
      }
      const clusterIds = await Promise.all(
        topics.map(async (topic) => (await store.clustersByEpisodeIds(topic))[0]!.id),
      );
      expect(new Set(clusterIds).size).toBe(3);
      expect(await store.relatedByEpisodeIds([UNRELATED], EVERY)).toEqual([[]]);
      expect(await store.clustersByEpisodeIds([UNRELATED, 'ep_000000000000'])).toEqual([
        null,
        null,
      ]);
      const clusters = await store.clusters(EVERY);
      expect(clusters.map((c) => c.size)).toEqual([4, 4, 3]);
      expect(await store.clusters(1)).toEqual(clusters.slice(0, 1));
    });

    it('relates two source papers citing one reference as SHARED_REFERENCE, sharing no paper', async () => {
      await store.importBatch(SEED);
      await store.saveMetadata([
        entryCiting(CROSSCODER, [SLEEPER_AGENTS]),
        entryCiting(SCHEMES, [SLEEPER_AGENTS]),
      ]);
      const [related] = await store.relatedByEpisodeIds([SCHEMES], EVERY);
      const crosscoder = related!.find((r) => r.episodeId === CROSSCODER)!;
      expect(crosscoder.sharedPaperIds).toEqual([]);
      expect(crosscoder.sharedReferenceIds).toEqual([SLEEPER_AGENTS.id]);
      expect(crosscoder.reasons).toContainEqual(
        expect.objectContaining({
          kind: 'SHARED_REFERENCE',
          label: `both source papers cite ${SLEEPER_AGENTS.title}`,
          paperIds: [SLEEPER_AGENTS.id],
          weight: 1 / Math.log(2),
        }),
      );
    });

    it('gives the same relations and cluster ids after re-importing the same data, and writes nothing', async () => {
      await store.importBatch(THREE_TOPICS);
      const before = await snapshot(store, THREE_TOPICS);
      const changedAt = await store.graphChangedAt();
      const again = await store.importBatch(THREE_TOPICS);
      expect(again.added).toEqual([]);
      expect(again.updated).toEqual([]);
      expect(await snapshot(store, THREE_TOPICS)).toEqual(before);
      expect(await store.graphChangedAt()).toBe(changedAt);
    });

    it('keeps a cluster’s id when an episode joins it', async () => {
      const joining = TOPICS.speculativeDecoding.at(-1)!;
      await store.importBatch({
        ...THREE_TOPICS,
        episodes: THREE_TOPICS.episodes.filter((e) => e.id !== joining),
      });
      const [before] = await store.clustersByEpisodeIds(TOPICS.speculativeDecoding.slice(0, 1));
      expect(before?.size).toBe(3);
      await store.importBatch(THREE_TOPICS);
      const [after] = await store.clustersByEpisodeIds([joining]);
      expect(after).toMatchObject({ id: before!.id, size: 4 });
    });

    it('takes an episode’s relations and cluster membership with it when it is removed', async () => {
      await store.importBatch(THREE_TOPICS);
      const removed = TOPICS.proteinStructure[0]!;
      expect(await store.removeEpisode(removed)).not.toBeNull();
      const ids = THREE_TOPICS.episodes.map((e) => e.id);
      const related = await store.relatedByEpisodeIds(ids, EVERY);
      expect(related.flat().map((r) => r.episodeId)).not.toContain(removed);
      expect(related[ids.indexOf(removed)]).toEqual([]);
      expect(await store.clustersByEpisodeIds([removed])).toEqual([null]);
      const clusters = await store.clusters(EVERY);
      expect(clusters.flatMap((c) => c.episodeIds)).not.toContain(removed);
      const [rest] = await store.clustersByEpisodeIds([TOPICS.proteinStructure[1]!]);
      expect(rest?.size).toBe(2);
      const map = await store.episodeMap({ limit: EVERY });
      expect(map.episodes.map((e) => e.id)).not.toContain(removed);
    });

    it('answers clusters and the map as the relations core computes them from the same data', async () => {
      await store.importBatch(THREE_TOPICS);
      const index = RelationIndex.build({
        ...corpusOf(THREE_TOPICS),
        episodes: [...THREE_TOPICS.episodes].sort((a, b) => (a.id < b.id ? -1 : 1)),
      });
      const clusters = index.clusters();
      expect(await store.clusters(EVERY)).toEqual(clusters);
      const ids = THREE_TOPICS.episodes.map((e) => e.id);
      expect(await store.relatedByEpisodeIds(ids, EVERY)).toEqual(
        ids.map((id) => index.relationsOf(id, EVERY)),
      );
      const source = indexMapSource(index, clusters);
      for (const request of [
        { limit: 5 },
        { limit: EVERY },
        { limit: 3, clusterId: clusters[0]!.id },
        { limit: 3, clusterId: 'cl_none' },
      ]) {
        const map = await store.episodeMap(request);
        expect(map).toEqual(selectEpisodeMap(source, request));
        for (const edge of map.edges) expect(edge.reasons[0]?.kind).toBe(edge.kind);
      }
    });
  });
}

describe('relations: an embedded DATA_DIR from before relations were kept', () => {
  let dataDir = '';
  beforeEach(async () => {
    dataDir = await makeTempDir('relations-migrate');
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('gets them computed once, on open, as an import would have kept them', async () => {
    let store = await createEmbeddedStore({ dataDir });
    await store.importBatch(THREE_TOPICS);
    const kept = await snapshot(store, THREE_TOPICS);
    await store.close();
    const db = new DatabaseSync(databasePath(dataDir));
    db.exec(`DELETE FROM episode_relations; DELETE FROM cluster_members; DELETE FROM clusters;
             UPDATE relations_state SET graph_token = ''`);
    db.close();

    store = await createEmbeddedStore({ dataDir });
    try {
      expect(await snapshot(store, THREE_TOPICS)).toEqual(kept);
    } finally {
      await store.close();
    }
    const reopened = new DatabaseSync(databasePath(dataDir));
    const state = reopened
      .prepare(
        'SELECT graph_token = (SELECT token FROM graph_version) AS current FROM relations_state',
      )
      .get();
    reopened.close();
    expect(state).toEqual({ current: 1 });
  });
});
