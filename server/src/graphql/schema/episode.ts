import type { GraphQLResolveInfo } from 'graphql';
import { z } from 'zod';

import { isEpisodeId } from '../../domain/episodeId.ts';
import type { Chapter } from '../../domain/model.ts';
import { filteredEpisodes, isFiltered } from '../../queries/filteredLists.ts';
import { findEpisodeByRef } from '../../queries/nodeRef.ts';
import type { EpisodeListQuery, GraphStore, Page } from '../../store/store.ts';
import { builder } from '../builder.ts';
import { LIST_BOUNDS } from '../limits.ts';
import {
  type EpisodeShape,
  needsWholeEpisode,
  readingsField,
  wholeEpisodeField,
} from '../loaders.ts';
import { selectedArguments, selectedFieldsAt } from '../selection.ts';
import { relatedFirstArg } from './args.ts';
import { eitherName, missingArgument } from './graph.ts';
import { metadataFilterArgs, metadataFilterOf } from './metadataFilterArgs.ts';
import { useInstead } from './nodeRef.ts';
import { type KeysetOrder, pageSizeOf, resolveKeysetPage, resolvePage } from './pagination.ts';
import { EpisodeRef, PaperRef } from './refs.ts';
import { showFilterArg, showFilterOf } from './showFilter.ts';

const ChapterRef = builder.objectRef<Chapter>('Chapter').implement({
  fields: (t) => ({
    start: t.exposeString('start', { description: 'Timestamp as printed, e.g. 01:30' }),
    startSeconds: t.exposeInt('startSeconds'),
    title: t.exposeString('title'),
    summary: t.exposeString('summary', { nullable: true }),
    url: t.string({
      nullable: true,
      description: 'The link a podcast:chapters chapter gives (often the paper it discusses)',
      resolve: (chapter) => chapter.url ?? null,
    }),
  }),
});

const RecommendationRef = builder
  .objectRef<{ paperId: string; note: string | null; discussedAt?: number }>('Recommendation')
  .implement({
    fields: (t) => ({
      paper: t.field({
        type: PaperRef,
        resolve: (recommendation, _args, { loaders }) => loaders.paper(recommendation.paperId),
      }),
      note: t.exposeString('note', { nullable: true }),
      discussedAt: t.int({
        nullable: true,
        description:
          "The second of the episode's audio at which its transcript first discusses the paper; null when unknown",
        resolve: (reading) => reading.discussedAt ?? null,
      }),
    }),
  });

EpisodeRef.implement({
  interfaces: [builder.nodeInterfaceRef()],
  description:
    'One podcast episode: about one source paper ("AI Papers" format), or mentioning the papers its show notes link.',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    publishedAt: t.exposeString('publishedAt', { nullable: true, description: 'YYYY-MM-DD' }),
    paperPublishedAt: t.string({
      nullable: true,
      description: 'YYYY-MM-DD',
      ...wholeEpisodeField((e) => e.paperPublishedAt),
    }),
    durationMinutes: t.int({
      nullable: true,
      ...wholeEpisodeField((e) => e.durationMinutes),
    }),
    summary: t.string({ nullable: true, ...wholeEpisodeField((e) => e.summary) }),
    takeaways: t.stringList({ ...wholeEpisodeField((e) => e.takeaways) }),
    chapters: t.field({
      type: [ChapterRef],
      // Chapters are read with their episode and nothing under them loads: one per chapter, whatever
      // fields are selected, so a page of episodes with their chapters costs its rows, not its cells.
      complexity: { field: LIST_BOUNDS.chapters, multiplier: 0 },
      ...wholeEpisodeField((e) => e.chapters),
    }),
    source: t.field({
      type: PaperRef,
      nullable: true,
      description:
        'The paper the episode is about; null for an episode whose notes only mention papers',
      resolve: (episode, _args, { loaders }) =>
        episode.sourcePaperId === null ? null : loaders.paper(episode.sourcePaperId),
    }),
    recommendations: t.field({
      type: [RecommendationRef],
      complexity: { field: 1, multiplier: LIST_BOUNDS.recommendations },
      resolve: readingsField((e) => e.recommendations),
    }),
    mentions: t.field({
      type: [RecommendationRef],
      description: 'Papers the show notes link to, each with the sentence around its link',
      complexity: { field: 1, multiplier: LIST_BOUNDS.recommendations },
      resolve: readingsField((e) => e.mentions ?? []),
    }),
  }),
});

export const NEWEST_FIRST: KeysetOrder<EpisodeShape, { publishedAt: string | null; id: string }> = {
  list: 'episodes',
  keyOf: (episode) => ({ publishedAt: episode.publishedAt, id: episode.id }),
  schema: z.object({ publishedAt: z.string().nullable(), id: z.string() }),
};

/** Where a connection's items are selected. */
const CONNECTION_ITEMS = [['nodes'], ['edges', 'node']] as const;

/**
 * The read of an episode list page: whole records when its selection asks an episode for a field
 * beyond the listing (marked NEEDS_WHOLE_EPISODE), else the listings, so the page stays one statement
 * either way and a page of titles reads no summaries, takeaways or chapters.
 */
export function episodePageRead(
  store: GraphStore,
  info: GraphQLResolveInfo,
): (query: EpisodeListQuery) => Promise<Page<EpisodeShape>> {
  const whole = CONNECTION_ITEMS.some((path) =>
    selectedFieldsAt(info, path).some(needsWholeEpisode),
  );
  return whole ? (query) => store.listEpisodes(query) : (query) => store.listEpisodeListings(query);
}

/**
 * The `first` of the episode's related list when its selection asks for one (a valid `first`) and
 * for no field beyond the summary, so the episode and its related list are one read; else undefined.
 */
function relatedAskedOfSummary(info: GraphQLResolveInfo): number | undefined {
  if (selectedFieldsAt(info, []).some(needsWholeEpisode)) return undefined;
  const [asked] = selectedArguments(info, 'related');
  const first = relatedFirstArg.safeParse(asked?.first);
  return first.success ? first.data : undefined;
}

builder.queryFields((t) => ({
  episode: t.field({
    type: EpisodeRef,
    nullable: true,
    description: 'The episode with this id; null when none has it (or `at` names a paper).',
    args: {
      at: t.arg({ type: 'NodeRef', description: 'The episode id (ep_…)' }),
      id: t.arg.id({ deprecationReason: useInstead('at') }),
    },
    resolve: (_root, args, context, info) => {
      const named = eitherName('episode', ['at', args.at], ['id', args.id]);
      if (named === undefined) throw missingArgument('episode', 'at');
      const relatedFirst = relatedAskedOfSummary(info);
      const id = named.ref.trim();
      return relatedFirst !== undefined && isEpisodeId(id)
        ? context.loaders.findEpisodeWithRelated(id, relatedFirst)
        : findEpisodeByRef(context.loaders, named.ref);
    },
  }),
  episodes: t.connection({
    type: EpisodeRef,
    description:
      'Newest first (undated last, then id); with `search`, most relevant first. With `show`, only that show’s episodes (not with `author` or `topic`). With `author` or `topic`, only episodes whose source paper’s metadata matches (and `search` then looks in its title, authors and abstract). Cursors of the newest-first list are keysets (publication date + id): a page fetched after an import continues right behind the cursor, with no repeat or skip, and `last` alone gives the oldest. Relevance-ranked lists (`search`, `author`, `topic`) page by offset, since their order is a score no stored key reproduces: an import between two pages can shift them.',
    args: {
      ...metadataFilterArgs({
        author: 'Part of an author’s name of the source paper, any case',
        topic: 'A topic of the source paper exactly, any case',
      }),
      ...showFilterArg,
    },
    complexity: (args) => ({ field: 1, multiplier: pageSizeOf(args) }),
    resolve: (_root, args, context, info) => {
      const filter = metadataFilterOf(args);
      const show = showFilterOf('episodes', args.show, { author: args.author, topic: args.topic });
      const read = episodePageRead(context.store, info);
      if (isFiltered(filter))
        return resolvePage(args, (offset, limit) => filteredEpisodes(read, filter, offset, limit));
      if (filter.text !== undefined)
        return resolvePage(args, (offset, limit) =>
          read({ offset, limit, search: filter.text, show }),
        );
      return resolveKeysetPage(args, NEWEST_FIRST, (keyset, limit) =>
        read({ offset: 0, limit, keyset, show }),
      );
    },
  }),
}));
