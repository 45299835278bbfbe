// Feed subscriptions: `feeds` for everyone, addFeed / removeFeed / refreshFeeds for the admin.
import { FEED_STATUSES, type FeedRecord } from '../../domain/feed.ts';
import { FeedUrlError } from '../../feeds/feedService.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { assertAdmin } from './admin.ts';
import { ErrorInterface, NotAuthorizedError } from './errors.ts';

const FeedStatusEnum = builder.enumType('FeedStatus', {
  values: Object.fromEntries(FEED_STATUSES.map((status) => [status, {}])) as Record<
    (typeof FEED_STATUSES)[number],
    object
  >,
});

const FeedRef = builder.objectRef<FeedRecord>('Feed').implement({
  description: 'A subscribed feed and what its last poll did.',
  fields: (t) => ({
    url: t.exposeString('url'),
    title: t.exposeString('title', {
      nullable: true,
      description: "The channel's <title> at the last good fetch",
    }),
    addedAt: t.exposeString('addedAt'),
    lastCheckedAt: t.exposeString('lastCheckedAt', { nullable: true }),
    lastChangedAt: t.exposeString('lastChangedAt', {
      nullable: true,
      description: 'When a poll last added or updated an episode',
    }),
    lastStatus: t.field({
      type: FeedStatusEnum,
      nullable: true,
      resolve: (feed) => feed.lastStatus,
    }),
    lastError: t.exposeString('lastError', {
      nullable: true,
      description: 'Why the last poll failed; null when it did not',
    }),
    episodeCount: t.exposeInt('episodeCount', {
      description: 'Items in the feed at the last good fetch',
    }),
    nextCheckAt: t.exposeString('nextCheckAt', { nullable: true }),
  }),
});

builder.objectType(FeedUrlError, {
  name: 'FeedUrlError',
  description: 'The URL cannot be subscribed to (not http or https, or too long).',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof FeedUrlError,
  fields: () => ({}),
});

const RemovedFeedRef = builder
  .objectRef<{ url: string; removed: boolean }>('RemovedFeed')
  .implement({
    fields: (t) => ({
      url: t.exposeString('url'),
      removed: t.exposeBoolean('removed', {
        description: 'false when the feed was not subscribed',
      }),
    }),
  });

const RefreshedFeedsRef = builder.objectRef<{ feeds: FeedRecord[] }>('RefreshedFeeds').implement({
  fields: (t) => ({ feeds: t.expose('feeds', { type: [FeedRef] }) }),
});

/** The feed service, for an admin request; the same refusals as importFeed otherwise. */
function adminFeedService(context: Context, mutation: string) {
  assertAdmin(context, mutation);
  if (!context.feeds) throw new Error('this server runs without the feed poller');
  return context.feeds;
}

builder.queryField('feeds', (t) =>
  t.field({
    type: [FeedRef],
    description: 'Subscribed feeds, by url.',
    resolve: (_root, _args, context) => context.store.listFeeds(),
  }),
);

builder.mutationFields((t) => ({
  addFeed: t.field({
    type: FeedRef,
    description:
      'Subscribe to a feed and fetch it at once; the result says how that went. Needs the admin token.',
    errors: { types: [NotAuthorizedError, FeedUrlError], union: { name: 'AddFeedResult' } },
    args: { url: t.arg.string({ required: true }) },
    resolve: (_root, args, context) => adminFeedService(context, 'addFeed').add(args.url),
  }),
  removeFeed: t.field({
    type: RemovedFeedRef,
    description: "Unsubscribe (the feed's episodes stay). Needs the admin token.",
    errors: { types: [NotAuthorizedError], union: { name: 'RemoveFeedResult' } },
    args: { url: t.arg.string({ required: true }) },
    resolve: async (_root, args, context) => {
      const url = args.url.trim();
      return { url, removed: await adminFeedService(context, 'removeFeed').remove(url) };
    },
  }),
  refreshFeeds: t.field({
    type: RefreshedFeedsRef,
    description: 'Fetch every subscribed feed now. Needs the admin token.',
    errors: { types: [NotAuthorizedError], union: { name: 'RefreshFeedsResult' } },
    resolve: async (_root, _args, context) => ({
      feeds: await adminFeedService(context, 'refreshFeeds').refreshAll(),
    }),
  }),
}));
