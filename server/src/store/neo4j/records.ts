// Between Neo4j rows and domain records: the one place that knows how properties are encoded
// (chapters as JSON text, citations as CITES relationships). Rows are checked with zod: the database
// is a boundary like any other.
import neo4j from 'neo4j-driver';
import { z } from 'zod';
import {
  CITATION_KINDS,
  chapterSchema,
  type Citation,
  type EpisodeRecord,
  type GraphEdge,
  type GraphNode,
  type GraphView,
  type PaperRecord,
  type PaperView,
  type RelatedEpisode,
} from '../../domain/model.ts';
import { decodeEpisodeExtras } from '../../domain/episodeExtras.ts';
import { feedRecordSchema, type FeedRecord } from '../../domain/feed.ts';
import { paperLabel } from '../../ids/paperId.ts';
import type { Row } from './driver.ts';
import type { DrawnGraph } from '../store.ts';

/** INTEGER arrives as a JS number (disableLosslessIntegers), or as an Integer from a lossless driver. */
const integer = z.preprocess(
  (value) => (neo4j.isInt(value) ? neo4j.integer.toNumber(value) : value),
  z.number().int(),
);
const nullableString = z
  .string()
  .nullable()
  .optional()
  .transform((value) => value ?? null);
const kind = z.enum(CITATION_KINDS);

const citationRowSchema = z.object({
  paperId: z.string(),
  kind,
  note: nullableString,
  position: integer,
});

const episodeRowSchema = z.object({
  id: z.string(),
  title: z.string(),
  publishedAt: nullableString,
  paperPublishedAt: nullableString,
  durationMinutes: integer
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  summary: nullableString,
  takeaways: z
    .array(z.string())
    .nullable()
    .optional()
    .transform((value) => value ?? []),
  chaptersJson: z.string(),
  extrasJson: nullableString,
  sourcePaperId: z.string(),
});

const paperRowSchema = z.object({
  id: z.string(),
  title: nullableString,
  url: z.string(),
  arxivId: nullableString,
  doi: nullableString,
  aliases: z.array(z.string()),
  citationCount: integer,
});

const chaptersSchema = z.array(chapterSchema);

export function asInteger(value: unknown): number {
  return integer.parse(value);
}

export function asString(value: unknown): string {
  return z.string().parse(value);
}

/** An episode map projection plus its citations (any order) → the record the batch had. */
export function toEpisodeRecord(episode: unknown, citations: unknown): EpisodeRecord {
  const row = episodeRowSchema.parse(episode);
  const cited = z
    .array(citationRowSchema)
    .parse(citations)
    .sort((a, b) => a.position - b.position);
  return {
    id: row.id,
    title: row.title,
    publishedAt: row.publishedAt,
    paperPublishedAt: row.paperPublishedAt,
    durationMinutes: row.durationMinutes,
    summary: row.summary,
    takeaways: row.takeaways,
    chapters: chaptersSchema.parse(JSON.parse(row.chaptersJson)),
    sourcePaperId: row.sourcePaperId,
    recommendations: cited
      .filter((c) => c.position > 0)
      .map((c) => ({ paperId: c.paperId, note: c.note })),
    ...decodeEpisodeExtras(row.extrasJson),
  };
}

/** An item of a list projection that carries its citations inline (`citations: [...]`). */
export function toEpisodeRecordWithCitations(item: unknown): EpisodeRecord {
  const { citations, ...episode } = z
    .object({ citations: z.array(z.unknown()) })
    .passthrough()
    .parse(item);
  return toEpisodeRecord(episode, citations);
}

export function toPaperView(paper: unknown): PaperView {
  const row = paperRowSchema.parse(paper);
  return { ...toPaperRecord(row), citationCount: row.citationCount };
}

export function toPaperRecord(paper: unknown): PaperRecord {
  const row = paperRowSchema.omit({ citationCount: true }).parse(paper);
  return {
    id: row.id,
    title: row.title,
    url: row.url,
    arxivId: row.arxivId,
    doi: row.doi,
    aliases: row.aliases,
  };
}

const citationByPaperRowSchema = z.object({
  paperId: z.string(),
  episodeId: z.string(),
  kind,
  note: nullableString,
  position: integer,
});

/** Rows already in the wanted order; one list per requested id, in request order. */
export function toCitationLists(paperIds: readonly string[], rows: readonly Row[]): Citation[][] {
  const byPaper = new Map<string, Citation[]>();
  for (const raw of rows) {
    const row = citationByPaperRowSchema.parse(raw);
    const citation: Citation = {
      episodeId: row.episodeId,
      paperId: row.paperId,
      kind: row.kind,
      note: row.note,
      position: row.position,
    };
    const list = byPaper.get(row.paperId);
    if (list) list.push(citation);
    else byPaper.set(row.paperId, [citation]);
  }
  return paperIds.map((id) => [...(byPaper.get(id) ?? [])]);
}

const relatedRowSchema = z.object({
  episodeId: z.string(),
  relatedId: z.string(),
  score: z.number(),
  shared: z.array(z.object({ id: z.string(), citationCount: integer })),
});

/** Each id once, for a statement's list parameter. */
export function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rows grouped by episode (best first) into one list per requested id; shared papers rarest first, as the embedded store lists them. */
export function toRelatedLists(
  episodeIds: readonly string[],
  rows: readonly Row[],
): RelatedEpisode[][] {
  const byEpisode = new Map<string, RelatedEpisode[]>();
  for (const raw of rows) {
    const row = relatedRowSchema.parse(raw);
    const shared = [...row.shared].sort(
      (a, b) => a.citationCount - b.citationCount || compareIds(a.id, b.id),
    );
    const related: RelatedEpisode = {
      episodeId: row.relatedId,
      score: row.score,
      sharedPaperIds: shared.map((paper) => paper.id),
    };
    const list = byEpisode.get(row.episodeId);
    if (list) list.push(related);
    else byEpisode.set(row.episodeId, [related]);
  }
  return episodeIds.map((id) => [...(byEpisode.get(id) ?? [])]);
}

const graphNodeRowSchema = z.object({
  id: z.string(),
  kind: z.enum(['EPISODE', 'PAPER']),
  title: nullableString,
  weight: integer,
});

const graphRowSchema = graphNodeRowSchema.extend({
  citations: z.array(z.object({ paperId: z.string(), kind, position: integer })),
});

function toGraphNode(row: z.infer<typeof graphNodeRowSchema>): GraphNode {
  const label =
    row.kind === 'PAPER' ? paperLabel({ id: row.id, title: row.title }) : (row.title ?? row.id);
  return { id: row.id, kind: row.kind, label, weight: row.weight };
}

/**
 * Graph rows come in selection order, episodes with all their citations. Edges join selected nodes
 * only, one per (episode, paper) pair with the kind of its first listing (the source wins), ordered
 * by episode, then by the paper's place in the selection — the embedded store's order.
 */
export function toGraphView(rows: readonly Row[]): DrawnGraph {
  const parsed = rows.filter((row) => row.id !== null).map((row) => graphRowSchema.parse(row));
  const place = new Map(parsed.map((row, i) => [row.id, i]));
  const nodes = parsed.map(toGraphNode);
  const edges: GraphEdge[] = [];
  for (const row of parsed) {
    if (row.kind !== 'EPISODE') continue;
    const firstListing = new Map<string, { kind: GraphEdge['kind']; position: number }>();
    for (const citation of row.citations) {
      if (!place.has(citation.paperId)) continue;
      const seen = firstListing.get(citation.paperId);
      if (seen === undefined || citation.position < seen.position) {
        firstListing.set(citation.paperId, { kind: citation.kind, position: citation.position });
      }
    }
    const own = [...firstListing].sort(([a], [b]) => place.get(a)! - place.get(b)!);
    for (const [paperId, { kind: edgeKind }] of own)
      edges.push({ source: row.id, target: paperId, kind: edgeKind });
  }
  return { nodes, edges, truncated: rows[0]?.truncated === true };
}

const pathRowSchema = z.object({
  nodes: z.array(graphNodeRowSchema),
  edges: z.array(z.object({ source: z.string(), target: z.string(), kind })),
});

export function toPathView(row: Row): GraphView {
  const parsed = pathRowSchema.parse(row);
  return { nodes: parsed.nodes.map(toGraphNode), edges: parsed.edges };
}

/** Neo4j drops null properties, so a missing key is a null field. */
export function toFeedRecord(feed: unknown): FeedRecord {
  const row = z.record(z.string(), z.unknown()).parse(feed);
  const present = (key: keyof FeedRecord) => row[key] ?? null;
  return feedRecordSchema.parse({
    url: row.url,
    addedAt: row.addedAt,
    title: present('title'),
    etag: present('etag'),
    lastModified: present('lastModified'),
    lastCheckedAt: present('lastCheckedAt'),
    lastChangedAt: present('lastChangedAt'),
    lastStatus: present('lastStatus'),
    lastError: present('lastError'),
    episodeCount: integer.parse(row.episodeCount),
    nextCheckAt: present('nextCheckAt'),
  });
}
