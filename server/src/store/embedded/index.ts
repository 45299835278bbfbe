// The embedded store: SQLite (node:sqlite) is the durable truth, a compact graph in memory answers
// the graph questions. Memory changes only after the SQLite transaction committed.
import { mkdirSync } from 'node:fs';
import type { DatabaseSync, StatementSync } from 'node:sqlite';

import { LRUCache } from 'lru-cache';

import type { FeedRecord } from '../../domain/feed.ts';
import type {
  EnrichmentCandidate,
  EnrichmentCounts,
  MetadataEntry,
  StoredMetadata,
} from '../../domain/metadata.ts';
import {
  type Citation,
  citedPaperIds,
  type EpisodePerson,
  type EpisodeRecord,
  type GraphView,
  type ImportBatch,
  type ImportResult,
  type PaperView,
  type SearchHit,
  type Stats,
} from '../../domain/model.ts';
import { paperLabel } from '../../ids/paperId.ts';
import type { EpisodeMap, EpisodeMapRequest } from '../../relations/episodeMap.ts';
import type { EpisodeRelation } from '../../relations/relatedness.ts';
import type { Cluster } from '../../relations/relationIndex.ts';
import type {
  EnrichmentQuery,
  MetadataFilter,
  MetadataHit,
  MetadataPageQuery,
} from '../metadataStore.ts';
import type { PersonView } from '../peopleStore.ts';
import { importOne } from '../shared/importOne.ts';
import { inViewOrder } from '../shared/referenceEdges.ts';
import {
  metadataChange,
  metadataPaperIds,
  RelationKeeper,
  relationKeepingChannel,
  type RelationKeepingTime,
} from '../shared/relationKeeper.ts';
import { SerialQueue } from '../shared/serialQueue.ts';
import { validateImportBatch } from '../shared/validateBatch.ts';
import type {
  BatchSource,
  ClusterSummary,
  DrawnGraph,
  EpisodeListQuery,
  EpisodeSortKey,
  EpisodeSummary,
  EpisodeWithRelated,
  GraphQuery,
  GraphStore,
  Keyset,
  Page,
  PaperListQuery,
  PaperWithMetadataTitle,
  SearchRequest,
  ShowListQuery,
  ShowView,
  StoreHealth,
  TranscriptHit,
} from '../store.ts';
import { allShortestPaths } from './allShortestPaths.ts';
import { openDatabase } from './database.ts';
import { lockDataDir } from './dataDirLock.ts';
import {
  episodeListingsFrom,
  paperCitedByFrom,
  readEpisodeSummaries,
  relatedWithSummariesFrom,
  searchSourcesFrom,
} from './episodeSummaries.ts';
import { mappingStoreErrors } from './errors.ts';
import { FeedRows } from './feeds.ts';
import { graphChangedAtReader } from './graphChangedAt.ts';
import {
  citersInOrder,
  type GraphSkeleton,
  neighbourhood,
  overview,
  shortestPath,
} from './graphQueries.ts';
import { type ImportedChange, Importer } from './importer.ts';
import { applyGraphDiff, type MemoryState } from './memoryGraph.ts';
import { MetadataTables } from './metadata.ts';
import { PeopleReads } from './people.ts';
import { Reads } from './reads.ts';
import { RelationTables } from './relations.ts';
import { applyEpisodeRemoval, EpisodeRemover } from './removeEpisode.ts';
import { type GraphLoad, SavedGraph } from './savedGraph.ts';

export interface EmbeddedStoreOptions {
  /** Directory holding `papergraph.sqlite` and `papergraph.graph` (created if missing). */
  dataDir: string;
  /** `whenQueried` defers the in-memory graph to its first use: a CLI import never asks it anything. */
  loadGraph?: 'atOpen' | 'whenQueried';
  /** Told how the graph was loaded (graph file, or rebuilt from SQLite and why). */
  onGraphLoad?: (load: GraphLoad) => void;
  /** Wait after a commit before rewriting the graph file (tests stretch it to hold a crash window open). */
  graphFileDelayMs?: number;
}

export type { GraphLoad };

const GRAPH_FILE_DELAY_MS = 2_000;

/** ~3 kB each: a few MB for the episodes people are looking at. */
const EPISODE_CACHE_SIZE = 5_000;
/** ~0.3 kB each. */
const PAPER_CACHE_SIZE = 20_000;

export async function createEmbeddedStore(options: EmbeddedStoreOptions): Promise<GraphStore> {
  mkdirSync(options.dataDir, { recursive: true });
  const lock = lockDataDir(options.dataDir);
  let opened: ReturnType<typeof openDatabase> | undefined;
  try {
    opened = openDatabase(options.dataDir);
    const store = new EmbeddedStore(opened, lock, options);
    await store.keepRelationsCurrent();
    if ((options.loadGraph ?? 'atOpen') === 'atOpen') await store.stats();
    return store;
  } catch (error) {
    opened?.writer.close();
    opened?.reader.close();
    lock.release();
    throw error;
  }
}

async function* validated(batches: BatchSource): AsyncGenerator<ImportBatch> {
  for await (const batch of batches) yield validateImportBatch(batch);
}

class EmbeddedStore implements GraphStore {
  readonly kind = 'embedded' as const;
  readonly #db: DatabaseSync;
  readonly #writer: DatabaseSync;
  readonly #path: string;
  readonly #graph: SavedGraph;
  readonly #reads: Reads;
  readonly #people: PeopleReads;
  readonly #metadata: MetadataTables;
  readonly #relations: RelationTables;
  readonly #keeper: RelationKeeper;
  readonly #importer: Importer;
  readonly #feeds: FeedRows;
  readonly #remover: EpisodeRemover;
  readonly #readGraphChangedAt: () => string | null;
  readonly #episodesNewestFirst: StatementSync;
  readonly #imports = new SerialQueue();
  readonly #lock: { release(): void };
  /**
   * Parsed episode records of recently shown episodes: related lists and citedBy pages load the same
   * popular episodes over and over (a quarter of a related request's time was re-reading them).
   * Entries of episodes an import changes are dropped before the import returns.
   */
  readonly #episodeCache = new LRUCache<string, EpisodeRecord>({ max: EPISODE_CACHE_SIZE });
  /**
   * Recently shown papers: every related answer names its shared papers, mostly the same classics (a
   * SQLite read was ~10 µs of a ~85 µs related request over HTTP). An import that writes anything
   * clears it whole, since citation counts move with every citing episode.
   */
  readonly #paperCache = new LRUCache<string, PaperWithMetadataTitle>({ max: PAPER_CACHE_SIZE });
  #closed = false;

  constructor(
    { reader: db, writer, path }: { reader: DatabaseSync; writer: DatabaseSync; path: string },
    lock: { release(): void },
    options: EmbeddedStoreOptions,
  ) {
    this.#db = db;
    this.#writer = writer;
    this.#path = path;
    this.#lock = lock;
    this.#graph = new SavedGraph({ reader: db, writer }, options.dataDir, this.#imports, {
      writeDelayMs: options.graphFileDelayMs ?? GRAPH_FILE_DELAY_MS,
      onLoad: options.onGraphLoad,
    });
    // Metadata first: its tables are created on open, and the reads look papers up in them too.
    this.#metadata = new MetadataTables(db, writer);
    this.#relations = new RelationTables(db, writer);
    this.#keeper = new RelationKeeper(() => this.#relations.corpus());
    this.#reads = new Reads(db);
    this.#people = new PeopleReads(db);
    this.#importer = new Importer(writer);
    this.#feeds = new FeedRows(db, writer);
    this.#remover = new EpisodeRemover(writer);
    this.#readGraphChangedAt = graphChangedAtReader(db);
    this.#episodesNewestFirst = db.prepare(
      'SELECT id FROM episodes ORDER BY published_at IS NULL, published_at DESC, id',
    );
    this.#episodesNewestFirst.setReturnArrays(true);
  }

  importBatch(batch: ImportBatch): Promise<ImportResult> {
    return importOne(this, batch);
  }

  async importBatches(batches: BatchSource): Promise<ImportResult[]> {
    // Checked at call time: imports queued before close() still run, close() waits for them.
    this.#assertOpen();
    const stopAdopting = this.#keeper.adoptCountedTexts();
    return this.#keeping(async () => {
      const written = (episodes: readonly EpisodeRecord[]) => {
        const titles = this.#relations.titlesNow([...new Set(episodes.flatMap(citedPaperIds))]);
        this.#keeper.takeWritten(episodes, (id) => titles.get(id) ?? null);
      };
      const beforeCommit = async ({ changedPaperIds, retitledPaperIds }: ImportedChange) => {
        const started = performance.now();
        const episodes = await this.#keeper.takenEpisodes(retitledPaperIds, (ids) =>
          this.#relations.episodesNow(ids),
        );
        const paperIds = new Set(changedPaperIds);
        for (const episode of episodes) {
          for (const paperId of citedPaperIds(episode)) paperIds.add(paperId);
        }
        const paperTitles = this.#relations.titlesNow([...paperIds]);
        this.#relations.persist(
          await this.#keeper.rowsFor({ episodes, removedEpisodeIds: [], paperTitles }),
        );
        if (relationKeepingChannel.hasSubscribers) {
          const time: RelationKeepingTime = {
            episodes: episodes.length,
            milliseconds: performance.now() - started,
          };
          relationKeepingChannel.publish(time);
        }
      };
      const keeping = { written, beforeCommit };
      const outcomes = await this.#importer.run(validated(batches), keeping, (committed) => {
        const diffs = committed.flatMap(({ diff }) => (diff ? [diff] : []));
        if (diffs.length > 0)
          this.#graph.committed((state) => diffs.forEach((diff) => applyGraphDiff(state, diff)));
        for (const { result, showAssigned } of committed)
          for (const id of [...result.updated, ...showAssigned]) this.#episodeCache.delete(id);
        if (committed.some((o) => o.diff !== null)) this.#paperCache.clear();
      });
      return outcomes.map((o) => o.result);
    }).finally(stopAdopting);
  }

  async episodesByIds(ids: readonly string[]): Promise<(EpisodeRecord | null)[]> {
    this.#assertOpen();
    const missing = ids.filter((id) => !this.#episodeCache.has(id));
    if (missing.length > 0) {
      this.#reads.episodesByIds(missing).forEach((record) => {
        if (record) this.#episodeCache.set(record.id, record);
      });
    }
    return ids.map((id) => this.#episodeCache.get(id) ?? null);
  }

  readonly episodeSummariesByIds = async (ids: readonly string[]) =>
    readEpisodeSummaries(this.#db, ids);

  readonly paperCitedBy = (keys: readonly string[], limit: number) =>
    paperCitedByFrom(this, keys, limit);

  async papersByIds(ids: readonly string[]): Promise<(PaperWithMetadataTitle | null)[]> {
    this.#assertOpen();
    const missing = ids.filter((id) => !this.#paperCache.has(id));
    if (missing.length > 0) {
      this.#reads.papersByIds(missing).forEach((paper) => {
        if (paper) this.#paperCache.set(paper.id, paper);
      });
    }
    return ids.map((id) => this.#paperCache.get(id) ?? null);
  }

  async resolvePaperKeys(keys: readonly string[]): Promise<(string | null)[]> {
    this.#assertOpen();
    return this.#reads.resolvePaperKeys(keys);
  }

  async citationsByPaperIds(
    paperIds: readonly string[],
    limitPerPaper: number,
  ): Promise<Citation[][]> {
    this.#assertOpen();
    // The order comes from memory (source first, newest first), so SQLite reads only the rows shown,
    // not all of a classic's thousands of citations.
    return paperIds.map((paperId) => {
      const citers = citersInOrder(this.#memory.graph, paperId, limitPerPaper);
      return this.#reads.citationsOfPaperBy(paperId, citers).slice(0, Math.max(0, limitPerPaper));
    });
  }

  async showsByIds(ids: readonly string[]): Promise<(ShowView | null)[]> {
    this.#assertOpen();
    return this.#reads.showsByIds(ids);
  }

  async listShows(query: ShowListQuery): Promise<Page<ShowView>> {
    this.#assertOpen();
    return this.#reads.listShows(query);
  }

  async listEpisodes(query: EpisodeListQuery): Promise<Page<EpisodeRecord>> {
    this.#assertOpen();
    if (query.sourcePaper === undefined) return this.#reads.listEpisodes(query);
    const { ids, totalCount } = this.#metadata.sourcedEpisodes(
      query.sourcePaper,
      query.offset,
      query.limit,
    );
    const items = await this.episodesByIds(ids);
    return { items: items.filter((e): e is EpisodeRecord => e !== null), totalCount };
  }

  readonly listEpisodeListings = (query: EpisodeListQuery) => episodeListingsFrom(this, query);

  async listPapers(query: PaperListQuery): Promise<Page<PaperView>> {
    this.#assertOpen();
    return this.#reads.listPapers(query);
  }

  async relatedByEpisodeIds(
    episodeIds: readonly string[],
    limit: number,
  ): Promise<EpisodeRelation[][]> {
    this.#assertOpen();
    return this.#relations.related(episodeIds, limit);
  }

  readonly relatedWithSummaries = (episodeIds: readonly string[], limit: number) =>
    relatedWithSummariesFrom(this, episodeIds, limit);

  async episodeWithRelated(episodeId: string, limit: number): Promise<EpisodeWithRelated | null> {
    const [episode] = await this.episodeSummariesByIds([episodeId]);
    if (!episode) return null;
    const { related, episodes } = await this.relatedWithSummaries([episodeId], limit);
    return { episode, related: related[0]!, episodes };
  }

  readonly searchSources = (request: SearchRequest) => searchSourcesFrom(this, request);

  async clustersByEpisodeIds(episodeIds: readonly string[]): Promise<(ClusterSummary | null)[]> {
    this.#assertOpen();
    return this.#relations.clustersOf(episodeIds);
  }

  async clusters(limit: number): Promise<Cluster[]> {
    this.#assertOpen();
    return this.#relations.clusters(limit);
  }

  async episodeMap(request: EpisodeMapRequest): Promise<EpisodeMap> {
    this.#assertOpen();
    return this.#relations.episodeMap(request);
  }

  /**
   * Computes the relations of a store whose graph changed without them (a DATA_DIR from before
   * relations were kept), once, in one transaction.
   */
  async keepRelationsCurrent(): Promise<void> {
    if (!this.#relations.outdated()) return;
    await this.#keeping(async () => {
      this.#writer.exec('BEGIN IMMEDIATE');
      try {
        this.#relations.persistAll(await this.#keeper.allRows());
        this.#writer.exec('COMMIT');
      } catch (error) {
        if (this.#writer.isTransaction) this.#writer.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async graph(query: GraphQuery): Promise<DrawnGraph> {
    this.#assertOpen();
    const { graph } = this.#memory;
    const drawn =
      query.focus === undefined
        ? overview(
            graph,
            query.show === undefined
              ? this.#newestEpisodeIds()
              : this.#reads.episodeIdsOfShow(query.show),
            query,
          )
        : neighbourhood(graph, query.focus, query);
    const view = { ...this.#toView(drawn), truncated: drawn.truncated };
    if (!query.references) return view;
    const paperIds = view.nodes.filter((node) => node.kind === 'PAPER').map((node) => node.id);
    return { ...view, references: inViewOrder(view, this.#metadata.edgesAmong(paperIds)) };
  }

  async path(fromId: string, toId: string): Promise<GraphView | null> {
    this.#assertOpen();
    const skeleton = shortestPath(this.#memory.graph, fromId, toId);
    return skeleton === null ? null : this.#toView(skeleton);
  }

  async shortestPaths(fromId: string, toId: string, limit: number): Promise<GraphView[]> {
    this.#assertOpen();
    return allShortestPaths(this.#memory.graph, fromId, toId, Math.trunc(limit)).map((chain) =>
      this.#toView(chain),
    );
  }

  async search(query: string, limit: number, show?: string): Promise<SearchHit[]> {
    this.#assertOpen();
    return this.#reads.search(query, limit, show);
  }

  async searchTranscripts(query: string, limit: number, show?: string): Promise<TranscriptHit[]> {
    this.#assertOpen();
    return this.#reads.searchTranscripts(query, limit, show);
  }

  async stats(): Promise<Stats> {
    this.#assertOpen();
    const { episodeCount, paperCount, citationCount } = this.#memory;
    return { episodes: episodeCount, papers: paperCount, citations: citationCount };
  }

  async graphChangedAt(): Promise<string | null> {
    this.#assertOpen();
    return this.#readGraphChangedAt();
  }

  async episodeIdsByGuids(guids: readonly string[]): Promise<(string | null)[]> {
    this.#assertOpen();
    return this.#feeds.episodeIdsByGuids(guids);
  }

  async removeEpisode(episodeId: string): Promise<{ removedPaperIds: string[] } | null> {
    this.#assertOpen();
    return this.#keeping(async () => {
      const removal = await this.#remover.remove(episodeId, async () =>
        this.#relations.persist(
          await this.#keeper.rowsFor({
            episodes: [],
            removedEpisodeIds: [episodeId],
            paperTitles: new Map(),
          }),
        ),
      );
      if (removal === null) return null;
      this.#graph.committed((state) => applyEpisodeRemoval(state, removal));
      this.#episodeCache.delete(episodeId);
      this.#paperCache.clear();
      return { removedPaperIds: removal.removedPaperIds };
    });
  }

  async listFeeds(): Promise<FeedRecord[]> {
    this.#assertOpen();
    return this.#feeds.list();
  }

  // On the import queue: the writer connection is the importer's too, and a write must not land
  // inside an import's open transaction.
  async saveFeed(feed: FeedRecord): Promise<void> {
    this.#assertOpen();
    return this.#write(async () => this.#feeds.save(feed));
  }

  async removeFeed(url: string): Promise<boolean> {
    this.#assertOpen();
    return this.#write(async () => this.#feeds.remove(url));
  }

  async exportBatch(): Promise<ImportBatch> {
    this.#assertOpen();
    const batch = this.#reads.exportBatch({ transcripts: true });
    const people = this.#people.allPeople();
    for (const episode of batch.episodes) {
      const named = people.get(episode.id);
      if (named !== undefined) episode.people = named;
    }
    return batch;
  }

  async peopleByEpisodeIds(episodeIds: readonly string[]): Promise<EpisodePerson[][]> {
    this.#assertOpen();
    return this.#people.peopleByEpisodeIds(episodeIds);
  }

  async peopleByIds(personIds: readonly string[]): Promise<(PersonView | null)[]> {
    this.#assertOpen();
    return this.#people.peopleByIds(personIds);
  }

  async personEpisodes(
    personId: string,
    limit: number,
    keyset: Keyset<EpisodeSortKey>,
  ): Promise<Page<EpisodeSummary>> {
    this.#assertOpen();
    return this.#people.personEpisodes(personId, limit, keyset);
  }

  async papersToEnrich(query: EnrichmentQuery): Promise<EnrichmentCandidate[]> {
    this.#assertOpen();
    return this.#metadata.papersToEnrich(query);
  }

  async enrichmentCounts(staleBefore: string): Promise<EnrichmentCounts> {
    this.#assertOpen();
    return this.#metadata.enrichmentCounts(staleBefore);
  }

  // On the import queue, like every write on the writer connection.
  async saveMetadata(entries: readonly MetadataEntry[]): Promise<void> {
    this.#assertOpen();
    return this.#keeping(async () => {
      await this.#metadata.save(entries, async () => {
        const paperTitles = this.#relations.titlesNow(metadataPaperIds(entries));
        this.#relations.persist(await this.#keeper.rowsFor(metadataChange(entries, paperTitles)));
      });
      // Papers known only as references are papers too, and saving may add or retitle them.
      this.#paperCache.clear();
    });
  }

  async metadataByPaperIds(ids: readonly string[]): Promise<(StoredMetadata | null)[]> {
    this.#assertOpen();
    return this.#metadata.byPaperIds(ids);
  }

  async referencesByPaperIds(ids: readonly string[], limitPerPaper: number): Promise<string[][]> {
    this.#assertOpen();
    return this.#metadata.references(ids, limitPerPaper);
  }

  async referencedByPaperIds(ids: readonly string[], limitPerPaper: number): Promise<string[][]> {
    this.#assertOpen();
    return this.#metadata.referencedBy(ids, limitPerPaper);
  }

  async searchPaperMetadata(filter: MetadataFilter, limit: number): Promise<MetadataHit[]> {
    this.#assertOpen();
    return this.#metadata.search(filter, limit);
  }

  async pagePaperMetadata(query: MetadataPageQuery): Promise<Page<MetadataHit>> {
    this.#assertOpen();
    return this.#metadata.page(query);
  }

  async health(): Promise<StoreHealth> {
    return { store: 'embedded', reachable: !this.#closed && this.#db.isOpen, detail: this.#path };
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#imports.drained();
    await this.#graph.close();
    this.#writer.close();
    this.#db.close();
    this.#lock.release();
  }

  *#newestEpisodeIds(): Generator<string> {
    for (const row of this.#episodesNewestFirst.iterate() as Iterable<[string]>) yield row[0];
  }

  #toView(skeleton: GraphSkeleton): GraphView {
    const { graph } = this.#memory;
    const nodes = skeleton.nodes.map((node) => {
      const id = graph.idOf(node);
      const title = graph.title(node);
      const kind = graph.isEpisode(node) ? 'EPISODE' : 'PAPER';
      const label = kind === 'PAPER' ? paperLabel({ id, title }) : (title ?? id);
      return { id, kind, label, weight: graph.degree(node) } as const;
    });
    return { nodes, edges: skeleton.edges };
  }

  /** Every write runs on the import queue (one writer connection), its SQLite failures mapped. */
  #write<T>(task: () => Promise<T>): Promise<T> {
    return this.#imports.enqueue(() => mappingStoreErrors(task));
  }

  /**
   * A write whose transaction persists the keeper's rows: if it fails, the keeper forgets what it
   * applied, so it never runs ahead of the file.
   */
  #keeping<T>(task: () => Promise<T>): Promise<T> {
    return this.#write(async () => {
      try {
        return await task();
      } catch (error) {
        this.#keeper.reset();
        throw error;
      }
    });
  }

  get #memory(): MemoryState {
    return this.#graph.state;
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error(`embedded store ${this.#path} is closed`);
  }
}
