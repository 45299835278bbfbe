// The documents the episode map sends: the map of every cluster or of one (of every show or one),
// and an episode's local map.
import { graphql } from './graphql.ts';

const MapReasonFragment = graphql(`
  fragment MapReason on RelationReason {
    kind
    label
    weight
  }
`);

/**
 * A map comes in two requests: at the largest maps, episodes and edges together cost more than one
 * request may (server/src/graphql/limits.ts). Both ask for the same map, so they agree.
 */
export const EpisodeMapEpisodesQuery = graphql(`
  query EpisodeMapEpisodes($cluster: ID, $show: ID, $limit: Int!) {
    episodeMap(cluster: $cluster, show: $show, limit: $limit) {
      episodes {
        id
        title
        publishedAt
        cluster {
          id
        }
      }
      clusters {
        id
        label
        size
      }
      isolatedShare
    }
  }
`);

/** The map's edges without their reasons: a drawing needs only how strong and of which kind. */
export const EpisodeMapEdgesQuery = graphql(`
  query EpisodeMapEdges($cluster: ID, $show: ID, $limit: Int!) {
    episodeMap(cluster: $cluster, show: $show, limit: $limit) {
      edges {
        source
        target
        weight
        kind
      }
    }
  }
`);

/**
 * Why two episodes of a map are related, asked for when a reader points at their edge: the relations
 * of both ends (a map edge is among the strongest relations of at least one of them).
 */
export const RelationReasonsQuery = graphql(
  `
    query RelationReasons($a: NodeRef!, $b: NodeRef!, $first: Int!) {
      a: episode(at: $a) {
        related(first: $first) {
          episode {
            id
          }
          reasons {
            ...MapReason
          }
        }
      }
      b: episode(at: $b) {
        related(first: $first) {
          episode {
            id
          }
          reasons {
            ...MapReason
          }
        }
      }
    }
  `,
  [MapReasonFragment],
);

/** An episode of a local map: a node in its cluster's colour, the cluster named beside it. */
const LocalMapEpisodeFragment = graphql(`
  fragment LocalMapEpisode on Episode {
    id
    title
    publishedAt
    cluster {
      id
      label
      size
    }
  }
`);

/** A relation of a local map: how close, and why. */
const LocalMapRelationFragment = graphql(
  `
    fragment LocalMapRelation on RelatedEpisode {
      score
      reasons {
        ...MapReason
      }
    }
  `,
  [MapReasonFragment],
);

export const LocalMapQuery = graphql(
  `
    query LocalMap($id: NodeRef!, $first: Int!) {
      episode(at: $id) {
        ...LocalMapEpisode
        related(first: $first) {
          ...LocalMapRelation
          episode {
            ...LocalMapEpisode
            related(first: $first) {
              ...LocalMapRelation
              episode {
                id
              }
            }
          }
        }
      }
    }
  `,
  [LocalMapEpisodeFragment, LocalMapRelationFragment],
);
