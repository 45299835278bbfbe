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

export const LocalMapQuery = graphql(
  `
    query LocalMap($id: NodeRef!, $first: Int!) {
      episode(at: $id) {
        id
        title
        publishedAt
        cluster {
          id
          label
          size
        }
        related(first: $first) {
          score
          reasons {
            ...MapReason
          }
          episode {
            id
            title
            publishedAt
            cluster {
              id
              label
              size
            }
            related(first: $first) {
              score
              reasons {
                ...MapReason
              }
              episode {
                id
              }
            }
          }
        }
      }
    }
  `,
  [MapReasonFragment],
);
