// The part of GraphStore that keeps what the metadata providers said: per-paper metadata with its
// fetch time, and references as a third edge kind between papers. Papers known only as another
// paper's reference have metadata but no citing episode.
import type {
  EnrichmentCandidate,
  EnrichmentCounts,
  MetadataEntry,
  StoredMetadata,
} from '../domain/metadata.ts';
import type { Page } from './store.ts';

export interface EnrichmentQuery {
  /** ISO timestamp: metadata fetched before it is stale. */
  staleBefore: string;
  /** Papers after this id (id order), so one run walks the graph once; null from the start. */
  afterId: string | null;
  limit: number;
}

/** What a person filters papers by; every given part must match. */
export interface MetadataFilter {
  /** Words in the title, authors or abstract (same matching rules as `search`). */
  text?: string | undefined;
  /** Part of an author's name, case-insensitive. */
  author?: string | undefined;
  /** A topic exactly (arXiv category or field of study), case-insensitive. */
  topic?: string | undefined;
}

/** One page of the papers `searchPaperMetadata` finds, in its order. */
export interface MetadataPageQuery extends MetadataFilter {
  /** Papers cited by fewer episodes are left out. */
  minCitations?: number | undefined;
  offset: number;
  limit: number;
}

export interface MetadataHit {
  paperId: string;
  /** Relevance with `text`, else the paper's citation count: higher first. */
  score: number;
}

export interface MetadataStore {
  /** Papers cited by episodes whose metadata is missing or stale, in id order. */
  papersToEnrich(query: EnrichmentQuery): Promise<EnrichmentCandidate[]>;
  enrichmentCounts(staleBefore: string): Promise<EnrichmentCounts>;
  /**
   * Stores each entry (replacing earlier metadata and references of that paper) in one transaction.
   * Reference targets unknown so far are stored as reference-only papers with the title the provider gave.
   */
  saveMetadata(entries: readonly MetadataEntry[]): Promise<void>;
  /** One result per id, in order, null when nothing is known about it. */
  metadataByPaperIds(ids: readonly string[]): Promise<(StoredMetadata | null)[]>;
  /** Papers each paper cites, in the provider's order, at most `limitPerPaper` each. */
  referencesByPaperIds(ids: readonly string[], limitPerPaper: number): Promise<string[][]>;
  /** Stored papers citing each paper, by id, at most `limitPerPaper` each. */
  referencedByPaperIds(ids: readonly string[], limitPerPaper: number): Promise<string[][]>;
  /** Papers of the graph (cited by episodes) whose metadata matches, best first (then id). */
  searchPaperMetadata(filter: MetadataFilter, limit: number): Promise<MetadataHit[]>;
  /** A page of those matches, with how many there are in all. */
  pagePaperMetadata(query: MetadataPageQuery): Promise<Page<MetadataHit>>;
}
