// The one order of episodes wherever JavaScript sorts them (queries say it in their own language):
// newest first, undated last, then by id, as the stores' newest-first pages list them.

/**
 * Orders items newest first by `dateOf` (an ISO date or a day number; null for undated, which go
 * last), then by `idOf` in code-unit order.
 */
export function newestFirstBy<T, D extends string | number>(
  dateOf: (item: T) => D | null,
  idOf: (item: T) => string,
): (a: T, b: T) => number {
  return (a, b) => {
    const dateA = dateOf(a);
    const dateB = dateOf(b);
    if (dateA !== dateB) {
      if (dateA === null) return 1;
      if (dateB === null) return -1;
      return dateA > dateB ? -1 : 1;
    }
    const idA = idOf(a);
    const idB = idOf(b);
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  };
}

interface Dated {
  publishedAt: string | null;
  id: string;
}

/** Episode records newest first, undated last, then by id. */
export const newestFirst: (a: Dated, b: Dated) => number = newestFirstBy(
  (episode: Dated) => episode.publishedAt,
  (episode) => episode.id,
);
