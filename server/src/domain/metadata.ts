// What the metadata providers tell about a paper, in the shape both stores keep. The feed stays the
// authority for what it says; this fills what it lacks (see metadata/merge.ts).
import { parsePaperRef } from '../ids/paperId.ts';

export interface Author {
  name: string;
}

export interface PaperMetadata {
  title: string | null;
  authors: Author[];
  year: number | null;
  venue: string | null;
  abstract: string | null;
  /** arXiv primary category first, then the provider's fields of study; deduplicated. */
  topics: string[];
  arxivId: string | null;
  doi: string | null;
  /** YYYY-MM-DD. */
  publishedAt: string | null;
}

/** A paper another paper cites, as far as the provider knows it: its canonical key and title. */
export interface ReferenceTarget {
  id: string;
  title: string | null;
  /** The external link a person should follow. */
  url: string;
  arxivId: string | null;
  doi: string | null;
}

/** One fetch outcome for a paper of the graph, as the enrichment service hands it to a store. */
export interface MetadataEntry {
  paperId: string;
  /** ISO timestamp of the fetch. */
  fetchedAt: string;
  /** Null when every provider answered that it does not know the paper (kept so it is not asked again until stale). */
  metadata: PaperMetadata | null;
  /** In the provider's order; empty when the provider lists none. */
  references: ReferenceTarget[];
}

/** Metadata as a store returns it. `fetchedAt` is null for papers known only as someone's reference. */
export interface StoredMetadata extends PaperMetadata {
  paperId: string;
  url: string;
  fetchedAt: string | null;
  /** False when the providers answered that they do not know the paper. */
  found: boolean;
}

/** A paper of the graph the enrichment service should (re)fetch. */
export interface EnrichmentCandidate {
  id: string;
  arxivId: string | null;
  doi: string | null;
}

export interface EnrichmentCounts {
  /** Papers cited by episodes with no metadata fetched since the refresh age. */
  pending: number;
  /** Papers cited by episodes fetched within the refresh age. */
  done: number;
}

/** Paper ids are canonical keys, so the key's own link stands in where no stored paper gives one. */
export function urlOfPaperKey(paperId: string): string {
  const parsed = parsePaperRef(paperId);
  return parsed.ok ? parsed.key.url : paperId;
}
