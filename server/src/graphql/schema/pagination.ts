// Relay connections with a total count. The deterministic orders (episodes newest first, papers most
// cited first) page by keyset: a cursor holds the item's sort key and id, so a page read after an
// import starts right behind the last item seen. Relevance-ranked lists (search, metadata filters) page
// by offset: their order is a score no stored key reproduces.
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import type { Keyset, Page } from '../../store/store.ts';
import { QUERY_LIMITS } from '../limits.ts';

interface ConnectionArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}

export async function resolvePage<T>(
  args: ConnectionArgs,
  loadPage: (offset: number, limit: number) => Promise<Page<T>>,
) {
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

/** How one list's items map to their sort keys, and the keys to and from the JSON a cursor carries. */
export interface KeysetOrder<T, K> {
  /** Named in every cursor, so a cursor of another list is refused instead of misread. */
  list: string;
  keyOf(item: T): K;
  schema: z.ZodType<K>;
}

const badInput = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

function encodeCursor<K>(order: KeysetOrder<unknown, K>, key: K): string {
  return Buffer.from(JSON.stringify([order.list, key])).toString('base64url');
}

function decodeCursor<K>(
  order: KeysetOrder<unknown, K>,
  argument: 'after' | 'before',
  cursor: string | null | undefined,
): K | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const decoded = z.tuple([z.literal(order.list), order.schema]).safeParse(parsed);
  if (!decoded.success) {
    throw badInput(
      `\`${argument}\` is not a cursor of this ${order.list} list: pass a cursor from its own edges or pageInfo (cursors of a list with \`search\`, \`author\` or \`topic\` only page that list).`,
    );
  }
  return decoded.data[1];
}

export async function resolveKeysetPage<T, K>(
  args: ConnectionArgs,
  order: KeysetOrder<T, K>,
  loadPage: (keyset: Keyset<K>, limit: number) => Promise<Page<T>>,
) {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value !== null && value !== undefined && value < 0)
      throw badInput(`\`${name}\` must be 0 or more (got ${value}).`);
  }
  const hasFirst = args.first !== null && args.first !== undefined;
  const hasLast = args.last !== null && args.last !== undefined;
  if (hasFirst && hasLast)
    throw badInput(
      'Pass `first` (from the start or `after`) or `last` (from the end or `before`), not both.',
    );
  const size = Math.min(
    args.first ?? args.last ?? QUERY_LIMITS.defaultPageSize,
    QUERY_LIMITS.maxPageSize,
  );
  const keyset: Keyset<K> = {
    after: decodeCursor(order, 'after', args.after),
    before: decodeCursor(order, 'before', args.before),
    fromEnd: hasLast,
  };
  // One more than the page says whether anything lies beyond it.
  const page = await loadPage(keyset, size + 1);
  const more = page.items.length > size;
  const items = !more ? page.items : hasLast ? page.items.slice(-size) : page.items.slice(0, size);
  const edges = items.map((node) => ({ cursor: encodeCursor(order, order.keyOf(node)), node }));
  return {
    edges,
    pageInfo: {
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
      hasPreviousPage: hasLast ? more : keyset.after !== undefined,
      hasNextPage: hasLast ? keyset.before !== undefined : more,
    },
    totalCount: page.totalCount,
  };
}

/** The page a connection will actually return, for cost estimates: pages are capped at the maximum. */
export function pageSizeOf(args: ConnectionArgs): number {
  return Math.min(
    args.first ?? args.last ?? QUERY_LIMITS.defaultPageSize,
    QUERY_LIMITS.maxPageSize,
  );
}
