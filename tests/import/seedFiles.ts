// Shared access to the seed files and small edits on the page text for error-path tests.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const seedPath = (name: string): string =>
  fileURLToPath(new URL(`../../seed/${name}`, import.meta.url));

export const SEED_PAGE = readFileSync(seedPath('ai-papers-deep-dive.txt'), 'utf8');
export const SEED_RSS = readFileSync(seedPath('ai-papers-deep-dive.rss.xml'), 'utf8');

/** Line index of episode `position`'s description (the longest line of its block). */
function descriptionLine(lines: string[], position: number): number {
  const start = lines.findIndex((line) => line.startsWith(`  ${position}. `));
  if (start < 0) throw new Error(`no episode ${position} in the page`);
  let best = start + 1;
  for (let i = start + 1; i < lines.length && !/^ {2}\d+\. /.test(lines[i] ?? ''); i++) {
    if ((lines[i] ?? '').length > (lines[best] ?? '').length) best = i;
  }
  return best;
}

/** The seed page with episode `position`'s description rewritten by `edit`. */
export function editDescription(
  page: string,
  position: number,
  edit: (description: string) => string,
): string {
  const lines = page.split('\n');
  const index = descriptionLine(lines, position);
  const line = lines[index] ?? '';
  const rewritten = edit(line.trim());
  if (rewritten === line.trim()) throw new Error(`edit of episode ${position} changed nothing`);
  lines[index] = `    ${rewritten}`;
  return lines.join('\n');
}

/** A page with the given episodes in the seed's layout. */
export function pageOf(
  episodes: { title: string; description: string; duration?: string }[],
): string {
  const blocks = episodes.map((episode, i) =>
    [
      `  ${i + 1}. ${i + 1} day ago`,
      '',
      `    ${episode.title}`,
      '',
      `    ${episode.description}`,
      '',
      episode.duration ? `    ${episode.duration}` : '',
    ].join('\n'),
  );
  return ['Some Podcast', '', 'A show.', '', ...blocks, '', 'About', '', 'A show.', ''].join('\n');
}
