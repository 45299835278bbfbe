// The one interface both stores implement; the API and the contract suite only ever see this.
import type { FeedRecord } from '../domain/feed.ts';
import type {
  Citation,
  EpisodeRecord,
  GraphView,
  ImportBatch,
  ImportResult,
  PaperView,
  SearchHit,
  ShowRecord,
  Stats,
} from '../domain/model.ts';
import type { EpisodeMap, EpisodeMapRequest } from '../relations/episodeMap.ts';
import type { EpisodeRelation } from '../relations/relatedness.ts';
import type { Cluster } from '../relations/relationIndex.ts';
import type { MetadataFilter, MetadataHit, MetadataStore } from './metadataStore.ts';
import type { PeopleStore } from './peopleStore.ts';
import type { TranscriptMatch } from './shared/transcripts.ts';

/** An episode its transcript matched: relevance (higher is better) and where. */
export interface TranscriptHit extends TranscriptMatch {
  episodeId: string;
  score: number;
}

export interface Page<T> {
  items: T[];
  totalCount: number;
}

/** A place in the episodes' order: newest publication first (undated last), then id. */
export interface EpisodeSortKey {
  publishedAt: string | null;
  id: string;
}

/** A place in the papers' order: most cited first, then id. */
export interface PaperSortKey {
  citationCount: number;
  id: string;
}

/**
 * Keyset paging: the items strictly between `after` and `before` (either may be absent), of which the
 * first `limit`, or the last `limit` with `fromEnd`; returned in list order. A page read after an
 * import starts exactly behind its key, whatever the import added or removed before it.
 */
export interface Keyset<K> {
  after?: K | undefined;
  before?: K | undefined;
  fromEnd?: boolean | undefined;
}

export interface EpisodeListQuery {
  /** Ignored with `keyset`. */
  offset: number;
  limit: number;
  /** Full-text filter over titles, summaries, takeaways and notes (relevance order: pages by offset). */
  search?: string | undefined;
  /** Instead of `offset`; not with `search`. */
  keyset?: Keyset<EpisodeSortKey> | undefined;
  /**
   * Only episodes whose source paper's metadata matches, newest first, paged by offset; its `text`
   * searches the metadata, so `search` and `keyset` are not used with it.
   */
  sourcePaper?: MetadataFilter | undefined;
  /** Only the episodes of this show (a show id); with offset, keyset or search, not `sourcePaper`. */
  show?: string | undefined;
}

export interface PaperListQuery {
  /** Ignored with `keyset`. */
  offset: number;
  limit: number;
  search?: string | undefined;
  minCitations?: number | undefined;
  /** Instead of `offset`; not with `search`. */
  keyset?: Keyset<PaperSortKey> | undefined;
  /** Only papers some episode of this show cites (their `citationCount` still counts every show). */
  show?: string | undefined;
}

export interface GraphQuery {
  /** Episode or paper id; without it the whole graph up to `limit` nodes. */
  focus?: string | undefined;
  /** Hops from the focus (episode → paper is one hop). */
  depth: number;
  limit: number;
  /** Papers cited by fewer episodes are left out (the focus itself always stays). */
  minCitations: number;
  /** Also the reference edges among the drawn papers (`references` of the answer). */
  references?: boolean | undefined;
  /** Only this show's episodes and the papers they cite; not with `focus`. */
  show?: string | undefined;
}

/** A show with how many stored episodes belong to it. */
export type ShowView = ShowRecord & { episodeCount: number };

/** Shows in title order (then id). */
export interface ShowListQuery {
  offset: number;
  limit: number;
  /** Only the shows whose title contains this text, ignoring case (as Neo4j's `toLower`). */
  titleContains?: string;
}

/** One paper citing another, as the metadata providers list it (the third edge kind, paper → paper). */
export interface ReferenceEdge {
  source: string;
  target: string;
  kind: 'REFERENCES';
}

/**
 * A drawn view; `truncated` when a larger limit would draw more nodes (a limit below 1 draws none and
 * cuts none). Asked for, `references` holds the reference edges between its papers, by the citing
 * paper's place in `nodes`, then in the provider's order.
 */
export type DrawnGraph = GraphView & { truncated: boolean; references?: ReferenceEdge[] };

/** The cluster an episode is in, as its page names it. */
export interface ClusterSummary {
  id: string;
  label: string;
  size: number;
}

/**
 * What lists and links show of an episode (citers, related episodes, search hits, the newest page): no
 * summary, takeaways, chapters or extras. The heavy record (episodesByIds) is for the episode page.
 */
export interface EpisodeSummary {
  id: string;
  title: string;
  publishedAt: string | null;
  sourcePaperId: string | null;
}

/**
 * What a list page shows of an episode: its summary with its readings (recommendations, mentions), no
 * summary text, takeaways, chapters or extras. listEpisodeListings reads these for pages that ask for
 * nothing more.
 */
export interface EpisodeListing extends EpisodeSummary {
  recommendations: EpisodeRecord['recommendations'];
  mentions?: EpisodeRecord['mentions'];
}

/**
 * A paper as papersByIds reads it: with the title its metadata gives (null when it has none), so the
 * title the API shows needs no second read.
 */
export type PaperWithMetadataTitle = PaperView & { metadataTitle: string | null };

/** A paper with its first citations and what lists show of their episodes: one question, one read. */
export interface PaperCitedBy {
  paper: PaperView;
  citations: Citation[];
  /** The citing episodes' summaries, each once. */
  episodes: EpisodeSummary[];
}

/** Related lists with what lists show of their episodes: one question, one read. */
export interface RelatedEpisodes {
  /** As relatedByEpisodeIds: one list per id, in order. */
  related: EpisodeRelation[][];
  /** The related episodes' summaries, each once, in the order the lists first name them. */
  episodes: EpisodeSummary[];
}

/** An episode's summary with its related list and what lists show of those episodes: one read. */
export interface EpisodeWithRelated {
  episode: EpisodeSummary;
  /** As relatedByEpisodeIds gives it for the episode. */
  related: EpisodeRelation[];
  /** The related episodes' summaries, in the list's order. */
  episodes: EpisodeSummary[];
}

/** What `search` ranks: the query, and the candidate keys of the paper it may name. */
export interface SearchRequest {
  query: string;
  limit: number;
  show?: string;
  /** The keys a query that is a paper identifier may be stored under, in order (none within a show). */
  paperKeys: readonly string[];
}

/** Everything `search` ranks, read at once: each source as its own read answers, and their nodes. */
export interface SearchSources {
  /** As search(query, limit, show). */
  hits: SearchHit[];
  /** As searchTranscripts(query, limit, show). */
  transcripts: TranscriptHit[];
  /** As searchPaperMetadata({ text: query }, limit); none within a show. */
  byMetadata: MetadataHit[];
  /** The first of paperKeys that resolves (as resolvePaperKeys); null within a show. */
  namedPaperId: string | null;
  /** What lists show of every episode named above, each once, in no particular order. */
  episodes: EpisodeSummary[];
  /** Every paper named above (a reference known only from metadata too), each once, in no order. */
  papers: PaperView[];
}

export interface StoreHealth {
  store: 'embedded' | 'neo4j';
  reachable: boolean;
  detail: string;
}

/** An import's batches: in hand, or still arriving (files being parsed). */
export type BatchSource = AsyncIterable<ImportBatch> | Iterable<ImportBatch>;

export interface GraphStore extends MetadataStore, PeopleStore {
  readonly kind: 'embedded' | 'neo4j';

  /** Atomic and idempotent: all of the batch or nothing; an identical episode is `unchanged`. */
  importBatch(batch: ImportBatch): Promise<ImportResult>;
  /**
   * Several batches as one import: all of them or nothing, each planned after the ones before it, one
   * result per batch. Batches may arrive while it runs (files still being parsed); if the iterable
   * throws, nothing is stored and the error comes back. Queries meanwhile see the store as it was.
   */
  importBatches(batches: BatchSource): Promise<ImportResult[]>;

  /** Batched lookups: one result per id, in order, null when unknown. */
  episodesByIds(ids: readonly string[]): Promise<(EpisodeRecord | null)[]>;
  /** The light read of the same episodes: one per id, in order, null when unknown. */
  episodeSummariesByIds(ids: readonly string[]): Promise<(EpisodeSummary | null)[]>;
  /** Papers of the graph, and papers known only as another paper's reference (`citationCount` 0). */
  papersByIds(ids: readonly string[]): Promise<(PaperWithMetadataTitle | null)[]>;
  /**
   * Canonical paper keys (or normalised aliases) to stored paper ids; a paper known only as a
   * reference also by the arXiv id and DOI its metadata gives.
   */
  resolvePaperKeys(keys: readonly string[]): Promise<(string | null)[]>;
  /**
   * The first `limitPerPaper` citations of each paper, in one round trip: source first, then by episode
   * publication (newest first), then episode id. One list per id, in order; empty when unknown.
   */
  citationsByPaperIds(paperIds: readonly string[], limitPerPaper: number): Promise<Citation[][]>;
  /**
   * The paper the first resolving key names (keys as for resolvePaperKeys, tried in order), with its
   * first `limit` citations (citationsByPaperIds' order) and their episodes' summaries; null when no
   * key resolves.
   */
  paperCitedBy(keys: readonly string[], limit: number): Promise<PaperCitedBy | null>;

  /** Batched lookups of shows: one per id, in order, null when unknown. */
  showsByIds(ids: readonly string[]): Promise<(ShowView | null)[]>;
  /** Every show, by title then id. */
  listShows(query: ShowListQuery): Promise<Page<ShowView>>;

  /** Newest episode first (publishedAt desc, nulls last, then id); search ranks by relevance instead. */
  listEpisodes(query: EpisodeListQuery): Promise<Page<EpisodeRecord>>;
  /** listEpisodes' page, each episode read as its listing (the light read of a list page). */
  listEpisodeListings(query: EpisodeListQuery): Promise<Page<EpisodeListing>>;
  /** Most cited first (then id); search ranks by relevance instead. */
  listPapers(query: PaperListQuery): Promise<Page<PaperView>>;

  /**
   * Every signal, reasons strongest first (relations/relatedness.ts); at most `limit` per id, one list
   * per id. Read from the relations the writes persisted (score desc, then id); empty when unknown.
   */
  relatedByEpisodeIds(episodeIds: readonly string[], limit: number): Promise<EpisodeRelation[][]>;
  /** relatedByEpisodeIds with the related episodes' summaries, in one read. */
  relatedWithSummaries(episodeIds: readonly string[], limit: number): Promise<RelatedEpisodes>;
  /** The episode's summary with relatedWithSummaries of it, in one read; null when no episode has the id. */
  episodeWithRelated(episodeId: string, limit: number): Promise<EpisodeWithRelated | null>;
  /** The cluster each episode is in; null for an unknown episode or one in no cluster. */
  clustersByEpisodeIds(episodeIds: readonly string[]): Promise<(ClusterSummary | null)[]>;
  /** Largest first, then id; at most `limit`. */
  clusters(limit: number): Promise<Cluster[]>;
  /** What a map view draws (relations/episodeMap.ts), for the whole graph or one cluster. */
  episodeMap(request: EpisodeMapRequest): Promise<EpisodeMap>;
  graph(query: GraphQuery): Promise<DrawnGraph>;
  /** Shortest chain between two nodes, nodes in path order; null when unconnected or unknown. */
  path(fromId: string, toId: string): Promise<GraphView | null>;
  /**
   * Every shortest chain between two nodes (each hop an episode–paper link in either direction), at most
   * `limit`, ordered by their sequences of node ids; one zero-hop chain when both are the same node,
   * none when unconnected or unknown.
   */
  shortestPaths(fromId: string, toId: string, limit: number): Promise<GraphView[]>;
  /**
   * Episodes and papers ranked by relevance across titles, summaries, takeaways and notes. With `show`,
   * only that show's episodes and the papers they cite.
   */
  search(query: string, limit: number, show?: string): Promise<SearchHit[]>;
  /**
   * Episodes whose transcript holds the words, best passage first (relevance desc, then id), at most
   * `limit`, each with where it matched; with `show`, only that show's episodes.
   */
  searchTranscripts(query: string, limit: number, show?: string): Promise<TranscriptHit[]>;
  /** search, searchTranscripts, the metadata search and the named paper with their nodes, in one read. */
  searchSources(request: SearchRequest): Promise<SearchSources>;
  stats(): Promise<Stats>;
  /**
   * When an import or removeEpisode last changed the graph (ISO-8601 UTC), set in the transaction that
   * wrote it; an import that changes nothing leaves it. null when no change was recorded.
   */
  graphChangedAt(): Promise<string | null>;

  /** Stored episode ids by feed guid, one per guid in order, null when no episode has it. */
  episodeIdsByGuids(guids: readonly string[]): Promise<(string | null)[]>;

  /**
   * Withdraws an episode atomically, with the papers only it cited; null when there is no such episode.
   * Papers other episodes cite stay, one citer fewer.
   */
  removeEpisode(episodeId: string): Promise<{ removedPaperIds: string[] } | null>;

  /** Feed subscriptions, by url. */
  listFeeds(): Promise<FeedRecord[]>;
  /** Inserts or replaces the subscription with this url. */
  saveFeed(feed: FeedRecord): Promise<void>;
  /** false when there was no such subscription. The feed's episodes stay. */
  removeFeed(url: string): Promise<boolean>;

  /** Everything stored, as a batch that re-imports to the same store. */
  exportBatch(): Promise<ImportBatch>;
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}
