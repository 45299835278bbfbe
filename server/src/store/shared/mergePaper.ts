// How a stored paper absorbs what a new batch says about it. Both stores use these rules so the same
// feeds give the same papers whichever store holds them.
import type { PaperRecord } from '../../domain/model.ts';

/**
 * The first title seen is kept (a later feed may word it differently; flip-flopping would make every
 * import an update); an incoming title only fills a missing one. Aliases are unioned in first-seen
 * order. url/arxivId/doi derive from the canonical key, so the stored values stay and only gaps fill.
 */
export function mergePaperRecords(stored: PaperRecord, incoming: PaperRecord): PaperRecord {
  const aliases = [...stored.aliases];
  const seen = new Set(aliases);
  for (const alias of incoming.aliases) {
    if (!seen.has(alias)) {
      seen.add(alias);
      aliases.push(alias);
    }
  }
  return {
    id: stored.id,
    title: stored.title ?? incoming.title,
    url: stored.url,
    arxivId: stored.arxivId ?? incoming.arxivId,
    doi: stored.doi ?? incoming.doi,
    aliases,
  };
}

export function samePaperRecord(a: PaperRecord, b: PaperRecord): boolean {
  return (
    a.id === b.id &&
    a.title === b.title &&
    a.url === b.url &&
    a.arxivId === b.arxivId &&
    a.doi === b.doi &&
    a.aliases.length === b.aliases.length &&
    a.aliases.every((alias, i) => alias === b.aliases[i])
  );
}

/** Aliases in first-seen order, without repeats (a batch may list one twice). */
export function dedupeAliases(aliases: readonly string[]): string[] {
  return [...new Set(aliases)];
}
