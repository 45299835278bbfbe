// The store boundary: whatever the caller claims, a batch is checked before anything is written —
// unless this module itself validated it earlier (the import pipeline parses through here), which it
// can prove: such batches are deep-frozen and remembered in a WeakSet, so the check cannot be forged
// by a type cast or outdated by a later mutation.
import { z } from 'zod';

import { isEpisodeId } from '../../domain/episodeId.ts';
import { type ImportBatch, importBatchSchema, type ValidatedBatch } from '../../domain/model.ts';
import { dedupeAliases } from './mergePaper.ts';

const validated = new WeakSet<object>();

function isValidatedBatch(batch: unknown): batch is ValidatedBatch {
  return typeof batch === 'object' && batch !== null && validated.has(batch);
}

export interface BatchIssue {
  /** Where in the batch, e.g. `episodes.2.recommendations.0.paperId`. */
  path: string;
  /** Title of the episode the issue is in, when there is one, so people can find it in their feed. */
  episode: string | null;
  message: string;
}

export class InvalidImportBatchError extends Error {
  readonly issues: BatchIssue[];

  constructor(issues: BatchIssue[]) {
    const shown = issues.slice(0, 5).map((issue) => `${describe(issue)}: ${issue.message}`);
    const more = issues.length > 5 ? ` (and ${issues.length - 5} more)` : '';
    super(`invalid import batch, nothing was written: ${shown.join('; ')}${more}`);
    this.name = 'InvalidImportBatchError';
    this.issues = issues;
  }
}

function describe(issue: BatchIssue): string {
  return issue.episode === null
    ? issue.path || '(batch)'
    : `episode "${issue.episode}" (${issue.path})`;
}

export function validateImportBatch(input: unknown): ImportBatch {
  if (isValidatedBatch(input)) return input;
  const parsed = importBatchSchema.safeParse(input);
  if (!parsed.success) throw new InvalidImportBatchError(toIssues(parsed.error, input));
  const batch = parsed.data;
  const collisions = episodeIdCollisions(batch);
  if (collisions.length > 0) throw new InvalidImportBatchError(collisions);
  return {
    // A showId names one of the batch's shows; a batch without shows has none to name.
    episodes:
      batch.shows === undefined
        ? batch.episodes.map(({ showId: _showId, ...episode }) => episode)
        : batch.episodes,
    papers: batch.papers.map((p) => ({ ...p, aliases: dedupeAliases(p.aliases) })),
    ...(batch.shows === undefined ? {} : { shows: batch.shows }),
  };
}

/** Episode ids and paper ids share one node namespace in both stores. */
function episodeIdCollisions(batch: ImportBatch): BatchIssue[] {
  const collisions: BatchIssue[] = [];
  batch.papers.forEach((paper, i) => {
    if (isEpisodeId(paper.id)) {
      collisions.push({
        path: `papers.${i}.id`,
        episode: null,
        message: `paper id ${paper.id} looks like an episode id`,
      });
    }
  });
  return collisions;
}

/**
 * importBatchSchema.safeParse for producers (the import pipeline) that report zod issues their own way.
 * A success the stores would accept unchanged (no episode-shaped paper id, no repeated alias) comes back
 * as a ValidatedBatch, so the store does not validate it a second time; any other success comes back
 * as zod gave it and the store checks (and normalises or rejects) it as before.
 */
export function parseImportBatch(
  input: unknown,
): { success: true; data: ImportBatch | ValidatedBatch } | { success: false; error: z.ZodError } {
  const parsed = importBatchSchema.safeParse(input);
  if (!parsed.success) return { success: false, error: parsed.error };
  const batch = parsed.data;
  const storeAcceptsAsIs =
    episodeIdCollisions(batch).length === 0 &&
    batch.papers.every((p) => new Set(p.aliases).size === p.aliases.length) &&
    (batch.shows !== undefined || batch.episodes.every((e) => e.showId == null));
  return { success: true, data: storeAcceptsAsIs ? sealValidated(batch) : batch };
}

function sealValidated(batch: ImportBatch): ValidatedBatch {
  deepFreeze(batch);
  validated.add(batch);
  return batch as ValidatedBatch;
}

/** Records are plain objects and arrays of strings, numbers and nulls (zod's output). */
function deepFreeze(value: object): void {
  if (Array.isArray(value)) {
    for (const item of value) if (typeof item === 'object' && item !== null) deepFreeze(item);
  } else {
    for (const key in value) {
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null) deepFreeze(item);
    }
  }
  Object.freeze(value);
}

function toIssues(error: z.ZodError, input: unknown): BatchIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    episode: episodeTitleAt(input, issue.path),
    message: issue.message,
  }));
}

function episodeTitleAt(input: unknown, path: readonly PropertyKey[]): string | null {
  if (path[0] !== 'episodes' || typeof path[1] !== 'number') return null;
  const episodes = (input as { episodes?: unknown } | null)?.episodes;
  const episode = Array.isArray(episodes)
    ? (episodes[path[1]] as { title?: unknown } | undefined)
    : undefined;
  return typeof episode?.title === 'string' && episode.title.length > 0
    ? episode.title
    : `#${path[1] + 1}`;
}
