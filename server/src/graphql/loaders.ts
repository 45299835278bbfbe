// Per-request batching: the episodes, papers, related lists, clusters, citation pages and identifier
// look-ups one request asks for are each loaded with one store call per round of resolvers. The loaders hang
// off the request's context as plain properties, made on first use, not in the WeakMaps keyed by the
// context that Pothos' dataloader plugin uses: V8's young-generation GC does not clear such entries,
// so every request's loaders and all they loaded would wait for a full GC.
import DataLoader from 'dataloader';

import type { Citation, EpisodeRecord, PaperView } from '../domain/model.ts';
import type { Lookups } from '../queries/lookups.ts';
import type { EpisodeRelation } from '../relations/relatedness.ts';
import type { Cluster } from '../relations/relationIndex.ts';
import type {
  ClusterSummary,
  EpisodeListing,
  EpisodeSummary,
  GraphStore,
  ShowView,
} from '../store/store.ts';
import type { Context } from './context.ts';

/** An episode as a link shows it, as a list page shows it, or its whole record (the episode page's). */
export type EpisodeShape = EpisodeRecord | EpisodeListing | EpisodeSummary;

/** A paper as a read gave it: from papersByIds with its metadata's title, from the others without. */
export type PaperRecordShape = PaperView & { metadataTitle?: string | null };

/** A paper known by its id alone: a relation's shared paper when nothing else of it is asked. */
export interface PaperIdentity {
  id: string;
}

/** A paper as a read gave it, or only its id (fields beyond the id then read the paper). */
export type PaperShape = PaperRecordShape | PaperIdentity;

/** Whether the heavy fields are in hand: only the whole record has takeaways. */
function isWholeEpisode(episode: EpisodeShape): episode is EpisodeRecord {
  return 'takeaways' in episode;
}

/** Whether the paper's record is in hand: an identity has no citation count. */
function isPaperRecord(paper: PaperShape): paper is PaperRecordShape {
  return 'citationCount' in paper;
}

/** Whether the readings are in hand: the listing and the whole record have them, the summary not. */
function hasReadings(episode: EpisodeShape): episode is EpisodeListing | EpisodeRecord {
  return 'recommendations' in episode;
}

/**
 * The extension an Episode field beyond the listing carries, so a list page can tell from the
 * selection (selection.ts) whether listings answer it.
 */
export const NEEDS_WHOLE_EPISODE = { needsWholeEpisode: true } as const;

/** Whether a field, as the schema defines it, is one only the whole episode record answers. */
export const needsWholeEpisode = (field: { extensions?: object | null }) =>
  (field.extensions as Partial<typeof NEEDS_WHOLE_EPISODE> | null | undefined)
    ?.needsWholeEpisode === true;

/** A value of the whole record: from the record in hand, else loaded once per request, batched. */
export function wholeEpisodeValue<T>(
  episode: EpisodeShape,
  { loaders }: Context,
  pick: (episode: EpisodeRecord) => T,
): T | Promise<T> {
  return isWholeEpisode(episode) ? pick(episode) : loaders.episode(episode.id).then(pick);
}

/** An episode field outside the listing: marked as such, and resolved by wholeEpisodeValue. */
export function wholeEpisodeField<T>(pick: (episode: EpisodeRecord) => T) {
  return {
    extensions: NEEDS_WHOLE_EPISODE,
    resolve: (episode: EpisodeShape, _args: unknown, context: Context): T | Promise<T> =>
      wholeEpisodeValue(episode, context, pick),
  };
}

/**
 * The extension a Paper field answered from the paper's id alone carries, so a list of paper ids can
 * tell from the selection (selection.ts) whether the papers must be read.
 */
export const ANSWERED_BY_PAPER_ID = { answeredByPaperId: true } as const;

/** Whether a field, as the schema defines it, needs no more of a paper than its id. */
export const answeredByPaperId = (field: { extensions?: object | null }) =>
  (field.extensions as Partial<typeof ANSWERED_BY_PAPER_ID> | null | undefined)
    ?.answeredByPaperId === true;

/** A value of the paper's record: from the record in hand, else loaded once per request, batched. */
function paperRecordValue<T>(
  paper: PaperShape,
  { loaders }: Context,
  pick: (paper: PaperRecordShape) => T | Promise<T>,
): T | Promise<T> {
  return isPaperRecord(paper) ? pick(paper) : loaders.paper(paper.id).then(pick);
}

/** A Paper field beyond the id, resolved by paperRecordValue. */
export function paperRecordField<T>(
  pick: (paper: PaperRecordShape, context: Context) => T | Promise<T>,
) {
  return (paper: PaperShape, _args: unknown, context: Context): T | Promise<T> =>
    paperRecordValue(paper, context, (record) => pick(record, context));
}

/** A reading field: from the listing or record in hand, else from the whole record, loaded. */
export function readingsField<T>(pick: (episode: EpisodeListing) => T) {
  return (episode: EpisodeShape, _args: unknown, context: Context): T | Promise<T> =>
    hasReadings(episode) ? pick(episode) : wholeEpisodeValue(episode, context, pick);
}

/** The record behind an id the store's own rows hold: missing only if the store contradicts itself. */
async function stored<T>(
  loader: DataLoader<string, T | null>,
  id: string,
  kind: string,
): Promise<T> {
  const record = await loader.load(id);
  if (record === null) throw new Error(`${kind} ${id} is referenced but not stored`);
  return record;
}

/** One loader per value of an argument that shapes the answer (`first`), so a batch shares it. */
export function byArgument<V>(
  loaders: Map<number, DataLoader<string, V>>,
  argument: number,
  load: (ids: readonly string[]) => Promise<V[]>,
) {
  let loader = loaders.get(argument);
  if (!loader) loaders.set(argument, (loader = new DataLoader(load)));
  return loader;
}

export class Loaders implements Lookups {
  readonly #store: GraphStore;
  #episodes: DataLoader<string, EpisodeRecord | null> | undefined;
  #summaries: DataLoader<string, EpisodeSummary | null> | undefined;
  #papers: DataLoader<string, PaperRecordShape | null> | undefined;
  #related: Map<number, DataLoader<string, EpisodeRelation[]>> | undefined;
  #relatedWithEpisodes: Map<number, DataLoader<string, EpisodeRelation[]>> | undefined;
  #clusterOf: DataLoader<string, ClusterSummary | null> | undefined;
  #clusters: Promise<Map<string, Cluster>> | undefined;
  #citedBy: Map<number, DataLoader<string, Citation[]>> | undefined;
  #paperKeys: DataLoader<string, string | null> | undefined;
  #shows: DataLoader<string, ShowView | null> | undefined;

  constructor(store: GraphStore) {
    this.#store = store;
  }

  get #episodeLoader() {
    return (this.#episodes ??= new DataLoader((ids) => this.#store.episodesByIds(ids)));
  }

  get #paperLoader() {
    return (this.#papers ??= new DataLoader((ids) => this.#store.papersByIds(ids)));
  }

  /** The episode with this id, or null. */
  findEpisode(id: string): Promise<EpisodeRecord | null> {
    return this.#episodeLoader.load(id);
  }

  /** An episode a stored row points at. */
  episode(id: string): Promise<EpisodeRecord> {
    return stored(this.#episodeLoader, id, 'episode');
  }

  get #summaryLoader() {
    return (this.#summaries ??= new DataLoader((ids) => this.#store.episodeSummariesByIds(ids)));
  }

  /** What lists show of the episode with this id, or null. */
  findEpisodeSummary(id: string): Promise<EpisodeSummary | null> {
    return this.#summaryLoader.load(id);
  }

  /** What lists show of an episode a stored row points at (citers, related episodes, members). */
  episodeSummary(id: string): Promise<EpisodeSummary> {
    return stored(this.#summaryLoader, id, 'episode');
  }

  /**
   * The paper the first resolving key names, read with its first `first` citations and their
   * episodes' summaries in one store call; what it read answers this request's later look-ups.
   */
  async findPaperCitedBy(keys: readonly string[], first: number): Promise<PaperView | null> {
    const found = await this.#store.paperCitedBy(keys, first);
    if (found === null) return null;
    this.#paperLoader.prime(found.paper.id, found.paper);
    this.#citedByLoader(first).prime(found.paper.id, found.citations);
    for (const episode of found.episodes) this.#summaryLoader.prime(episode.id, episode);
    return found.paper;
  }

  /** The paper with this id, or null. */
  findPaper(id: string): Promise<PaperRecordShape | null> {
    return this.#paperLoader.load(id);
  }

  /** A paper a stored row points at. */
  paper(id: string): Promise<PaperRecordShape> {
    return stored(this.#paperLoader, id, 'paper');
  }

  get #showLoader() {
    return (this.#shows ??= new DataLoader((ids) => this.#store.showsByIds(ids)));
  }

  /** The show with this id, or null. */
  findShow(id: string): Promise<ShowView | null> {
    return this.#showLoader.load(id);
  }

  /** A show a stored episode points at. */
  show(id: string): Promise<ShowView> {
    return stored(this.#showLoader, id, 'show');
  }

  /**
   * The `first` best related episodes of an episode, each with its reasons. `withEpisodes` reads
   * the related episodes' summaries in the same store call, for this request's later look-ups.
   */
  related(episodeId: string, first: number, withEpisodes: boolean): Promise<EpisodeRelation[]> {
    return (
      withEpisodes ? this.#relatedWithEpisodesLoader(first) : this.#relatedLoader(first)
    ).load(episodeId);
  }

  #relatedLoader(first: number) {
    return byArgument((this.#related ??= new Map()), first, (ids) =>
      this.#store.relatedByEpisodeIds(ids, first),
    );
  }

  #relatedWithEpisodesLoader(first: number) {
    return byArgument((this.#relatedWithEpisodes ??= new Map()), first, async (ids) => {
      const found = await this.#store.relatedWithSummaries(ids, first);
      for (const episode of found.episodes) this.#summaryLoader.prime(episode.id, episode);
      return found.related;
    });
  }

  /**
   * What lists show of the episode with this id, or null, read with its first `first` related
   * episodes and their summaries in one store call, which answer this request's later look-ups.
   */
  async findEpisodeWithRelated(id: string, first: number): Promise<EpisodeSummary | null> {
    const found = await this.#store.episodeWithRelated(id, first);
    if (found === null) return null;
    this.#summaryLoader.prime(found.episode.id, found.episode);
    for (const episode of found.episodes) this.#summaryLoader.prime(episode.id, episode);
    this.#relatedLoader(first).prime(id, found.related);
    this.#relatedWithEpisodesLoader(first).prime(id, found.related);
    return found.episode;
  }

  /** The cluster an episode is in; null when it is in none. */
  clusterOf(episodeId: string): Promise<ClusterSummary | null> {
    const loader = (this.#clusterOf ??= new DataLoader((ids) =>
      this.#store.clustersByEpisodeIds(ids),
    ));
    return loader.load(episodeId);
  }

  /**
   * The cluster with this id, with its members, terms and papers, or null. The store lists clusters
   * rather than finding one, so a request reads them all once (there are fewer than episodes).
   */
  async findCluster(id: string): Promise<Cluster | null> {
    this.#clusters ??= this.#store
      .stats()
      .then((stats) => this.#store.clusters(stats.episodes))
      .then((clusters) => new Map(clusters.map((cluster) => [cluster.id, cluster])));
    return (await this.#clusters).get(id) ?? null;
  }

  /** The first `first` citations of a paper (the store's order). */
  citedBy(paperId: string, first: number): Promise<Citation[]> {
    return this.#citedByLoader(first).load(paperId);
  }

  #citedByLoader(first: number) {
    const store = this.#store;
    return byArgument((this.#citedBy ??= new Map()), first, (ids) =>
      store.citationsByPaperIds(ids, first),
    );
  }

  /** The stored paper id behind each candidate key (canonical key or normalised alias), or null. */
  resolvePaperKeys(keys: readonly string[]): Promise<(string | null)[]> {
    const loader = (this.#paperKeys ??= new DataLoader((batch) =>
      this.#store.resolvePaperKeys(batch),
    ));
    // load(), not loadMany(): loadMany puts a failed batch's Error among the answers instead of rejecting.
    return Promise.all(keys.map((key) => loader.load(key)));
  }
}
