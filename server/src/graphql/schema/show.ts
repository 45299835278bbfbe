// The `Show` type (the podcast an episode belongs to), `show(id)`, `shows`, and `Episode.show`.
import { builder } from '../builder.ts';
import { NEEDS_WHOLE_EPISODE, wholeEpisodeValue } from '../loaders.ts';
import { showIdArg, textArg } from './args.ts';
import { episodePageRead, NEWEST_FIRST } from './episode.ts';
import { pageSizeOf, resolveKeysetPage, resolvePage } from './pagination.ts';
import { EpisodeRef, ShowRef } from './refs.ts';

/** Longest text `shows(query:)` takes: a show title's worth. */
const MAX_SHOW_QUERY = 200;

ShowRef.implement({
  description:
    'A podcast: the show of a followed feed, an imported feed or page. Each episode belongs to the show it was first imported from.',
  fields: (t) => ({
    id: t.exposeID('id', {
      description:
        'show_ and 12 hex digits, from the feed’s URL when it was fetched, else its site, else its title',
    }),
    title: t.exposeString('title'),
    link: t.exposeString('link', { nullable: true, description: 'The show’s own web site' }),
    imageUrl: t.exposeString('imageUrl', { nullable: true }),
    author: t.exposeString('author', { nullable: true }),
    feedUrl: t.exposeString('feedUrl', {
      nullable: true,
      description: 'Where the feed was fetched from, else where the feed says it lives',
    }),
    episodeCount: t.exposeInt('episodeCount'),
    episodes: t.connection({
      type: EpisodeRef,
      description:
        'The show’s episodes, newest first (undated last, then id), with keyset cursors as `episodes`.',
      complexity: (args) => ({ field: 1, multiplier: pageSizeOf(args) }),
      resolve: (show, args, context, info) => {
        const read = episodePageRead(context.store, info);
        return resolveKeysetPage(args, NEWEST_FIRST, (keyset, limit) =>
          read({ offset: 0, limit, keyset, show: show.id }),
        );
      },
    }),
  }),
});

builder.objectField(EpisodeRef, 'show', (t) =>
  t.field({
    type: ShowRef,
    nullable: true,
    description: 'The show the episode was first imported from; null for one imported without',
    extensions: NEEDS_WHOLE_EPISODE,
    resolve: async (episode, _args, context) => {
      const showId = await wholeEpisodeValue(episode, context, (e) => e.showId);
      return showId == null ? null : context.loaders.show(showId);
    },
  }),
);

builder.queryFields((t) => ({
  show: t.field({
    type: ShowRef,
    nullable: true,
    description: 'The show with this id; null when none has it.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, { loaders }) => {
      const id = String(args.id);
      return showIdArg.safeParse(id).success ? loaders.findShow(id) : null;
    },
  }),
  shows: t.connection({
    type: ShowRef,
    description:
      'Every show, by title (then id); with `query`, only the shows whose title contains it, ignoring case.',
    args: { query: t.arg.string({ validate: textArg(MAX_SHOW_QUERY) }) },
    complexity: (args) => ({ field: 1, multiplier: pageSizeOf(args) }),
    resolve: (_root, args, context) =>
      resolvePage(args, (offset, limit) =>
        context.store.listShows({
          offset,
          limit,
          ...(args.query == null ? {} : { titleContains: args.query }),
        }),
      ),
  }),
}));
