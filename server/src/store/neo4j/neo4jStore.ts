// The Neo4j store: every method is a fixed, small number of statements from cypher.ts (see
// tests/neo4j/round-trips.test.ts), reads routed to readers; an import is one managed write
// transaction, or a journaled run of them when large (importRun.ts).
import { type FeedRecord, feedRecordSchema } from '../../domain/feed.ts';
import type {
  Citation,
  EpisodePerson,
  EpisodeRecord,
  GraphView,
  ImportBatch,
  ImportResult,
  PaperView,
  SearchHit,
  Stats,
} from '../../domain/model.ts';
import { aiPapersShow } from '../../domain/show.ts';
import type { EpisodeMap, EpisodeMapRequest } from '../../relations/episodeMap.ts';
import type { EpisodeRelation } from '../../relations/relatedness.ts';
import type { Cluster } from '../../relations/relationIndex.ts';
import type { PersonView } from '../peopleStore.ts';
import { importOne } from '../shared/importOne.ts';
import { pageWindow } from '../shared/pageWindow.ts';
import { inViewOrder } from '../shared/referenceEdges.ts';
import { PAPER_SEARCH_NOTES } from '../shared/searchNotes.ts';
import { SerialQueue } from '../shared/serialQueue.ts';
import { passageLines, transcriptMatch } from '../shared/transcripts.ts';
import { validateImportBatch } from '../shared/validateBatch.ts';
import type {
  BatchSource,
  ClusterSummary,
  DrawnGraph,
  EpisodeListing,
  EpisodeListQuery,
  EpisodeSortKey,
  EpisodeSummary,
  EpisodeWithRelated,
  GraphQuery,
  GraphStore,
  Keyset,
  Page,
  PaperCitedBy,
  PaperListQuery,
  PaperSortKey,
  PaperWithMetadataTitle,
  RelatedEpisodes,
  SearchRequest,
  SearchSources,
  ShowListQuery,
  ShowView,
  StoreHealth,
  TranscriptHit,
} from '../store.ts';
import type { CypherParams, StatementName } from './cypher.ts';
import type { CypherDriver, CypherTransaction, Row } from './driver.ts';
import { mappingStoreErrors, toStoreError } from './errors.ts';
import { expectedCounts } from './expectedCounts.ts';
import {
  EPISODES_PER_TRANSACTION,
  importAsRun,
  type ImportWritten,
  undoAbandonedRuns,
} from './importRun.ts';
import {
  type BatchWrite,
  dropUncitedPapers,
  PaperCreatedMeanwhileError,
  recountPapers,
  writeBatch,
} from './importWrite.ts';
import { EPISODE_SEARCH_FIELDS, PAPER_SEARCH_FIELDS, toLuceneQuery } from './luceneQuery.ts';
import { Neo4jMetadata } from './metadata.ts';
import { type EpisodeWindowBounds, Neo4jPeople, toEpisodePeople } from './people.ts';
import {
  asInteger,
  asMap,
  asString,
  toCitationLists,
  toEpisodeListing,
  toEpisodeRecordWithCitations,
  toEpisodeSummary,
  toFeedRecord,
  toGraphView,
  toPaperCitedBy,
  toPaperRecord,
  toPaperView,
  toPaperWithMetadataTitle,
  toPathView,
  toShowRecord,
  toShowView,
  unique,
} from './records.ts';
import { importChange, Neo4jRelations, removalChange } from './relations.ts';
import { searchSources, TRANSCRIPT_SEARCH_FIELDS } from './search.ts';
import { NEO4J_MAX_GRAPH_DEPTH } from './statements/graph.ts';
import { METADATA_SEARCH_FIELDS } from './statements/metadata.ts';
import {
  FULLTEXT_INDEXES,
  SCHEMA_STATEMENTS,
  type SchemaStatementName,
} from './statements/schema.ts';

export interface Neo4jStoreOptions {
  /** How long health() waits for Neo4j before reporting it unreachable. */
  healthTimeoutMs?: number;
  /** How long ensureSchema waits for new indexes to come online. */
  indexWaitSeconds?: number;
  /** Episodes per transaction of an import; a larger import runs as a journaled run (importRun.ts). */
  importEpisodesPerTransaction?: number;
}

const EMPTY_GRAPH: GraphView = { nodes: [], edges: [] };

/** Tries of one import transaction refused for a paper another writer created meanwhile. */
const IMPORT_WRITE_ATTEMPTS = 3;

/**
 * Creates constraints and indexes if missing; safe to run on every start. A full-text index created
 * without the options the store needs now is dropped first and so created again (then populated
 * before the wait below ends).
 */
export async function ensureSchema(driver: CypherDriver, indexWaitSeconds = 60): Promise<void> {
  await mappingStoreErrors(async () => {
    const outdated = await driver.executeQuery(
      'fullTextIndexesToRebuild',
      { names: Object.values(FULLTEXT_INDEXES) },
      'WRITE',
    );
    for (const row of outdated)
      await driver.executeQuery('dropFullTextIndex', { name: asString(row.name) }, 'WRITE');
    // Schema commands cannot share a transaction with each other or with data writes: one each.
    for (const statement of SCHEMA_STATEMENTS) await runSchemaStatement(driver, statement);
    await driver.executeQuery('schemaAwait', { timeoutSeconds: indexWaitSeconds }, 'WRITE');
  });
}

const SHOWS_MIGRATION = 'shows';

/**
 * Once per database: the episodes with a source paper stored before shows existed came from the "AI
 * Papers" page or feed, so they join that show (one without gets its show when its feed is imported
 * again). Marked done even on an empty database, so that an episode imported later without a show
 * stays without one, as in the embedded store.
 */
export async function migrateShows(driver: CypherDriver): Promise<void> {
  await mappingStoreErrors(() =>
    driver.executeWrite(async (tx) => {
      const [row] = await tx.run('showsMigrationDone', { key: SHOWS_MIGRATION });
      if (row?.done === true) return;
      await tx.run('showsMigrateEpisodes', { legacyShow: aiPapersShow() });
      await tx.run('showsMarkMigrated', { key: SHOWS_MIGRATION });
    }),
  );
}

/** Episodes written before the newest-first key get it (a no-op once every episode has it). */
export async function fillNewestKeys(driver: CypherDriver): Promise<void> {
  await mappingStoreErrors(() => driver.executeQuery('fillEpisodeNewestKeys', {}, 'WRITE'));
}

function runSchemaStatement(driver: CypherDriver, statement: SchemaStatementName): Promise<Row[]> {
  return driver.executeQuery(statement, {}, 'WRITE');
}

export class Neo4jStore implements GraphStore {
  readonly kind = 'neo4j' as const;
  readonly #driver: CypherDriver;
  readonly #healthTimeoutMs: number;
  readonly #episodesPerTransaction: number;
  /** Imports from this process run one at a time: no self-inflicted lock waits or deadlock retries. */
  readonly #imports = new SerialQueue();
  #closed = false;
  /** Reads go on while close drains the queued imports (their relations read the corpus). */
  #driverClosed = false;
  /** Paper metadata and references (metadata.ts); the methods below hand over to it. */
  readonly #metadata: Neo4jMetadata;
  /** Relations and clusters (relations.ts): kept by the writes, answered from what they persisted. */
  readonly #relations: Neo4jRelations;
  readonly #people: Neo4jPeople;
  readonly papersToEnrich: Neo4jMetadata['papersToEnrich'] = (query) =>
    this.#metadata.papersToEnrich(query);
  readonly enrichmentCounts: Neo4jMetadata['enrichmentCounts'] = (staleBefore) =>
    this.#metadata.enrichmentCounts(staleBefore);
  readonly saveMetadata: Neo4jMetadata['saveMetadata'] = (entries) =>
    this.#metadata.saveMetadata(entries);
  readonly metadataByPaperIds: Neo4jMetadata['metadataByPaperIds'] = (ids) =>
    this.#metadata.metadataByPaperIds(ids);
  readonly referencesByPaperIds: Neo4jMetadata['referencesByPaperIds'] = (ids, limit) =>
    this.#metadata.referencesByPaperIds(ids, limit);
  readonly referencedByPaperIds: Neo4jMetadata['referencedByPaperIds'] = (ids, limit) =>
    this.#metadata.referencedByPaperIds(ids, limit);
  readonly searchPaperMetadata: Neo4jMetadata['searchPaperMetadata'] = (filter, limit) =>
    this.#metadata.searchPaperMetadata(filter, limit);
  readonly pagePaperMetadata: Neo4jMetadata['pagePaperMetadata'] = (query) =>
    this.#metadata.pagePaperMetadata(query);

  constructor(driver: CypherDriver, options: Neo4jStoreOptions = {}) {
    this.#driver = driver;
    this.#healthTimeoutMs = options.healthTimeoutMs ?? 3_000;
    this.#episodesPerTransaction = options.importEpisodesPerTransaction ?? EPISODES_PER_TRANSACTION;
    this.#relations = new Neo4jRelations((statement, params) => this.#read(statement, params));
    this.#people = new Neo4jPeople((statement, params) => this.#read(statement, params));
    this.#metadata = new Neo4jMetadata(
      (statement, params) => this.#read(statement, params),
      (entries, work) => {
        this.#assertOpen();
        return this.#imports.enqueue(async () => {
          await this.#relations.writing(this.#executeWrite, async (tx) => {
            await work(tx);
            await this.#relations.persistMetadata(tx, entries);
          });
          await this.#fullTextCaughtUp();
        });
      },
    );
  }

  /**
   * The full-text indexes take committed changes after the commit (statements/schema.ts): a write
   * that changed indexed text waits for them before it returns, so a search right after it finds
   * what it wrote. Asked where reads go, which on a cluster is the member a search goes to next.
   */
  async #fullTextCaughtUp(): Promise<void> {
    await mappingStoreErrors(() => this.#driver.executeQuery('awaitFullTextRefresh', {}, 'READ'));
  }

  readonly #executeWrite = <T>(work: (tx: CypherTransaction) => Promise<T>): Promise<T> =>
    mappingStoreErrors(() => this.#driver.executeWrite(work));

  /**
   * An import's write: it creates the papers it read as unstored, so when another process created
   * one of them meanwhile, Neo4j refuses the CREATE; run again, the transaction reads it as stored.
   */
  readonly #executeImportWrite = async <T>(
    work: (tx: CypherTransaction) => Promise<T>,
  ): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.#executeWrite(work);
      } catch (error) {
        if (!(error instanceof PaperCreatedMeanwhileError) || attempt >= IMPORT_WRITE_ATTEMPTS)
          throw error;
      }
    }
  };

  importBatch(batch: ImportBatch): Promise<ImportResult> {
    return importOne(this, batch);
  }

  async importBatches(batches: BatchSource): Promise<ImportResult[]> {
    this.#assertOpen();
    const stopAdopting = this.#relations.adoptCountedTexts();
    return this.#imports
      .enqueue(async () => {
        // Every batch is in hand before the first transaction opens: a managed transaction may be
        // retried, and a retry must replay the same batches.
        const valid: ImportBatch[] = [];
        for await (const batch of batches) valid.push(validateImportBatch(batch));
        const undone = await undoAbandonedRuns(this.#executeWrite, (before) =>
          this.#read('importRunsAbandoned', { before }),
        );
        const episodes = valid.reduce((n, batch) => n + batch.episodes.length, 0);
        const { results, changed } =
          episodes > this.#episodesPerTransaction
            ? await this.#importAsRun(valid)
            : await this.#importInOneTransaction(valid);
        if (changed || undone) await this.#fullTextCaughtUp();
        return results;
      })
      .finally(stopAdopting);
  }

  /**
   * A large import: transactions committed one by one and, when one fails, undone. The undo changed
   * indexed text back, so a search after the failure waits for it like one after a success; the
   * failure is what the caller hears (a refresh that fails too would be its consequence).
   */
  async #importAsRun(valid: readonly ImportBatch[]): Promise<ImportWritten> {
    try {
      return await importAsRun(
        valid,
        this.#episodesPerTransaction,
        this.#executeImportWrite,
        this.#relations,
      );
    } catch (error) {
      await this.#fullTextCaughtUp().catch(() => undefined);
      throw error;
    }
  }

  /** A small import: everything in one transaction, seen by readers all at once. */
  #importInOneTransaction(valid: readonly ImportBatch[]): Promise<ImportWritten> {
    return this.#relations.writing(this.#executeImportWrite, async (tx) => {
      const written: BatchWrite[] = [];
      const expected = expectedCounts(valid);
      for (const batch of valid)
        written.push(await writeBatch(tx, batch, { undo: false, expected }));
      if (written.some((w) => w.changed)) {
        await recountPapers(tx, unique(written.flatMap((w) => w.recount)));
        await dropUncitedPapers(
          tx,
          written.flatMap((w) => w.formerlyCited),
        );
        await markGraphChanged(tx);
        await this.#relations.persist(
          tx,
          importChange(
            written.flatMap((w) => w.episodes),
            valid.flatMap((b) => b.papers),
          ),
        );
      }
      return { results: written.map((w) => w.result), changed: written.some((w) => w.changed) };
    });
  }

  async episodesByIds(ids: readonly string[]): Promise<(EpisodeRecord | null)[]> {
    if (ids.length === 0) return [];
    const rows = await this.#read('episodesByIds', { ids: unique(ids) });
    return inRequestOrder(
      ids,
      rows.map((row) => toEpisodeRecordWithCitations(row.episode)),
    );
  }

  async episodeSummariesByIds(ids: readonly string[]): Promise<(EpisodeSummary | null)[]> {
    if (ids.length === 0) return [];
    const rows = await this.#read('episodeSummariesByIds', { ids: unique(ids) });
    return inRequestOrder(
      ids,
      rows.map((row) => toEpisodeSummary(row.episode)),
    );
  }

  async papersByIds(ids: readonly string[]): Promise<(PaperWithMetadataTitle | null)[]> {
    if (ids.length === 0) return [];
    const rows = await this.#read('papersByIds', { ids: unique(ids) });
    const found = new Map(
      rows.map((row) => {
        const paper = toPaperWithMetadataTitle(row);
        return [paper.id, paper] as const;
      }),
    );
    return ids.map((id) => found.get(id) ?? null);
  }

  async resolvePaperKeys(keys: readonly string[]): Promise<(string | null)[]> {
    if (keys.length === 0) return [];
    const rows = await this.#read('resolvePaperKeys', { keys: unique(keys) });
    const found = new Map(
      rows.map((row) => [asString(row.key), row.paperId === null ? null : asString(row.paperId)]),
    );
    return keys.map((key) => found.get(key) ?? null);
  }

  async citationsByPaperIds(
    paperIds: readonly string[],
    limitPerPaper: number,
  ): Promise<Citation[][]> {
    const wanted = Math.trunc(limitPerPaper);
    if (paperIds.length === 0 || wanted <= 0) return paperIds.map(() => []);
    const rows = await this.#read('citationsByPaperIds', {
      paperIds: unique(paperIds),
      limitPerPaper: wanted,
    });
    return toCitationLists(paperIds, rows);
  }

  async paperCitedBy(keys: readonly string[], limit: number): Promise<PaperCitedBy | null> {
    if (keys.length === 0) return null;
    const [row] = await this.#read('paperCitedBy', {
      keys: unique(keys),
      limit: Math.max(0, Math.trunc(limit)),
    });
    return row === undefined ? null : toPaperCitedBy(row);
  }

  async listEpisodes(query: EpisodeListQuery): Promise<Page<EpisodeRecord>> {
    return this.#episodePage(query, true, toEpisodeRecordWithCitations);
  }

  async listEpisodeListings(query: EpisodeListQuery): Promise<Page<EpisodeListing>> {
    return this.#episodePage(query, false, toEpisodeListing);
  }

  /** One statement for the page, its items whole records or listings (statements/episodes.ts pageItem). */
  async #episodePage<T>(
    query: EpisodeListQuery,
    whole: boolean,
    toItem: (item: unknown) => T,
  ): Promise<Page<T>> {
    const { offset, limit } = pageWindow(query);
    const { keyset } = query;
    const search =
      query.search === undefined ? null : toLuceneQuery(query.search, EPISODE_SEARCH_FIELDS);
    const [row] =
      query.sourcePaper !== undefined
        ? [await this.#metadata.sourcedEpisodes(query.sourcePaper, { offset, limit }, whole)]
        : query.show !== undefined
          ? await this.#showEpisodes(query.show, query, search, whole)
          : keyset !== undefined
            ? await this.#read(
                keyset.fromEnd ? 'listEpisodesWindowFromEnd' : 'listEpisodesWindow',
                { ...episodeWindow(keyset, limit), whole },
              )
            : search === null
              ? await this.#read('listEpisodes', { offset, limit, whole })
              : await this.#read('listEpisodesSearch', { query: search, offset, limit, whole });
    if (row === undefined) return { items: [], totalCount: 0 };
    const items = (row.items as unknown[]).map(toItem);
    return {
      items: keyset?.fromEnd ? items.reverse() : items,
      totalCount: asInteger(row.totalCount),
    };
  }

  async showsByIds(ids: readonly string[]): Promise<(ShowView | null)[]> {
    if (ids.length === 0) return [];
    const rows = await this.#read('showsByIds', { ids: unique(ids) });
    return inRequestOrder(
      ids,
      rows.map((row) => toShowView(row.show)),
    );
  }

  async listShows(query: ShowListQuery): Promise<Page<ShowView>> {
    const [row] = await this.#read('listShows', {
      ...pageWindow(query),
      query: query.titleContains ?? null,
    });
    if (row === undefined) return { items: [], totalCount: 0 };
    return {
      items: (row.items as unknown[]).map(toShowView),
      totalCount: asInteger(row.totalCount),
    };
  }

  /** The list row of one show's episodes: by keyset, by relevance, or by offset. */
  #showEpisodes(
    show: string,
    query: EpisodeListQuery,
    search: string | null,
    whole: boolean,
  ): Promise<Row[]> {
    const { offset, limit } = pageWindow(query);
    const { keyset } = query;
    if (keyset !== undefined)
      return this.#read(
        keyset.fromEnd ? 'listShowEpisodesWindowFromEnd' : 'listShowEpisodesWindow',
        { show, ...episodeWindow(keyset, limit), whole },
      );
    return search === null
      ? this.#read('listShowEpisodes', { show, offset, limit, whole })
      : this.#read('listShowEpisodesSearch', { show, query: search, offset, limit, whole });
  }

  /** The list row of the papers one show's episodes cite. */
  #showPapers(
    show: string,
    query: PaperListQuery,
    minCitations: number,
    search: string | null,
  ): Promise<Row[]> {
    const { offset, limit } = pageWindow(query);
    const { keyset } = query;
    if (keyset !== undefined)
      return this.#read(keyset.fromEnd ? 'listShowPapersWindowFromEnd' : 'listShowPapersWindow', {
        show,
        ...paperWindow(keyset, minCitations),
        limit,
      });
    return search === null
      ? this.#read('listShowPapers', { show, minCitations, offset, limit })
      : this.#read('listShowPapersSearch', { show, query: search, minCitations, offset, limit });
  }

  async listPapers(query: PaperListQuery): Promise<Page<PaperView>> {
    const { offset, limit } = pageWindow(query);
    const minCitations = Math.max(0, Math.trunc(query.minCitations ?? 0));
    const { keyset } = query;
    const search =
      query.search === undefined ? null : toLuceneQuery(query.search, PAPER_SEARCH_FIELDS);
    const [row] =
      query.show !== undefined
        ? await this.#showPapers(query.show, query, minCitations, search)
        : keyset !== undefined
          ? await this.#read(keyset.fromEnd ? 'listPapersWindowFromEnd' : 'listPapersWindow', {
              ...paperWindow(keyset, minCitations),
              limit,
            })
          : search === null
            ? await this.#read('listPapers', { minCitations, offset, limit })
            : await this.#read('listPapersSearch', { query: search, minCitations, offset, limit });
    if (row === undefined) return { items: [], totalCount: 0 };
    const items = (row.items as unknown[]).map(toPaperView);
    return {
      items: keyset?.fromEnd ? items.reverse() : items,
      totalCount: asInteger(row.totalCount),
    };
  }

  relatedByEpisodeIds(episodeIds: readonly string[], limit: number): Promise<EpisodeRelation[][]> {
    return this.#relations.related(episodeIds, limit);
  }

  relatedWithSummaries(episodeIds: readonly string[], limit: number): Promise<RelatedEpisodes> {
    return this.#relations.relatedWithSummaries(episodeIds, limit);
  }

  episodeWithRelated(episodeId: string, limit: number): Promise<EpisodeWithRelated | null> {
    return this.#relations.episodeWithRelated(episodeId, limit);
  }

  clustersByEpisodeIds(episodeIds: readonly string[]): Promise<(ClusterSummary | null)[]> {
    return this.#relations.clustersOf(episodeIds);
  }

  clusters(limit: number): Promise<Cluster[]> {
    return this.#relations.clusters(limit);
  }

  episodeMap(request: EpisodeMapRequest): Promise<EpisodeMap> {
    return this.#relations.episodeMap(request);
  }

  async graph(query: GraphQuery): Promise<DrawnGraph> {
    const view = await this.#drawn(query);
    if (!query.references) return view;
    const ids = view.nodes.filter((node) => node.kind === 'PAPER').map((node) => node.id);
    const rows = ids.length === 0 ? [] : await this.#read('referenceEdgesAmong', { ids });
    const edges = rows.map((row) => ({
      source: asString(row.source),
      target: asString(row.target),
    }));
    return { ...view, references: inViewOrder(view, edges) };
  }

  async #drawn(query: GraphQuery): Promise<DrawnGraph> {
    const limit = Math.trunc(query.limit);
    if (limit <= 0) return { ...EMPTY_GRAPH, truncated: false };
    const minCitations = Math.max(0, Math.trunc(query.minCitations));
    if (query.focus === undefined) {
      return toGraphView(
        query.show === undefined
          ? await this.#read('graphOverview', { limit, minCitations })
          : await this.#read('graphShowOverview', { show: query.show, limit, minCitations }),
      );
    }
    const depth = Math.max(0, Math.trunc(query.depth));
    if (depth > NEO4J_MAX_GRAPH_DEPTH) {
      throw new RangeError(
        `graph depth ${depth} is deeper than the Neo4j store answers (${NEO4J_MAX_GRAPH_DEPTH})`,
      );
    }
    return toGraphView(
      await this.#read('graphNeighbourhood', { focus: query.focus, depth, limit, minCitations }),
    );
  }

  async path(fromId: string, toId: string): Promise<GraphView | null> {
    const [row] = await this.#read('path', { fromId, toId });
    return row === undefined ? null : toPathView(row);
  }

  async shortestPaths(fromId: string, toId: string, limit: number): Promise<GraphView[]> {
    const wanted = Math.trunc(limit);
    if (wanted <= 0) return [];
    return (await this.#read('shortestPaths', { fromId, toId, limit: wanted })).map(toPathView);
  }

  async search(query: string, limit: number, show?: string): Promise<SearchHit[]> {
    const wanted = Math.trunc(limit);
    const episodeQuery = toLuceneQuery(query, EPISODE_SEARCH_FIELDS);
    const paperQuery = toLuceneQuery(query, PAPER_SEARCH_FIELDS);
    const referenceQuery = toLuceneQuery(query, METADATA_SEARCH_FIELDS);
    if (wanted <= 0 || episodeQuery === null || paperQuery === null || referenceQuery === null)
      return [];
    const rows =
      show === undefined
        ? await this.#read('search', { episodeQuery, paperQuery, referenceQuery, limit: wanted })
        : await this.#read('searchShow', { show, episodeQuery, paperQuery, limit: wanted });
    return rows.map((row) => ({
      kind: row.kind === 'EPISODE' ? 'EPISODE' : 'PAPER',
      id: asString(row.id),
      score: Number(row.score),
    }));
  }

  async searchTranscripts(query: string, limit: number, show?: string): Promise<TranscriptHit[]> {
    const wanted = Math.trunc(limit);
    const lucene = toLuceneQuery(query, TRANSCRIPT_SEARCH_FIELDS);
    if (wanted <= 0 || lucene === null) return [];
    const rows = await this.#read('searchTranscripts', {
      query: lucene,
      show: show ?? null,
      limit: wanted,
    });
    return rows.map((row) => ({
      episodeId: asString(row.episodeId),
      score: Number(row.score),
      ...transcriptMatch(query, { startsJson: asString(row.startsJson), text: asString(row.text) }),
    }));
  }

  searchSources(request: SearchRequest): Promise<SearchSources> {
    return searchSources((statement, params) => this.#read(statement, params), request);
  }

  async stats(): Promise<Stats> {
    const [row] = await this.#read('stats', {});
    return {
      episodes: asInteger(row?.episodes ?? 0),
      papers: asInteger(row?.papers ?? 0),
      citations: asInteger(row?.citations ?? 0),
    };
  }

  async exportBatch(): Promise<ImportBatch> {
    // Three reads, not one transaction: an import landing in between could pair an episode with a
    // deleted paper, so the result is validated like any batch before it is handed out.
    const episodes = (await this.#read('exportEpisodes', {})).map((row) => {
      const record = toEpisodeRecordWithCitations(row.episode);
      // An episode without a transcript exports none: its import then keeps what a store holds.
      const transcript = (row.passages as unknown[])
        .map(asMap)
        .flatMap((passage) =>
          passageLines({ startsJson: asString(passage.startsJson), text: asString(passage.text) }),
        );
      // Likewise an episode that names no one exports no people.
      const people = toEpisodePeople(row.people);
      return {
        ...record,
        ...(transcript.length === 0 ? {} : { transcript }),
        ...(people.length === 0 ? {} : { people }),
      };
    });
    const papers = (await this.#read('exportPapers', {})).map((row) => toPaperRecord(row.paper));
    const shows = (await this.#read('exportShows', {})).map((row) => toShowRecord(row.show));
    return validateImportBatch({ episodes, papers, ...(shows.length === 0 ? {} : { shows }) });
  }

  peopleByEpisodeIds(episodeIds: readonly string[]): Promise<EpisodePerson[][]> {
    return this.#people.peopleByEpisodeIds(episodeIds);
  }

  peopleByIds(personIds: readonly string[]): Promise<(PersonView | null)[]> {
    return this.#people.peopleByIds(personIds);
  }

  personEpisodes(
    personId: string,
    limit: number,
    keyset: Keyset<EpisodeSortKey>,
  ): Promise<Page<EpisodeSummary>> {
    return this.#people.personEpisodes(
      personId,
      episodeWindow(keyset, limit),
      keyset.fromEnd === true,
    );
  }

  async health(): Promise<StoreHealth> {
    if (this.#closed) return { store: 'neo4j', reachable: false, detail: 'store is closed' };
    // Asked fresh every time: the driver reconnects by itself once Neo4j is back.
    try {
      const info = await withTimeout(this.#driver.serverInfo(), this.#healthTimeoutMs);
      return {
        store: 'neo4j',
        reachable: true,
        detail: `${info.agent ?? 'Neo4j'} at ${info.address ?? 'unknown address'}`,
      };
    } catch (error) {
      const mapped = toStoreError(error);
      return {
        store: 'neo4j',
        reachable: false,
        detail: mapped instanceof Error ? mapped.message : String(mapped),
      };
    }
  }

  async graphChangedAt(): Promise<string | null> {
    const [row] = await this.#read('graphChangedAt', {});
    return row === undefined ? null : asString(row.at);
  }

  async episodeIdsByGuids(guids: readonly string[]): Promise<(string | null)[]> {
    if (guids.length === 0) return [];
    const rows = await this.#read('episodeIdsByGuids', { guids: unique(guids) });
    const found = new Map(rows.map((row) => [asString(row.guid), asString(row.id)]));
    return guids.map((guid) => found.get(guid) ?? null);
  }

  async removeEpisode(episodeId: string): Promise<{ removedPaperIds: string[] } | null> {
    this.#assertOpen();
    return this.#imports.enqueue(async () => {
      const removed = await this.#relations.writing<{ removedPaperIds: string[] } | null>(
        this.#executeWrite,
        async (tx) => {
          const [row] = await tx.run('removeEpisode', { episodeId });
          if (row === undefined) return null;
          await markGraphChanged(tx);
          const paperIds = unique((row.paperIds as unknown[]).map(asString));
          if (paperIds.length > 0)
            await tx.run('importRecountPapers', { paperIds, searchNotes: PAPER_SEARCH_NOTES });
          const removedPaperIds = await dropUncitedPapers(tx, paperIds);
          await this.#relations.persist(tx, removalChange(episodeId));
          return { removedPaperIds };
        },
      );
      if (removed !== null) await this.#fullTextCaughtUp();
      return removed;
    });
  }

  async listFeeds(): Promise<FeedRecord[]> {
    return (await this.#read('listFeeds', {})).map((row) => toFeedRecord(row.feed));
  }

  async saveFeed(feed: FeedRecord): Promise<void> {
    this.#assertOpen();
    await mappingStoreErrors(() =>
      this.#driver.executeQuery('saveFeed', { feed: feedRecordSchema.parse(feed) }, 'WRITE'),
    );
  }

  async removeFeed(url: string): Promise<boolean> {
    this.#assertOpen();
    const [row] = await mappingStoreErrors(() =>
      this.#driver.executeQuery('removeFeed', { url }, 'WRITE'),
    );
    return asInteger(row?.removed ?? 0) > 0;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#imports.drained();
    this.#relations.reset();
    this.#driverClosed = true;
    await this.#driver.close();
  }

  async #read<K extends StatementName>(statement: K, params: CypherParams[K]): Promise<Row[]> {
    if (this.#driverClosed) throw new Error('Neo4j store is closed');
    return mappingStoreErrors(() => this.#driver.executeQuery(statement, params, 'READ'));
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error('Neo4j store is closed');
  }
}

/** Stamped in the transaction that changed the graph, so it commits or rolls back with it. */
async function markGraphChanged(tx: CypherTransaction): Promise<void> {
  await tx.run('markGraphChanged', { at: new Date().toISOString() });
}

/** Above every stored key and id: the bound of a window side the keyset leaves open. */
const PAST_EVERY_KEY = '\u{10FFFF}';

function episodeWindow(keyset: Keyset<EpisodeSortKey>, limit: number): EpisodeWindowBounds {
  const newestKey = (key: EpisodeSortKey) => key.publishedAt ?? '';
  return {
    upperKey: keyset.after ? newestKey(keyset.after) : PAST_EVERY_KEY,
    upperId: keyset.after?.id ?? '',
    lowerKey: keyset.before ? newestKey(keyset.before) : '',
    lowerId: keyset.before?.id ?? PAST_EVERY_KEY,
    limit,
  };
}

function paperWindow(keyset: Keyset<PaperSortKey>, minCitations: number) {
  return {
    upperCount: keyset.after?.citationCount ?? Number.MAX_SAFE_INTEGER,
    upperId: keyset.after?.id ?? '',
    lowerCount: keyset.before?.citationCount ?? minCitations,
    lowerId: keyset.before?.id ?? PAST_EVERY_KEY,
    minCitations,
  };
}

/** One answer per requested id, null when the rows lack it. */
function inRequestOrder<T extends { id: string }>(
  ids: readonly string[],
  found: T[],
): (T | null)[] {
  const byId = new Map(found.map((item) => [item.id, item]));
  return ids.map((id) => byId.get(id) ?? null);
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
