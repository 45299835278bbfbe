// The store boundary: whatever the caller claims, a batch is checked again before anything is written.
import { z } from 'zod';
import { importBatchSchema, type ImportBatch } from '../../domain/model.ts';
import { dedupeAliases } from './mergePaper.ts';

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
  return issue.episode === null ? issue.path || '(batch)' : `episode "${issue.episode}" (${issue.path})`;
}

/** Episode ids and paper ids share one node namespace in both stores. */
const EPISODE_ID_SHAPE = /^ep_[0-9a-f]{12}$/;

export function validateImportBatch(input: unknown): ImportBatch {
  const parsed = importBatchSchema.safeParse(input);
  if (!parsed.success) throw new InvalidImportBatchError(toIssues(parsed.error, input));
  const batch = parsed.data;
  const collisions: BatchIssue[] = [];
  batch.papers.forEach((paper, i) => {
    if (EPISODE_ID_SHAPE.test(paper.id)) {
      collisions.push({ path: `papers.${i}.id`, episode: null, message: `paper id ${paper.id} looks like an episode id` });
    }
  });
  if (collisions.length > 0) throw new InvalidImportBatchError(collisions);
  return { episodes: batch.episodes, papers: batch.papers.map((p) => ({ ...p, aliases: dedupeAliases(p.aliases) })) };
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
  const episode = Array.isArray(episodes) ? (episodes[path[1]] as { title?: unknown } | undefined) : undefined;
  return typeof episode?.title === 'string' && episode.title.length > 0 ? episode.title : `#${path[1] + 1}`;
}
