// How a stored paper absorbs what a new batch says about it. Both stores use these rules so the same
// feeds give the same papers whichever store holds them.
import type { PaperRecord } from '../../domain/model.ts';

/**
 * A title follows the newest evidence: a batch that names the paper (a reading's title, or an export's
 * stored title) replaces the stored one, so a feed that corrects a title corrects the paper; a batch
 * that does not name it (a source-only mention) keeps the stored title. Aliases are unioned in first-seen
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
    title: incoming.title ?? stored.title,
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
