// Import failures carry every problem found, each pinned to file / episode / field, so a person
// fixing a feed sees all of it at once instead of one error per attempt.
import type { z } from 'zod';

export interface ImportIssue {
  file?: string;
  /** `#3 "Episode title"` (or `#3` when the title is unknown). */
  episode?: string;
  field?: string;
  message: string;
}

/** Listing thousands of problems helps nobody; `issues` still holds all of them. */
const MAX_LISTED_ISSUES = 50;

function formatIssue(issue: ImportIssue): string {
  const where = [
    issue.file,
    issue.episode === undefined ? undefined : `episode ${issue.episode}`,
    issue.field === undefined ? undefined : `field ${issue.field}`,
  ].filter((part): part is string => part !== undefined && part !== '');
  return [...where, issue.message].join(': ');
}

function describe(issues: readonly ImportIssue[]): string {
  if (issues.length === 1 && issues[0]) return formatIssue(issues[0]);
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => `  - ${formatIssue(issue)}`);
  const more =
    issues.length > MAX_LISTED_ISSUES ? [`  … and ${issues.length - MAX_LISTED_ISSUES} more`] : [];
  return [`import failed with ${issues.length} problems:`, ...listed, ...more].join('\n');
}

export class ImportError extends Error {
  readonly issues: ImportIssue[];

  constructor(issues: ImportIssue[]) {
    const all = issues.length > 0 ? issues : [{ message: 'import failed' }];
    super(describe(all));
    this.name = 'ImportError';
    this.issues = all;
  }

  /** The same problems, attributed to `file` where they are not attributed yet. */
  inFile(file: string | undefined): ImportError {
    if (file === undefined) return this;
    return new ImportError(this.issues.map((issue) => ({ ...issue, file: issue.file ?? file })));
  }
}

const MAX_TITLE_IN_LABEL = 80;

/** How an episode is named in messages: its position in the feed and, when known, its title. */
export function episodeLabel(position: number, title?: string | null): string {
  if (!title) return `#${position}`;
  const shown =
    title.length > MAX_TITLE_IN_LABEL ? `${title.slice(0, MAX_TITLE_IN_LABEL - 1)}…` : title;
  return `#${position} "${shown}"`;
}

/**
 * zod issues on an import batch, rephrased as import issues: `episodes.3.title` becomes episode
 * `#4 "…"`, field `title`. `episodeLabels[i]` names batch episode i.
 */
export function issuesFromZod(error: z.ZodError, episodeLabels: readonly string[]): ImportIssue[] {
  return error.issues.map((issue) => {
    const [collection, index, ...rest] = issue.path;
    if (collection === 'episodes' && typeof index === 'number') {
      const field = rest.length > 0 ? rest.map(String).join('.') : undefined;
      return {
        episode: episodeLabels[index] ?? `#${index + 1}`,
        ...(field ? { field } : {}),
        message: issue.message,
      };
    }
    const field = issue.path.length > 0 ? issue.path.map(String).join('.') : undefined;
    return { ...(field ? { field } : {}), message: issue.message };
  });
}
