// What the metadata providers tell about a paper, in the shape both stores keep. The feed stays the
// authority for what it says; this fills what it lacks (see metadata/merge.ts).
import { z } from 'zod';
import { parsePaperRef } from '../ids/paperId.ts';
import { isoDateSchema, webUrlSchema } from './model.ts';

export const authorSchema = z.object({ name: z.string().min(1).max(500) });
export type Author = z.infer<typeof authorSchema>;

export const paperMetadataSchema = z.object({
  title: z.string().min(1).max(1000).nullable(),
  authors: z.array(authorSchema).max(2000),
  year: z.number().int().min(1000).max(3000).nullable(),
  venue: z.string().min(1).max(1000).nullable(),
  abstract: z.string().min(1).max(50_000).nullable(),
  /** arXiv primary category first, then the provider's fields of study; deduplicated. */
  topics: z.array(z.string().min(1).max(200)).max(100),
  arxivId: z.string().min(1).max(64).nullable(),
  doi: z.string().min(1).max(512).nullable(),
  publishedAt: isoDateSchema.nullable(),
});
export type PaperMetadata = z.infer<typeof paperMetadataSchema>;

/** A paper another paper cites, as far as the provider knows it: its canonical key and title. */
export const referenceTargetSchema = z.object({
  id: z.string().min(3).max(2100),
  title: z.string().min(1).max(1000).nullable(),
  url: webUrlSchema,
  arxivId: z.string().min(1).max(64).nullable(),
  doi: z.string().min(1).max(512).nullable(),
});
export type ReferenceTarget = z.infer<typeof referenceTargetSchema>;

/** One fetch outcome for a paper of the graph, as the enrichment service hands it to a store. */
export const metadataEntrySchema = z.object({
  paperId: z.string().min(3).max(2100),
  /** ISO timestamp of the fetch. */
  fetchedAt: z.iso.datetime(),
  /** Null when every provider answered that it does not know the paper (kept so it is not asked again until stale). */
  metadata: paperMetadataSchema.nullable(),
  /** In the provider's order; empty when the provider lists none. */
  references: z.array(referenceTargetSchema).max(10_000),
});
export type MetadataEntry = z.infer<typeof metadataEntrySchema>;

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
