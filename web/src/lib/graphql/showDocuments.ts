// Shows in the web's lists and filters: the show each listed episode belongs to, and the shows the
// explorer's show filter offers (by title, narrowed by what the visitor types).
import { graphql } from './graphql.ts';

/** What a list names of a show: its title, linked to its page. */
export const ShowLinkFragment = graphql(`
  fragment ShowLink on Show {
    id
    title
  }
`);

// The search page: each episode hit with its show, and how many shows there are (a hit names its
// show only when there is more than one).
export const SearchResultsQuery = graphql(
  `
    query SearchResults($query: String!, $first: Int) {
      search(query: $query, first: $first) {
        score
        node {
          __typename
          ... on Episode {
            id
            title
            publishedAt
            show {
              ...ShowLink
            }
          }
          ... on Paper {
            id
            label
            citationCount
          }
        }
      }
      shows(first: 1) {
        totalCount
      }
    }
  `,
  [ShowLinkFragment],
);

// The show filter's choices: the first shows by title, or those whose title contains `query`.
export const ShowChoicesQuery = graphql(
  `
    query ShowChoices($query: String, $first: Int!) {
      shows(query: $query, first: $first) {
        totalCount
        nodes {
          ...ShowLink
        }
      }
    }
  `,
  [ShowLinkFragment],
);

// The explorer's show filter: how many shows there are, the first choices by title (those whose title
// contains `query`, when the visitor typed one without JavaScript), and the chosen show, which may be
// past the first page (none chosen: an empty id, which the API answers with null without a lookup;
// the answer check knows no @include).
export const ExplorerShowsQuery = graphql(
  `
    query ExplorerShows($first: Int!, $query: String, $chosen: ID!) {
      every: shows(first: 1) {
        totalCount
      }
      shows(query: $query, first: $first) {
        totalCount
        nodes {
          ...ShowLink
        }
      }
      chosen: show(id: $chosen) {
        ...ShowLink
      }
    }
  `,
  [ShowLinkFragment],
);
