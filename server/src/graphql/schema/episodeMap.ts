// What a map of episodes draws in one request: the episodes in view with their clusters, the
// strongest relations between them with their reasons, and the clusters in view (the selection is
// relations/episodeMap.ts, run by the store over what it persisted).
import { MAX_REF_LENGTH } from '../../ids/paperId.ts';
import type { EpisodeMap, MapEdge, MapEpisode } from '../../relations/episodeMap.ts';
import type { ClusterSummary } from '../../store/store.ts';
import { builder } from '../builder.ts';
import { LIST_BOUNDS, QUERY_LIMITS } from '../limits.ts';
import { countArg, textArg } from './args.ts';
import { EpisodeRef } from './refs.ts';
import { ClusterRef, RelationKindEnum, RelationReasonRef } from './relations.ts';
import { showFilterArg } from './showFilter.ts';

/** An episode in view with its cluster, which the map itself describes. */
type MapEpisodeView = MapEpisode & { cluster: ClusterSummary | null };

type EpisodeMapView = Omit<EpisodeMap, 'episodes'> & { episodes: MapEpisodeView[] };

const MapEpisodeRef = builder.objectRef<MapEpisodeView>('MapEpisode').implement({
  description: 'An episode in an episode map, with what a map labels it by.',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    publishedAt: t.exposeString('publishedAt', { nullable: true, description: 'YYYY-MM-DD' }),
    cluster: t.field({
      type: ClusterRef,
      nullable: true,
      description: 'Its cluster (every episode a map draws has one; kept nullable for clients)',
      resolve: (episode) => episode.cluster,
    }),
    episode: t.field({
      type: EpisodeRef,
      description: 'The whole episode, for anything else a map shows of it',
      resolve: (episode, _args, { loaders }) => loaders.episode(episode.id),
    }),
  }),
});

const MapEdgeRef = builder.objectRef<MapEdge>('MapEdge').implement({
  description:
    'A relation between two episodes in view; undirected, `source` is the smaller id. Each episode draws its strongest relations in view, and a cluster the ones that connect it.',
  fields: (t) => ({
    source: t.exposeID('a'),
    target: t.exposeID('b'),
    weight: t.exposeFloat('weight', {
      description: 'The relation’s score (RelatedEpisode.score)',
    }),
    kind: t.expose('kind', { type: RelationKindEnum, description: 'Its strongest reason’s kind' }),
    reasons: t.expose('reasons', {
      type: [RelationReasonRef],
      description:
        'Why the two are related, strongest first; never empty. Costed per edge: past about 1,080 episodes a map with its reasons exceeds a request’s budget; ask for one edge’s reasons with `episode(at:) { related(first: 10) { episode { id } reasons } }` on either end',
      complexity: { field: 1, multiplier: LIST_BOUNDS.relationReasons },
    }),
  }),
});

const EpisodeMapRef = builder.objectRef<EpisodeMapView>('EpisodeMap').implement({
  description:
    'Episodes picked cluster by cluster, largest first, each cluster its share of the limit grown along its strongest relations (so what it shows is connected). An episode related to no other is in no cluster and not drawn: a limit above the clustered episodes draws them all, and no more.',
  fields: (t) => ({
    // The multiplier sits on `episodeMap` (its limit bounds the episodes in view).
    episodes: t.expose('episodes', {
      type: [MapEpisodeRef],
      complexity: { field: 1, multiplier: 1 },
    }),
    edges: t.expose('edges', {
      type: [MapEdgeRef],
      description: 'Strongest first',
      complexity: { field: 1, multiplier: LIST_BOUNDS.mapEdgesPerEpisode },
    }),
    clusters: t.expose('clusters', {
      type: [ClusterRef],
      description: 'The clusters in view, largest first; `size` counts the whole cluster',
      complexity: { field: 1, multiplier: 1 },
    }),
    isolatedShare: t.exposeFloat('isolatedShare', {
      description: 'Share of the episodes in view with no edge in view, from 0 to 1',
    }),
  }),
});

builder.queryField('episodeMap', (t) =>
  t.field({
    type: EpisodeMapRef,
    description:
      'What a map of episodes draws, for the whole graph or one `cluster`, at most `limit` episodes; with `show`, only that show’s episodes and the relations between them. An unknown cluster or show gives an empty map.',
    args: {
      ...showFilterArg,
      cluster: t.arg.id({
        description: 'Only this cluster’s episodes',
        validate: textArg(MAX_REF_LENGTH),
      }),
      limit: t.arg.int({
        required: true,
        description: 'Most episodes in view',
        defaultValue: QUERY_LIMITS.defaultMapLimit,
        validate: countArg(QUERY_LIMITS.maxMapLimit),
      }),
    },
    complexity: (args) => ({ field: 1, multiplier: args.limit }),
    resolve: async (_root, args, context) => {
      const map = await context.store.episodeMap({
        limit: args.limit,
        ...(args.cluster == null ? {} : { clusterId: String(args.cluster) }),
        ...(args.show == null ? {} : { showId: String(args.show) }),
      });
      const clusters = new Map(map.clusters.map((cluster) => [cluster.id, cluster]));
      return {
        ...map,
        episodes: map.episodes.map((episode) => ({
          ...episode,
          cluster: clusters.get(episode.clusterId) ?? null,
        })),
      };
    },
  }),
);
