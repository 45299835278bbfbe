// The embedded store writes only the relation and cluster rows that changed (relations.ts persist).
// After each incremental write (an added episode, a changed one, a removal) every stored relation
// and cluster must still be exactly what the relations core gives for the same sequence of changes
// (the affected episodes' relations computed again, the others' kept as they were; all of them once
// the changes pass a tenth of the corpus the index was built from): a row left behind or a change
// not written would show here.
import { rm } from 'node:fs/promises';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import type { ImportBatch } from '../../server/src/domain/model.ts';
import type { EpisodeRelation } from '../../server/src/relations/relatedness.ts';
import { type Cluster, RelationIndex } from '../../server/src/relations/relationIndex.ts';
import { createEmbeddedStore } from '../../server/src/store/embedded/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { makeTempDir } from '../helpers/stores.ts';
import { corpusOf, THREE_TOPICS } from '../relations/corpus.ts';

const EVERY = 50;
const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('embedded store: relation rows after incremental writes', () => {
  let dataDir = '';
  let store: GraphStore;
  beforeEach(async () => {
    dataDir = await makeTempDir('relations-persist');
    store = await createEmbeddedStore({ dataDir });
  });
  afterEach(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  /** What the store should hold: each episode's relations as last computed, and the clusters. */
  interface Expected {
    relations: Map<string, EpisodeRelation[]>;
    clusters: Cluster[];
  }

  function applied(index: RelationIndex, affected: Iterable<string>, expected: Expected): Expected {
    const relations = new Map(expected.relations);
    for (const id of expected.relations.keys()) {
      if (index.episode(id) === null) relations.delete(id);
    }
    for (const id of affected) relations.set(id, index.relationsOf(id, EVERY));
    return { relations, clusters: index.clusters(expected.clusters) };
  }

  async function expectStoreHolds({ relations, clusters }: Expected): Promise<void> {
    expect(await store.clusters(EVERY)).toEqual(clusters);
    const ids = [...relations.keys()].sort();
    expect(await store.relatedByEpisodeIds(ids, EVERY)).toEqual(ids.map((id) => relations.get(id)));
    const membership = await store.clustersByEpisodeIds(ids);
    expect(membership.map((cluster) => cluster?.id ?? null)).toEqual(
      ids.map((id) => clusters.find((c) => c.episodeIds.includes(id))?.id ?? null),
    );
  }

  it('holds what the relations core computes after an addition, a change and a removal', async () => {
    const { paperTitles } = corpusOf(THREE_TOPICS);
    const [added, ...first] = THREE_TOPICS.episodes;
    const firstBatch: ImportBatch = { ...THREE_TOPICS, episodes: first };
    await store.importBatch(firstBatch);
    let index = RelationIndex.build({ episodes: [...first].sort(byId), paperTitles });
    let expected = applied(index, index.episodeIds(), {
      relations: new Map(),
      clusters: [],
    });
    await expectStoreHolds(expected);

    // One episode among eleven: an update of the index, not a rebuild.
    await store.importBatch({ ...THREE_TOPICS, episodes: [added!] });
    let affected = index.update({ episodes: [added!], removedEpisodeIds: [], paperTitles });
    expected = applied(index, affected, expected);
    await expectStoreHolds(expected);

    // Its text now speaks of another topic's words: relations and clusters move. Two changes to the
    // ten episodes the index was built from pass a tenth of them: the store builds its index again.
    const other = first.at(-2)!;
    const changed = { ...added!, summary: `${other.summary ?? ''} ${other.title}` };
    await store.importBatch({ ...THREE_TOPICS, episodes: [changed] });
    index = RelationIndex.build({ episodes: [...first, changed].sort(byId), paperTitles });
    expected = applied(index, index.episodeIds(), expected);
    await expectStoreHolds(expected);

    await store.removeEpisode(other.id);
    affected = index.update({ episodes: [], removedEpisodeIds: [other.id], paperTitles });
    expected = applied(index, affected, expected);
    await expectStoreHolds(expected);
  });
});
