// Relay connections with a total count. The deterministic orders (episodes newest first, papers most
// cited first) page by keyset: a cursor holds the item's sort key and id, so a page read after an
// import starts right behind the last item seen. Relevance-ranked lists (search, metadata filters) page
// by offset: their order is a score no stored key reproduces.
//
// A key an import can change (a paper's citation count) can carry an item from behind the cursor to
// ahead of it, where no later page would show it. Such a list is versioned: its cursors name the graph
// version (the store's graphChangedAt) of the page they came from, and a cursor of an earlier version
// pages on in that version's order, kept here when that version's pages were served (its first
// SNAPSHOT_DEPTH items, for the SNAPSHOTS_KEPT latest orders). When that order is no longer held, the
// cursor is refused with STALE_CURSOR and the client starts again.
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { z } from 'zod';

import type { GraphStore, Keyset, Page } from '../../store/store.ts';
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
export interface KeysetOrder<T, K extends { id: string }> {
  /** Named in every cursor, so a cursor of another list is refused instead of misread. */
  list: string;
  keyOf(item: T): K;
  schema: z.ZodType<K>;
}

const badInput = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });

/** A keyset list whose sort key an import can change: what it needs to page on in an earlier order. */
export interface VersionedList<T> {
  store: Pick<GraphStore, 'graphChangedAt'>;
  /** Names the list's filter: each filter is its own order. */
  variant: string;
  /** An item as it is now, by id; null when it is gone. */
  byId(id: string): Promise<T | null>;
}

/** Items of an order kept for cursors of its graph version. */
const SNAPSHOT_DEPTH = 5_000;
/** Orders kept per store, the oldest dropped first. */
export const SNAPSHOTS_KEPT = 8;

interface Snapshot<K> {
  keys: K[];
  indexById: Map<string, number>;
  /** False when the order goes on past SNAPSHOT_DEPTH. */
  complete: boolean;
  totalCount: number;
}

const snapshots = new WeakMap<object, Map<string, Promise<Snapshot<unknown> | null>>>();

const snapshotName = (
  order: KeysetOrder<never, { id: string }>,
  versioned: VersionedList<unknown>,
  version: string,
) => `${order.list}:${versioned.variant}@${version}`;

const versionOf = async (store: VersionedList<unknown>['store']) =>
  (await store.graphChangedAt()) ?? 'unchanged';

/**
 * The order at `version`, read now unless already kept; null when the graph changed while it was read
 * (the order read is then of no one version).
 */
function snapshotAt<T, K extends { id: string }>(
  versioned: VersionedList<T>,
  order: KeysetOrder<T, K>,
  version: string,
  loadPage: (keyset: Keyset<K>, limit: number) => Promise<Page<T>>,
): Promise<Snapshot<K> | null> {
  let kept = snapshots.get(versioned.store);
  if (kept === undefined) snapshots.set(versioned.store, (kept = new Map()));
  const name = snapshotName(order, versioned, version);
  const found = kept.get(name) as Promise<Snapshot<K> | null> | undefined;
  if (found !== undefined) return found;
  const read = (async () => {
    const page = await loadPage({}, SNAPSHOT_DEPTH + 1);
    if ((await versionOf(versioned.store)) !== version) return null;
    const keys = page.items.slice(0, SNAPSHOT_DEPTH).map((item) => order.keyOf(item));
    return {
      keys,
      indexById: new Map(keys.map((key, index) => [key.id, index])),
      complete: page.items.length <= SNAPSHOT_DEPTH,
      totalCount: page.totalCount,
    };
  })();
  kept.set(name, read);
  while (kept.size > SNAPSHOTS_KEPT) kept.delete(kept.keys().next().value!);
  // A failed or mixed read is not kept: the next page tries again.
  read.then(
    (snapshot) => snapshot === null && kept.delete(name),
    () => kept.delete(name),
  );
  return read;
}

interface Cursor<K> {
  key: K;
  /** The graph version of the page the cursor came from; absent for lists that are not versioned. */
  version?: string | undefined;
}

function encodeCursor<K>(order: KeysetOrder<never, K & { id: string }>, cursor: Cursor<K>): string {
  const parts =
    cursor.version === undefined
      ? [order.list, cursor.key]
      : [order.list, cursor.key, cursor.version];
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

function decodeCursor<K extends { id: string }>(
  order: KeysetOrder<never, K>,
  argument: 'after' | 'before',
  cursor: string | null | undefined,
): Cursor<K> | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const decoded = z
    .union([
      z.tuple([z.literal(order.list), order.schema]),
      z.tuple([z.literal(order.list), order.schema, z.string()]),
    ])
    .safeParse(parsed);
  if (!decoded.success) {
    throw badInput(
      `\`${argument}\` is not a cursor of this ${order.list} list: pass a cursor from its own edges or pageInfo (cursors of a list with \`search\`, \`author\` or \`topic\` only page that list).`,
    );
  }
  return { key: decoded.data[1], version: decoded.data[2] };
}

const staleCursor = (argument: 'after' | 'before', list: string) =>
  new GraphQLError(
    `\`${argument}\` is a cursor of the ${list} list as it was before the graph changed, and this server no longer holds that order: fetch the list again from the start (without \`after\` or \`before\`).`,
    { extensions: { code: 'STALE_CURSOR', argument } },
  );

export async function resolveKeysetPage<T, K extends { id: string }>(
  args: ConnectionArgs,
  order: KeysetOrder<T, K>,
  loadPage: (keyset: Keyset<K>, limit: number) => Promise<Page<T>>,
  versioned?: VersionedList<T>,
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
  const after = decodeCursor(order, 'after', args.after);
  const before = decodeCursor(order, 'before', args.before);
  const version = versioned === undefined ? undefined : await versionOf(versioned.store);
  const earlier = [after, before].find(
    (cursor) => cursor?.version !== undefined && cursor.version !== version,
  );
  if (versioned !== undefined && earlier?.version !== undefined) {
    return earlierVersionPage(versioned, order, earlier.version, {
      after,
      before,
      size,
      fromEnd: hasLast,
    });
  }
  const keyset: Keyset<K> = { after: after?.key, before: before?.key, fromEnd: hasLast };
  // One more than the page says whether anything lies beyond it; a versioned list also keeps its
  // order now, for cursors that come back after the graph changed.
  const [page] = await Promise.all([
    loadPage(keyset, size + 1),
    versioned === undefined || version === undefined
      ? null
      : snapshotAt(versioned, order, version, loadPage),
  ]);
  const more = page.items.length > size;
  const items = !more ? page.items : hasLast ? page.items.slice(-size) : page.items.slice(0, size);
  const edges = items.map((node) => ({
    cursor: encodeCursor(order, { key: order.keyOf(node), version }),
    node,
  }));
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

/** A page in the order of the graph version the cursor came from, of the items as they are now. */
async function earlierVersionPage<T, K extends { id: string }>(
  versioned: VersionedList<T>,
  order: KeysetOrder<T, K>,
  version: string,
  page: {
    after: Cursor<K> | undefined;
    before: Cursor<K> | undefined;
    size: number;
    fromEnd: boolean;
  },
) {
  const kept = snapshots.get(versioned.store)?.get(snapshotName(order, versioned, version));
  const snapshot = (await kept) as Snapshot<K> | null | undefined;
  const argument = page.after !== undefined ? 'after' : 'before';
  if (snapshot === null || snapshot === undefined) throw staleCursor(argument, order.list);
  const place = (cursor: Cursor<K> | undefined, name: 'after' | 'before') => {
    if (cursor === undefined) return undefined;
    const index = snapshot.indexById.get(cursor.key.id);
    if (index === undefined || cursor.version !== version) throw staleCursor(name, order.list);
    return index;
  };
  const start = (place(page.after, 'after') ?? -1) + 1;
  const end = place(page.before, 'before') ?? snapshot.keys.length;
  const window = snapshot.keys.slice(start, end);
  // Past the kept items that order is unknown: a page reaching there cannot be answered.
  const unknownBeyond = !snapshot.complete && page.before === undefined;
  if (unknownBeyond && (page.fromEnd || window.length <= page.size))
    throw staleCursor(argument, order.list);
  const keys = page.fromEnd ? window.slice(-page.size) : window.slice(0, page.size);
  const more = window.length > page.size;
  const nodes = await Promise.all(keys.map((key) => versioned.byId(key.id)));
  const edges = keys.flatMap((key, index) => {
    const node = nodes[index];
    // Gone since (an episode withdrawn with the papers only it cited).
    if (node === null || node === undefined) return [];
    return [{ cursor: encodeCursor(order, { key, version }), node }];
  });
  return {
    edges,
    pageInfo: {
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
      hasPreviousPage: page.fromEnd ? more : page.after !== undefined,
      hasNextPage: page.fromEnd ? page.before !== undefined : more,
    },
    totalCount: snapshot.totalCount,
  };
}

/** The page a connection will actually return, for cost estimates: pages are capped at the maximum. */
export function pageSizeOf(args: ConnectionArgs): number {
  return Math.min(
    args.first ?? args.last ?? QUERY_LIMITS.defaultPageSize,
    QUERY_LIMITS.maxPageSize,
  );
}
