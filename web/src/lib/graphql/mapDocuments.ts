// The documents the episode map sends: the map of every cluster or of one, and an episode's local map.
import { graphql } from './graphql.ts';

const MapReasonFragment = graphql(`
  fragment MapReason on RelationReason {
    kind
    label
    weight
  }
`);

export const EpisodeMapQuery = graphql(
  `
    query EpisodeMap($cluster: ID, $limit: Int!) {
      episodeMap(cluster: $cluster, limit: $limit) {
        episodes {
          id
          title
          publishedAt
          cluster {
            id
          }
        }
        edges {
          source
          target
          weight
          kind
          reasons {
            ...MapReason
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
