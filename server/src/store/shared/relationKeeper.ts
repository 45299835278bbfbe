// The relations and clusters a store persists, kept up to date per write. One keeper per open store
// holds one RelationIndex (relations/relationIndex.ts), built on the first write that needs it from
// the corpus the store loads as last committed. A write hands the keeper its change and gets back
// the rows to write in the same transaction: the relations of every episode the change affects,
// the removed episodes and the whole new cluster list. If that transaction fails the store calls
// reset(), so the index never holds what the store does not; the next write rebuilds it.
//
// Incremental: the changed episodes' texts and paper links, and the relations of the episodes they
// affect. Recomputed per write: the clusters (Louvain over every episode's strongest relations,
// which the keeper holds, so only the affected episodes' relations are computed again). Rebuilt
// once the changes since the last build pass a tenth of the corpus: the text weights an update
// uses are the corpus statistics of the last build, so the rows drift from a full rebuild's until
// then, and equal them after (docs/relations.md).
import { channel } from 'node:diagnostics_channel';

import type { MetadataEntry } from '../../domain/metadata.ts';
import { citedPaperIds, type EpisodeRecord } from '../../domain/model.ts';
import type { IdentifiedCluster } from '../../relations/clusterIds.ts';
import { onCountedBatch, withdrawCountedBatch } from '../../relations/countedTexts.ts';
import { type PaperTitleOf, textHash } from '../../relations/episodeDocument.ts';
import type { EpisodeTerms, IndexedEpisode } from '../../relations/episodeTerms.ts';
import type { PaperFacts } from '../../relations/paperLinks.ts';
import type { EpisodeRelation } from '../../relations/relatedness.ts';
import type {
  Cluster,
  RelationChange,
  RelationCorpus,
  RelationIndex,
  RelationIndexOptions,
  ScoredRelation,
} from '../../relations/relationIndex.ts';

type RelationCore = typeof import('../../relations/relationIndex.ts') &
  typeof import('../../relations/episodeTerms.ts');

let relationCore: Promise<RelationCore> | null = null;

/**
 * The relation core with wink-nlp and its English model (about 50 ms and 20 MB): loaded by the
 * first write that keeps relations, so opening a store and answering reads never pay for it.
 */
function loadRelationCore(): Promise<RelationCore> {
  relationCore ??= Promise.all([
    import('../../relations/relationIndex.ts'),
    import('../../relations/episodeTerms.ts'),
  ]).then(([index, terms]) => ({ ...index, ...terms }));
  return relationCore;
}

/**
 * Relations persisted per episode: as many as `Episode.related(first:)` may ask for
 * (QUERY_LIMITS.maxRelated; a test holds the two together).
 */
export const RELATIONS_KEPT = 50;

/**
 * Where a store reports the time an import spent keeping relations (computing and persisting them),
 * and importFiles the time it waited for its parse worker to count their texts (`episodes` 0), as
 * a RelationKeepingTime: what the bench's relations-kept import row subtracts. Free without
 * subscribers.
 */
export const relationKeepingChannel = channel('papergraph:relation-keeping');

export interface RelationKeepingTime {
  /** Episodes the import added or changed. */
  episodes: number;
  milliseconds: number;
}

/** Share of the corpus that may be added, changed or removed since the index was built. */
const REBUILD_SHARE = 0.1;

/** Relations per episode the cluster graph is built from. */
export const CLUSTER_GRAPH_DEGREE = 10;

/** What a store loads for the keeper's first build: its corpus and the clusters it persisted. */
export interface StoredRelationCorpus<
  Episode extends IndexedEpisode = EpisodeRecord,
> extends RelationCorpus<Episode> {
  /** The persisted clusters with their members, so the rebuilt clusters keep their ids. */
  clusters: readonly IdentifiedCluster[];
  /**
   * Each episode's persisted relations, strongest first, at most CLUSTER_GRAPH_DEGREE (episodes
   * without relations left out): the cluster graph, read instead of computed again when given.
   */
  strongest?: ReadonlyMap<string, readonly ScoredRelation[]>;
}

/** The rows a write persists with itself. */
export interface RelationRows {
  /** Each affected episode's relations, strongest first, at most RELATIONS_KEPT; replaces its rows. */
  relations: Map<string, EpisodeRelation[]>;
  /** Episodes whose relations (both directions) and cluster membership go. */
  removedEpisodeIds: string[];
  /** Every cluster with its members, largest first (then id); replaces the stored clusters. */
  clusters: Cluster[];
}

interface Kept {
  index: RelationIndex;
  /** The clusters persisted last: the next ones take their ids from them. */
  clusters: readonly IdentifiedCluster[];
  /** Each episode's strongest relations, as many as the cluster graph is built from. */
  strongest: Map<string, ScoredRelation[]>;
}

export class RelationKeeper {
  readonly #load: () => StoredRelationCorpus | Promise<StoredRelationCorpus>;
  readonly #options: Partial<RelationIndexOptions>;
  #kept: Kept | null = null;
  /** Every episode's counted text, kept across builds and resets: a text is counted once. */
  #terms: EpisodeTerms | null = null;
  /** The adoption of the batches counted for the import in progress, in the order they came. */
  #adopting: Promise<void> = Promise.resolve();
  /** The import in progress's written episodes, counted once their texts are (takeWritten). */
  #imported = new Map<string, IndexedEpisode>();
  /** Of those, the records whose text is not found counted yet, with its hash. */
  #uncounted = new Map<string, { episode: EpisodeRecord; hash: string }>();

  readonly #rebuildShare: number;
  /** Episodes the index held when built, and how many were added, changed or removed since. */
  #builtSize = 0;
  #changedSinceBuild = 0;

  /** `load` reads the store as last committed (never a write's own uncommitted rows). */
  constructor(
    load: () => StoredRelationCorpus | Promise<StoredRelationCorpus>,
    options: Partial<Omit<RelationIndexOptions, 'clusterGraphDegree'>> & {
      /** Share of the corpus a change may add or change before the index is built again. */
      rebuildShare?: number;
    } = {},
  ) {
    this.#load = load;
    const { rebuildShare = REBUILD_SHARE, ...indexOptions } = options;
    this.#rebuildShare = rebuildShare;
    this.#options = {
      ...indexOptions,
      // The keeper's rebuild learns the statistics again; the text index never needs to first.
      text: { relearnAfter: rebuildShare, ...indexOptions.text },
      clusterGraphDegree: CLUSTER_GRAPH_DEGREE,
    };
  }

  /**
   * Applies the change and returns what to persist; reset() if persisting it fails. Once the
   * episodes added, changed or removed since the index was built exceed `rebuildShare` of the
   * corpus it was built from (a first import, a big feed, or small imports adding up), the index is
   * built again from the corpus with the change applied, from the kept counted texts: the BM25
   * statistics are learnt afresh and the phrases the new texts share become terms, so the rows
   * equal those of a store that imported the whole corpus at once. Below that, an update.
   */
  async rowsFor(change: RelationChange<IndexedEpisode>): Promise<RelationRows> {
    try {
      await this.#adopting;
      const core = await loadRelationCore();
      this.#terms ??= new core.EpisodeTerms();
      await this.#terms.countElsewhere(change.episodes, (id) => change.paperTitles.get(id) ?? null);
      const corpus = this.#kept === null ? await this.#load() : null;
      const builtSize = corpus?.episodes.length ?? this.#builtSize;
      const drift =
        (corpus ? 0 : this.#changedSinceBuild) +
        change.episodes.length +
        change.removedEpisodeIds.length;
      if (drift > this.#rebuildShare * builtSize) {
        const kept = this.#build(core, withChange(corpus ?? (await this.#load()), change), false);
        this.#kept = kept;
        return this.#rows(kept, new Set(kept.index.episodeIds()), change.removedEpisodeIds);
      }
      const kept = this.#kept ?? this.#build(core, corpus!, true);
      this.#kept = kept;
      this.#changedSinceBuild = drift;
      const affected = kept.index.update(change);
      for (const id of change.removedEpisodeIds) kept.strongest.delete(id);
      const removed = new Set(change.removedEpisodeIds);
      if (removed.size > 0) this.#terms?.retain((id) => !removed.has(id));
      return this.#rows(kept, affected, change.removedEpisodeIds);
    } catch (error) {
      this.reset();
      throw error;
    }
  }

  /**
   * Takes the texts a multi-file import counts on its parse worker into the kept counted terms as
   * each batch arrives, while the importing thread waits for the next file, instead of in rowsFor
   * after the last write. Loads the relation core with the first. Returns what ends it (once the
   * import's rows are kept); the texts no episode took are dropped then. A batch that fails to be
   * adopted is left to rowsFor, which takes offered texts itself.
   */
  adoptCountedTexts(): () => void {
    const stop = onCountedBatch((batch) => {
      this.#adopting = this.#adopting
        .then(async () => {
          const core = await loadRelationCore();
          this.#terms ??= new core.EpisodeTerms();
          this.#terms.adoptBatch(batch);
          // Adopted: the worker's copy would only hold memory until the import ends.
          withdrawCountedBatch(batch);
        })
        .catch(() => undefined);
    });
    return () => {
      stop();
      this.#adopting = this.#adopting.then(() => this.#terms?.forgetAdopted());
    };
  }

  /**
   * Takes the episodes a batch of an import wrote, as it is written, with the titles the store
   * holds now: each is kept as its counted text once a text of its hash is counted (the parse
   * worker's, adopted as it arrives), so an import holds a record until then, not to its end.
   */
  takeWritten(episodes: readonly EpisodeRecord[], titleOf: PaperTitleOf): void {
    for (const episode of episodes) {
      this.#imported.set(episode.id, episode);
      this.#uncounted.set(episode.id, { episode, hash: textHash(episode, titleOf) });
    }
    this.#takeCounted();
  }

  #takeCounted(): void {
    const terms = this.#terms;
    if (terms === null) return;
    for (const [id, { episode, hash }] of this.#uncounted) {
      const counted = terms.countedEpisode(episode, hash);
      if (counted === null) continue;
      this.#imported.set(id, counted);
      this.#uncounted.delete(id);
    }
  }

  /**
   * The episodes the import wrote (takeWritten), for its rowsFor, once the batches counted for it
   * are adopted; forgotten here. The episodes citing a paper in `retitled` (changed by a later
   * batch than theirs, maybe) are given as `reread` reads them now: their text may read otherwise.
   */
  async takenEpisodes(
    retitled: ReadonlySet<string>,
    reread: (episodeIds: readonly string[]) => EpisodeRecord[],
  ): Promise<IndexedEpisode[]> {
    await this.#adopting;
    this.#takeCounted();
    const taken = this.#imported;
    this.#forgetTaken();
    if (retitled.size > 0) {
      const stale = [...taken.values()].flatMap((episode) =>
        citedPaperIds(episode).some((id) => retitled.has(id)) ? [episode.id] : [],
      );
      for (const episode of reread(stale)) taken.set(episode.id, episode);
    }
    return [...taken.values()];
  }

  #forgetTaken(): void {
    this.#imported = new Map();
    this.#uncounted.clear();
  }

  /** Rows for every episode: the migration of a store that holds episodes but no relations. */
  async allRows(): Promise<RelationRows> {
    const core = await loadRelationCore();
    const kept = this.#build(core, await this.#load(), false);
    this.#kept = kept;
    return this.#rows(kept, new Set(kept.index.episodeIds()), []);
  }

  /** Forgets the index (a write failed or the store closes); the next write rebuilds it. */
  reset(): void {
    this.#kept = null;
    this.#forgetTaken();
  }

  /**
   * The index of a corpus; with `ranked`, its cluster graph too: the persisted one when the store
   * gave it, else computed (without, the caller computes every episode's relations and fills it in).
   */
  #build(core: RelationCore, corpus: StoredRelationCorpus<IndexedEpisode>, ranked: boolean): Kept {
    this.#terms ??= new core.EpisodeTerms();
    const inCorpus = new Set(corpus.episodes.map((episode) => episode.id));
    this.#terms.retain((id) => inCorpus.has(id));
    const index = core.RelationIndex.build(corpus, this.#options, this.#terms);
    this.#builtSize = index.episodeCount;
    this.#changedSinceBuild = 0;
    const strongest = new Map<string, ScoredRelation[]>();
    if (ranked && corpus.strongest) {
      for (const [id, relations] of corpus.strongest) strongest.set(id, [...relations]);
    } else if (ranked) {
      for (const id of index.episodeIds()) {
        strongest.set(id, scored(index.relationsOf(id, CLUSTER_GRAPH_DEGREE)));
      }
    }
    return { index, strongest, clusters: corpus.clusters };
  }

  #rows(
    kept: Kept,
    affected: ReadonlySet<string>,
    removedEpisodeIds: readonly string[],
  ): RelationRows {
    const relations = new Map<string, EpisodeRelation[]>();
    for (const id of [...affected].sort()) {
      const list = kept.index.relationsOf(id, RELATIONS_KEPT);
      relations.set(id, list);
      kept.strongest.set(id, scored(list.slice(0, CLUSTER_GRAPH_DEGREE)));
    }
    const clusters = kept.index.clusters(kept.clusters, (id) => kept.strongest.get(id) ?? []);
    kept.clusters = clusters;
    return { relations, removedEpisodeIds: [...removedEpisodeIds], clusters };
  }
}

/** The corpus as it will be once the change is applied. */
function withChange(
  corpus: StoredRelationCorpus,
  change: RelationChange<IndexedEpisode>,
): StoredRelationCorpus<IndexedEpisode> {
  const replaced = new Set([...change.removedEpisodeIds, ...change.episodes.map((e) => e.id)]);
  const paperFacts = new Map(corpus.paperFacts);
  for (const [paperId, facts] of change.paperFacts ?? []) {
    if (facts === null) paperFacts.delete(paperId);
    else paperFacts.set(paperId, facts);
  }
  return {
    episodes: [...corpus.episodes.filter((e) => !replaced.has(e.id)), ...change.episodes].sort(
      (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    ),
    paperTitles: new Map([...corpus.paperTitles, ...change.paperTitles]),
    paperFacts,
    clusters: corpus.clusters,
  };
}

function scored(relations: readonly EpisodeRelation[]): ScoredRelation[] {
  return relations.map(({ episodeId, score }) => ({ episodeId, score }));
}

/**
 * The change saving metadata makes: each entry's paper cites its references and has its topics
 * (a paper no provider knows has neither). `paperTitles` are the titles the store now holds for the
 * entries' papers and their references.
 */
export function metadataChange(
  entries: readonly MetadataEntry[],
  paperTitles: ReadonlyMap<string, string | null>,
): RelationChange {
  const paperFacts = new Map<string, PaperFacts | null>();
  for (const entry of entries) {
    const references = entry.references.map((target) => target.id);
    const topics = entry.metadata?.topics ?? [];
    paperFacts.set(
      entry.paperId,
      references.length + topics.length === 0 ? null : { references, topics },
    );
  }
  return { episodes: [], removedEpisodeIds: [], paperTitles, paperFacts };
}

/** Every paper an entry names: for the titles `metadataChange` needs. */
export function metadataPaperIds(entries: readonly MetadataEntry[]): string[] {
  const ids = new Set<string>();
  for (const entry of entries) {
    ids.add(entry.paperId);
    for (const target of entry.references) ids.add(target.id);
  }
  return [...ids];
}
