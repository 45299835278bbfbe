// Between Neo4j rows and domain records: the one place that knows how properties are encoded
// (chapters as JSON text, citations as CITES relationships). Only this store writes the graph, and every
// value it writes was validated on the way in (validateImportBatch, the feed and metadata schemas), so
// rows are read by shape, not parsed: the readers below check what a wrong row would break (ids,
// numbers) with plain type tests and convert Integers at the boundary. tests/neo4j/live-row-shapes.test.ts
// checks the full shape of live rows.
import neo4j from 'neo4j-driver';
import { z } from 'zod';

import { decodeEpisodeExtras } from '../../domain/episodeExtras.ts';
import { type FeedRecord, feedRecordSchema } from '../../domain/feed.ts';
import type {
  Chapter,
  Citation,
  CitationKind,
  EpisodeRecord,
  GraphEdge,
  GraphNode,
  GraphView,
  PaperRecord,
  PaperView,
  ShowRecord,
} from '../../domain/model.ts';
import { paperLabel } from '../../ids/paperId.ts';
import type {
  DrawnGraph,
  EpisodeListing,
  EpisodeSummary,
  PaperCitedBy,
  PaperWithMetadataTitle,
  ShowView,
} from '../store.ts';
import type { Row } from './driver.ts';

class RowShapeError extends TypeError {
  constructor(what: string, value: unknown) {
    super(`Neo4j row: expected ${what}, got ${JSON.stringify(value) ?? String(value)}`);
  }
}

/** INTEGER arrives as a JS number (disableLosslessIntegers), or as an Integer from a lossless driver. */
export function asInteger(value: unknown): number {
  const number = neo4j.isInt(value) ? neo4j.integer.toNumber(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number))
    throw new RowShapeError('an integer', value);
  return number;
}

export function asString(value: unknown): string {
  if (typeof value !== 'string') throw new RowShapeError('a string', value);
  return value;
}

/** Neo4j drops null properties: a missing one reads as null. */
function asNullableString(value: unknown): string | null {
  return value === undefined || value === null ? null : asString(value);
}

function asKind(value: unknown): CitationKind {
  if (value !== 'SOURCE' && value !== 'RECOMMENDED' && value !== 'MENTIONS')
    throw new RowShapeError('a citation kind', value);
  return value;
}

export function asList(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new RowShapeError('a list', value);
  return value;
}

export function asMap(value: unknown): Row {
  if (value === null || typeof value !== 'object') throw new RowShapeError('a map', value);
  return value as Row;
}

const asStrings = (value: unknown): string[] =>
  value === undefined || value === null ? [] : asList(value).map(asString);

interface CitationRow {
  paperId: string;
  kind: CitationKind;
  note: string | null;
  position: number;
  discussedAt: number | null;
}

function toCitationRow(value: unknown): CitationRow {
  const row = asMap(value);
  return {
    paperId: asString(row.paperId),
    kind: asKind(row.kind),
    note: asNullableString(row.note),
    position: asInteger(row.position),
    // Absent on citations stored before times, and on reads that do not project it.
    discussedAt:
      row.discussedAt === undefined || row.discussedAt === null ? null : asInteger(row.discussedAt),
  };
}

/** An episode map projection plus its citations (any order) → the record the batch had. */
export function toEpisodeRecord(episode: unknown, citations: unknown): EpisodeRecord {
  const row = asMap(episode);
  const { recommendations, mentions } = toReadings(citations);
  return {
    id: asString(row.id),
    title: asString(row.title),
    publishedAt: asNullableString(row.publishedAt),
    paperPublishedAt: asNullableString(row.paperPublishedAt),
    durationMinutes:
      row.durationMinutes === undefined || row.durationMinutes === null
        ? null
        : asInteger(row.durationMinutes),
    summary: asNullableString(row.summary),
    takeaways: asStrings(row.takeaways),
    chapters: JSON.parse(asString(row.chaptersJson)) as Chapter[],
    sourcePaperId: asNullableString(row.sourcePaperId),
    recommendations,
    ...(mentions === undefined ? {} : { mentions }),
    ...decodeEpisodeExtras(asNullableString(row.extrasJson)),
    ...(row.showId === undefined || row.showId === null ? {} : { showId: asString(row.showId) }),
  };
}

/** An episode's citations (any order, its source's among them or not) → its readings, in order. */
function toReadings(citations: unknown): Pick<EpisodeListing, 'recommendations' | 'mentions'> {
  const cited = asList(citations)
    .map(toCitationRow)
    .sort((a, b) => a.position - b.position);
  const ofKind = (kind: CitationKind) =>
    cited
      .filter((c) => c.kind === kind)
      .map((c) => ({
        paperId: c.paperId,
        note: c.note,
        ...(c.discussedAt === null ? {} : { discussedAt: c.discussedAt }),
      }));
  const mentions = ofKind('MENTIONS');
  return {
    recommendations: ofKind('RECOMMENDED'),
    ...(mentions.length === 0 ? {} : { mentions }),
  };
}

/** The listing projection (statements/episodes.ts) → what a list page shows of the episode. */
export function toEpisodeListing(item: unknown): EpisodeListing {
  const { citations, ...episode } = asMap(item);
  return { ...toEpisodeSummary(episode), ...toReadings(citations) };
}

/** An item of a list projection that carries its citations inline (`citations: [...]`). */
export function toEpisodeRecordWithCitations(item: unknown): EpisodeRecord {
  const { citations, ...episode } = asMap(item);
  return toEpisodeRecord(episode, citations);
}

export function toEpisodeSummary(episode: unknown): EpisodeSummary {
  const row = asMap(episode);
  return {
    id: asString(row.id),
    title: asString(row.title),
    publishedAt: asNullableString(row.publishedAt),
    sourcePaperId: asNullableString(row.sourcePaperId),
  };
}

export function toPaperView(paper: unknown): PaperView {
  const row = asMap(paper);
  return { ...toPaperRecord(row), citationCount: asInteger(row.citationCount) };
}

/** A papersByIds row → the paper with its metadata's title. */
export function toPaperWithMetadataTitle(row: Row): PaperWithMetadataTitle {
  return { ...toPaperView(row.paper), metadataTitle: asNullableString(row.metadataTitle) };
}

export function toShowRecord(show: unknown): ShowRecord {
  const row = asMap(show);
  return {
    id: asString(row.id),
    title: asString(row.title),
    link: asNullableString(row.link),
    imageUrl: asNullableString(row.imageUrl),
    author: asNullableString(row.author),
    feedUrl: asNullableString(row.feedUrl),
  };
}

export function toShowView(show: unknown): ShowView {
  const row = asMap(show);
  return { ...toShowRecord(row), episodeCount: asInteger(row.episodeCount) };
}

export function toPaperRecord(paper: unknown): PaperRecord {
  const row = asMap(paper);
  return {
    id: asString(row.id),
    title: asNullableString(row.title),
    url: asString(row.url),
    arxivId: asNullableString(row.arxivId),
    doi: asNullableString(row.doi),
    aliases: asStrings(row.aliases),
  };
}

/** Rows already in the wanted order; one list per requested id, in request order. */
export function toCitationLists(paperIds: readonly string[], rows: readonly Row[]): Citation[][] {
  const byPaper = new Map<string, Citation[]>();
  for (const row of rows) {
    const { discussedAt, ...cited } = toCitationRow(row);
    const citation: Citation = {
      episodeId: asString(row.episodeId),
      ...cited,
      ...(discussedAt === null ? {} : { discussedAt }),
    };
    const list = byPaper.get(citation.paperId);
    if (list) list.push(citation);
    else byPaper.set(citation.paperId, [citation]);
  }
  return paperIds.map((id) => byPaper.get(id) ?? []);
}

/**
 * The paperCitedBy row: the paper, and its citations, each a list of the citation's kind, note,
 * position and time, then its episode's id, title, publication date and source paper id.
 */
export function toPaperCitedBy(row: Row): PaperCitedBy {
  const paper = toPaperView(row.paper);
  const citations: Citation[] = [];
  const episodes = new Map<string, EpisodeSummary>();
  for (const item of asList(row.citations)) {
    const columns = asList(item);
    if (columns.length !== 8) throw new RowShapeError('a citation of eight columns', item);
    const [kind, note, position, discussedAt, id, title, publishedAt, sourcePaperId] = columns;
    const episodeId = asString(id);
    citations.push({
      episodeId,
      paperId: paper.id,
      kind: asKind(kind),
      note: asNullableString(note),
      position: asInteger(position),
      // Absent on citations stored before times.
      ...(discussedAt === null ? {} : { discussedAt: asInteger(discussedAt) }),
    });
    episodes.set(episodeId, {
      id: episodeId,
      title: asString(title),
      publishedAt: asNullableString(publishedAt),
      sourcePaperId: asNullableString(sourcePaperId),
    });
  }
  return { paper, citations, episodes: [...episodes.values()] };
}

/** Each id once, for a statement's list parameter. */
export function unique(values: Iterable<string>): string[] {
  return [...new Set(values)];
}

function toGraphNode(value: unknown): GraphNode {
  const row = asMap(value);
  const id = asString(row.id);
  const title = asNullableString(row.title);
  const kind = row.kind === 'PAPER' ? 'PAPER' : 'EPISODE';
  const label = kind === 'PAPER' ? paperLabel({ id, title }) : (title ?? id);
  return { id, kind, label, weight: asInteger(row.weight) };
}

/**
 * Graph rows come in selection order, episodes with all their citations. Edges join selected nodes
 * only, one per (episode, paper) pair with the kind of its first listing (the source wins), ordered
 * by episode, then by the paper's place in the selection — the embedded store's order.
 */
export function toGraphView(rows: readonly Row[]): DrawnGraph {
  const selected = rows.filter((row) => row.id !== null);
  const nodes = selected.map(toGraphNode);
  const place = new Map(nodes.map((node, i) => [node.id, i]));
  const edges: GraphEdge[] = [];
  for (const [i, row] of selected.entries()) {
    const node = nodes[i]!;
    if (node.kind !== 'EPISODE') continue;
    const firstListing = new Map<string, { kind: GraphEdge['kind']; position: number }>();
    for (const citation of asList(row.citations).map(asMap)) {
      const paperId = asString(citation.paperId);
      if (!place.has(paperId)) continue;
      const position = asInteger(citation.position);
      const seen = firstListing.get(paperId);
      if (seen === undefined || position < seen.position) {
        firstListing.set(paperId, { kind: asKind(citation.kind), position });
      }
    }
    const own = [...firstListing].sort(([a], [b]) => place.get(a)! - place.get(b)!);
    for (const [paperId, { kind: edgeKind }] of own)
      edges.push({ source: node.id, target: paperId, kind: edgeKind });
  }
  return { nodes, edges, truncated: rows[0]?.truncated === true };
}

export function toPathView(row: Row): GraphView {
  return {
    nodes: asList(row.nodes).map(toGraphNode),
    edges: asList(row.edges).map((value) => {
      const edge = asMap(value);
      return {
        source: asString(edge.source),
        target: asString(edge.target),
        kind: asKind(edge.kind),
      };
    }),
  };
}

/** Neo4j drops null properties, so a missing key is a null field. Feeds are few: checked in full. */
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
    episodeCount: asInteger(row.episodeCount),
    nextCheckAt: present('nextCheckAt'),
  });
}
