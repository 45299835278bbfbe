interface PageWindow {
  offset: number;
  limit: number;
}

/** A list query's offset and limit as whole numbers from 0: both stores page with this window. */
export function pageWindow(query: PageWindow): PageWindow {
  return {
    offset: Math.max(0, Math.trunc(query.offset)),
    limit: Math.max(0, Math.trunc(query.limit)),
  };
}
