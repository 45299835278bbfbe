// Every document the web app sends, each written once; their answers' types derive from them.
import { graphql } from './graphql.ts';
import { ShowLinkFragment } from './showDocuments.ts';

export const PaperLinkFragment = graphql(`
  fragment PaperLink on Paper {
    id
    title
    label
    url
    citationCount
  }
`);

export const EpisodeLinkFragment = graphql(`
  fragment EpisodeLink on Episode {
    id
    title
    publishedAt
    durationMinutes
  }
`);

export const GraphFragment = graphql(`
  fragment GraphFields on Graph {
    nodes {
      id
      kind
      label
      weight
    }
    edges {
      source
      target
      kind
    }
  }
`);

export const GraphQuery = graphql(
  `
    query Graph(
      $focus: NodeRef
      $depth: Int
      $limit: Int
      $minCitations: Int
      $references: Boolean!
      $show: ID
    ) {
      graph(
        around: $focus
        depth: $depth
        limit: $limit
        minCitations: $minCitations
        references: $references
        show: $show
      ) {
        ...GraphFields
        referenceEdges {
          source
          target
        }
      }
    }
  `,
  [GraphFragment],
);

export const PathsQuery = graphql(
  `
    query Paths($from: NodeRef!, $to: NodeRef!, $limit: Int!) {
      paths(start: $from, end: $to, limit: $limit) {
        truncated
        paths {
          ...GraphFields
        }
      }
    }
  `,
  [GraphFragment],
);

export const EpisodeQuery = graphql(
  `
    query Episode($id: NodeRef!, $related: Int) {
      episode(at: $id) {
        ...EpisodeLink
        show {
          id
          title
          link
        }
        people {
          personId
          name
          role
          href
        }
        paperPublishedAt
        summary
        takeaways
        chapters {
          start
          startSeconds
          title
          summary
        }
        source {
          ...PaperLink
        }
        recommendations {
          note
          discussedAt
          paper {
            ...PaperLink
          }
        }
        mentions {
          note
          discussedAt
          paper {
            ...PaperLink
          }
        }
        unlinkedReadings {
          title
          note
        }
        url
        audio {
          url
          type
          bytes
        }
        related(first: $related) {
          episode {
            ...EpisodeLink
          }
          reasons {
            kind
            label
            papers {
              ...PaperLink
            }
          }
        }
      }
    }
  `,
  [EpisodeLinkFragment, PaperLinkFragment],
);

// A paper and the episodes citing it: the paper panel, and the top of the paper's own page.
const PaperDetailFragment = graphql(
  `
    fragment PaperDetail on Paper {
      ...PaperLink
      arxivId
      doi
      aliases
      citedBy(first: $citedBy) {
        kind
        note
        discussedAt
        episode {
          ...EpisodeLink
          show {
            id
            title
          }
          audio {
            url
          }
        }
      }
    }
  `,
  [PaperLinkFragment, EpisodeLinkFragment],
);

export const PaperQuery = graphql(
  `
    query Paper($ref: NodeRef!, $citedBy: Int) {
      paper(at: $ref) {
        ...PaperDetail
      }
    }
  `,
  [PaperDetailFragment],
);

// The paper's own page: what the metadata providers said, why they said nothing, and the papers it
// cites and is cited by.
export const PaperPageQuery = graphql(
  `
    query PaperPage($ref: NodeRef!, $citedBy: Int, $references: Int!) {
      paper(at: $ref) {
        ...PaperDetail
        authors {
          name
        }
        year
        venue
        abstract
        topics
        metadataStatus
        metadataFetchedAt
        references(first: $references) {
          ...PaperLink
          referenceOnly
        }
        referencedBy(first: $references) {
          ...PaperLink
          referenceOnly
        }
      }
    }
  `,
  [PaperDetailFragment, PaperLinkFragment],
);

/**
 * The papers each of many papers cites and is cited by, as ids: the reference edges between papers
 * that no single `graph` answer held together (an expansion's papers and the rest of the view).
 */
export const PaperReferenceIdsQuery = graphql(`
  query PaperReferenceIds($refs: [String!]!, $first: Int!) {
    papersByRefs(refs: $refs) {
      id
      references(first: $first) {
        id
      }
      referencedBy(first: $first) {
        id
      }
    }
  }
`);

export const EnrichmentQuery = graphql(`
  query Enrichment {
    enrichment {
      failed
      lastError
    }
  }
`);

export const SearchQuery = graphql(`
  query Search($query: String!, $first: Int) {
    search(query: $query, first: $first) {
      score
      node {
        __typename
        ... on Episode {
          id
          title
          publishedAt
        }
        ... on Paper {
          id
          label
          citationCount
        }
      }
    }
  }
`);

/** What paging through any connection reads. */
export const PageInfoFragment = graphql(`
  fragment PageFields on PageInfo {
    hasNextPage
    endCursor
  }
`);

export const EpisodesQuery = graphql(
  `
    query Episodes($first: Int, $after: String, $search: String) {
      episodes(first: $first, after: $after, search: $search) {
        totalCount
        pageInfo {
          ...PageFields
        }
        edges {
          node {
            ...EpisodeLink
            show {
              ...ShowLink
            }
          }
        }
      }
      shows(first: 1) {
        totalCount
      }
    }
  `,
  [PageInfoFragment, EpisodeLinkFragment, ShowLinkFragment],
);

export const PapersQuery = graphql(
  `
    query Papers($first: Int, $after: String, $search: String, $minCitations: Int) {
      papers(first: $first, after: $after, search: $search, minCitations: $minCitations) {
        totalCount
        pageInfo {
          ...PageFields
        }
        edges {
          node {
            ...PaperLink
          }
        }
      }
    }
  `,
  [PageInfoFragment, PaperLinkFragment],
);

export const StatsQuery = graphql(`
  query Stats {
    stats {
      episodes
      papers
      citations
    }
  }
`);

export const GraphChangedQuery = graphql(`
  query GraphChanged {
    stats {
      lastChangedAt
    }
  }
`);

// Batch lookups: the ids travel as one list variable, never spliced into the document.

export const PaperExportsQuery = graphql(
  `
    query PapersByRefs($refs: [String!]!, $citedBy: Int!) {
      papersByRefs(refs: $refs) {
        ...PaperLink
        arxivId
        doi
        authors {
          name
        }
        year
        venue
        citedBy(first: $citedBy) {
          episode {
            title
          }
        }
      }
    }
  `,
  [PaperLinkFragment],
);

export const PaperCoverageQuery = graphql(`
  query PapersByRefs($refs: [String!]!, $citedBy: Int!) {
    papersByRefs(refs: $refs) {
      id
      label
      citationCount
      citedBy(first: $citedBy) {
        kind
        episode {
          id
          title
        }
      }
    }
  }
`);

// What the explorer dates, colours and filters nodes by: an episode's date, a paper's topics.
export const NodeFactsQuery = graphql(`
  query Nodes($ids: [ID!]!) {
    nodes(ids: $ids) {
      __typename
      id
      ... on Episode {
        publishedAt
      }
      ... on Paper {
        topics
      }
    }
  }
`);

// A show's page: what the feed says of it and its episodes, newest first, a page at a time.
export const ShowQuery = graphql(
  `
    query Show($id: ID!, $first: Int, $after: String) {
      show(id: $id) {
        id
        title
        link
        imageUrl
        author
        feedUrl
        episodes(first: $first, after: $after) {
          totalCount
          pageInfo {
            ...PageFields
          }
          edges {
            node {
              ...EpisodeLink
            }
          }
        }
      }
    }
  `,
  [PageInfoFragment, EpisodeLinkFragment],
);
