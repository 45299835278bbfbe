// The relation keeper's updates against a full rebuild: a store that took a feed in several imports,
// with additions, changes and removals, keeps the relations and clusters a store that imported the
// final corpus at once computes.
import { describe, expect, it } from 'vitest';

import type { EpisodeRecord, ImportBatch } from '../../server/src/domain/model.ts';
import type { EpisodeRelation } from '../../server/src/relations/relatedness.ts';
import type { RelationChange } from '../../server/src/relations/relationIndex.ts';
import {
  RelationKeeper,
  type RelationRows,
  type StoredRelationCorpus,
} from '../../server/src/store/shared/relationKeeper.ts';
import { corpusOf, SEED, THREE_TOPICS, TOPICS } from './corpus.ts';

/** What a store persists of the keeper's rows: every episode's relations and the clusters. */
class KeptRows {
  readonly episodes = new Map<string, EpisodeRecord>();
  readonly relations = new Map<string, EpisodeRelation[]>();
  clusters: RelationRows['clusters'] = [];
  readonly paperTitles: ReadonlyMap<string, string | null>;

  constructor(paperTitles: ReadonlyMap<string, string | null>) {
    this.paperTitles = paperTitles;
  }

  corpus(): StoredRelationCorpus {
    return {
      episodes: [...this.episodes.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
      paperTitles: this.paperTitles,
      clusters: this.clusters.map(({ id, episodeIds }) => ({ id, episodeIds })),
    };
  }

  apply(change: RelationChange, rows: RelationRows): void {
    for (const id of change.removedEpisodeIds) this.episodes.delete(id);
    for (const episode of change.episodes) this.episodes.set(episode.id, episode);
    for (const id of rows.removedEpisodeIds) this.relations.delete(id);
    for (const [id, relations] of rows.relations) this.relations.set(id, relations);
    this.clusters = rows.clusters;
  }

  /** The persisted state, ordered by episode id. */
  state() {
    return {
      relations: [...this.relations].sort(([a], [b]) => (a < b ? -1 : 1)),
      clusters: this.clusters,
    };
  }
}

/** The store after these changes, each persisted as the keeper returned it; with each's rows. */
async function keptThrough(batch: ImportBatch, changes: RelationChange[], rebuildShare: number) {
  const store = new KeptRows(corpusOf(batch).paperTitles);
  const keeper = new RelationKeeper(() => store.corpus(), { rebuildShare });
  const rows: RelationRows[] = [];
  for (const change of changes) {
    rows.push(await keeper.rowsFor(change));
    store.apply(change, rows.at(-1)!);
  }
  return { store, rows };
}

async function rebuilt(store: KeptRows) {
  const fresh = new KeptRows(store.paperTitles);
  for (const episode of store.episodes.values()) fresh.episodes.set(episode.id, episode);
  const rows = await new RelationKeeper(() => fresh.corpus()).allRows();
  fresh.apply({ episodes: [], removedEpisodeIds: [], paperTitles: new Map() }, rows);
  return fresh;
}

const change = (
  batch: ImportBatch,
  episodes: EpisodeRecord[],
  removedEpisodeIds: string[] = [],
): RelationChange => ({ episodes, removedEpisodeIds, paperTitles: corpusOf(batch).paperTitles });

describe.each([
  ['the three-topic feed', THREE_TOPICS],
  ['the seed', SEED],
] as [string, ImportBatch][])('updates of %s', (_, batch) => {
  const all = batch.episodes;
  const revised = (e: EpisodeRecord): EpisodeRecord => ({
    ...e,
    summary: `${e.summary ?? ''} Revised with a note on evaluation.`,
  });
  // The first change builds the index from most of the feed; the next two are updates, and the
  // last, no larger than the share alone, takes the changes since the build past it: additions, a
  // change and a removal.
  const changes = [
    change(batch, all.slice(0, -3)),
    change(batch, [all.at(-3)!]),
    change(batch, [revised(all[2]!)]),
    change(batch, [all.at(-2)!, all.at(-1)!], [all[4]!.id]),
  ];
  const share = 2 / (all.length - 3);

  it('equal a full rebuild of the final corpus once the changes pass the share', async () => {
    const { store, rows } = await keptThrough(batch, changes, share);
    expect(rows.at(-1)!.relations.size).toBe(store.episodes.size);
    expect(store.state()).toEqual((await rebuilt(store)).state());
  });
});

it('updates only the topic a change touches, below the share', async () => {
  const all = THREE_TOPICS.episodes;
  const protein = new Set(TOPICS.proteinStructure);
  const last = all.filter((e) => protein.has(e.id)).at(-1)!;
  const { rows } = await keptThrough(
    THREE_TOPICS,
    [
      change(
        THREE_TOPICS,
        all.filter((e) => e !== last),
      ),
      change(THREE_TOPICS, [last]),
    ],
    0.5,
  );
  expect(rows[0]!.relations.size).toBe(all.length - 1);
  expect([...rows[1]!.relations.keys()].sort()).toEqual([...protein].sort());
});
