// Offset-backed Relay connections with a total count: stores page by offset, clients see cursors.
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import type { Page } from '../../store/store.ts';
import { QUERY_LIMITS } from '../limits.ts';

interface ConnectionArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}

export async function resolvePage<T>(args: ConnectionArgs, loadPage: (offset: number, limit: number) => Promise<Page<T>>) {
  let totalCount = 0;
  const connection = await resolveOffsetConnection(
    { args, defaultSize: QUERY_LIMITS.defaultPageSize, maxSize: QUERY_LIMITS.maxPageSize },
    async ({ offset, limit }) => {
      const page = await loadPage(offset, limit);
      totalCount = page.totalCount;
      return page.items;
    },
  );
  return { ...connection, totalCount };
}

/** The page a connection will actually return, for cost estimates: pages are capped at the maximum. */
export function pageSizeOf(args: ConnectionArgs): number {
  return Math.min(args.first ?? args.last ?? QUERY_LIMITS.defaultPageSize, QUERY_LIMITS.maxPageSize);
}
