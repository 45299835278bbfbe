// papergraph's own export: a batch that already has ids. Ids are still re-derived, because a
// hand-edited or older export must not smuggle non-canonical keys past paper identity.
import { z } from 'zod';

import { episodeIdFor } from '../../domain/episodeId.ts';
import type { ImportBatch } from '../../domain/model.ts';
import { parsePaperRef } from '../../ids/paperId.ts';
import { parseImportBatch } from '../../store/shared/validateBatch.ts';
import { episodeLabel, ImportError, type ImportIssue, issuesFromZod } from '../errors.ts';
import { cleanControlCharacters } from '../text.ts';

const EXPORT_FORMAT = 'papergraph';
const EXPORT_VERSION = 1;

const exportEnvelopeSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(EXPORT_VERSION),
  episodes: z.array(z.unknown()),
  papers: z.array(z.unknown()),
  /** Absent in exports from before shows. */
  shows: z.array(z.unknown()).optional(),
});

export function looksLikeJson(content: string): boolean {
  return /^\s*\{/.test(content);
}

/** Strings inside JSON can carry escaped control characters (\u0007); clean them like any text. */
function cleanStrings(value: unknown): unknown {
  if (typeof value === 'string') return cleanControlCharacters(value);
  if (Array.isArray(value)) return value.map(cleanStrings);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [key, cleanStrings(inner)]),
    );
  }
  return value;
}

function canonicalIdIssues(batch: ImportBatch): ImportIssue[] {
  const issues: ImportIssue[] = [];
  batch.papers.forEach((paper, i) => {
    const parsed = parsePaperRef(paper.id);
    if (!parsed.ok) {
      issues.push({
        field: `papers.${i}.id`,
        message: `"${paper.id}" is not a paper id: ${parsed.reason}`,
      });
    } else if (parsed.key.id !== paper.id) {
      issues.push({
        field: `papers.${i}.id`,
        message: `"${paper.id}" is not canonical; it normalises to "${parsed.key.id}"`,
      });
    }
  });
  batch.episodes.forEach((episode, i) => {
    // An episode without a source is told by its guid or audio, which the export keeps as they are.
    if (episode.sourcePaperId === null) return;
    const expected = episodeIdFor(episode.sourcePaperId);
    // An episode with a guid may keep the id it was first stored under (import/guidIdentity.ts).
    if (episode.id !== expected && episode.guid == null) {
      issues.push({
        episode: episodeLabel(i + 1, episode.title),
        field: 'id',
        message: `"${episode.id}" does not match its source paper ${episode.sourcePaperId} (expected "${expected}")`,
      });
    }
  });
  return issues;
}

export function readJsonExport(content: string): ImportBatch {
  let document: unknown;
  try {
    document = JSON.parse(content);
  } catch (error) {
    throw new ImportError([
      { message: `invalid JSON: ${error instanceof Error ? error.message : String(error)}` },
    ]);
  }
  const envelope = exportEnvelopeSchema.safeParse(document);
  if (!envelope.success) {
    throw new ImportError(
      envelope.error.issues.map((issue) => ({
        ...(issue.path.length > 0 ? { field: issue.path.map(String).join('.') } : {}),
        message: `not a papergraph export (version ${EXPORT_VERSION}): ${issue.message}`,
      })),
    );
  }
  const candidate = cleanStrings({
    episodes: envelope.data.episodes,
    papers: envelope.data.papers,
    ...(envelope.data.shows === undefined ? {} : { shows: envelope.data.shows }),
  });
  const parsed = parseImportBatch(candidate);
  if (!parsed.success) {
    const labels = envelope.data.episodes.map((episode, i) => {
      const title =
        typeof episode === 'object' && episode !== null && 'title' in episode
          ? episode.title
          : undefined;
      return episodeLabel(i + 1, typeof title === 'string' ? title : undefined);
    });
    throw new ImportError(issuesFromZod(parsed.error, labels));
  }
  const issues = canonicalIdIssues(parsed.data);
  if (issues.length > 0) throw new ImportError(issues);
  return parsed.data;
}

/** The export document for a batch; readJsonExport(toJsonExport(b)) gives b back. */
export function toJsonExport(batch: ImportBatch): string {
  const { episodes, papers, shows } = batch;
  return `${JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, episodes, papers, ...(shows === undefined ? {} : { shows }) }, null, 2)}\n`;
}
