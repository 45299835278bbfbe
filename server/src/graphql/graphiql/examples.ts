// papergraph's example queries: GraphiQL opens with one tab each, and docs/api.md shows the same ones
// (tests/api/examples.test.ts checks the guide against this list and runs every example on the seed).
// Identifiers are bare forms, not URLs: the page that embeds them names no other origin.

export interface Example {
  /** The example's title; the operation's name too (GraphiQL titles a tab with it), but for the first. */
  name: string;
  /** One sentence: what the example shows. */
  about: string;
  query: string;
}

export const EXAMPLES: readonly Example[] = [
  {
    // Anonymous: the tab a visitor lands on and types over. GraphiQL keeps a named tab's operation
    // name for a moment after its text is replaced, and would run the old name against the new text.
    name: 'Stats',
    about: 'What the graph holds, and when it last changed: run it with ▶ or Ctrl/⌘+Enter.',
    query: `{
  stats {
    episodes
    papers
    citations
    lastChangedAt
  }
}`,
  },
  {
    name: 'PaperByAnyIdentifier',
    about:
      'A paper by any identifier form (arXiv id, DOI, URL, papergraph id) and the episodes citing it.',
    query: `query PaperByAnyIdentifier {
  paper(at: "10.48550/arXiv.2305.18290") {
    id
    label
    citationCount
    aliases
    citedBy(first: 5) {
      kind
      note
      episode {
        id
        title
      }
    }
  }
}`,
  },
  {
    name: 'NewestEpisodes',
    about:
      'A page of episodes, newest first, with their readings and most related episodes; `nodes` is the page without cursors.',
    query: `query NewestEpisodes {
  episodes(first: 5) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    nodes {
      id
      title
      publishedAt
      recommendations {
        note
        paper {
          label
        }
      }
      related(first: 3) {
        score
        episode {
          title
        }
        sharedPapers {
          label
        }
      }
    }
  }
}`,
  },
  {
    name: 'RelatedWithReasons',
    about:
      'Why two episodes are related: every reason, strongest first, with the papers or terms behind it, and the episode’s cluster.',
    query: `query RelatedWithReasons {
  episode(at: "ep_331d3a977067") {
    title
    cluster {
      label
      size
    }
    related(first: 3) {
      score
      episode {
        title
      }
      reasons {
        kind
        label
        weight
        papers {
          label
        }
        terms
      }
    }
  }
}`,
  },
  {
    name: 'EpisodeMap',
    about:
      'What a map of episodes draws: the clusters, their episodes and the strongest relations between them, each edge with its reasons.',
    query: `query EpisodeMap {
  episodeMap(limit: 50) {
    clusters {
      id
      label
      size
    }
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
        label
      }
    }
    isolatedShare
  }
}`,
  },
  {
    name: 'MostCitedPapers',
    about: 'Papers cited by at least two episodes, most cited first.',
    query: `query MostCitedPapers {
  papers(first: 10, minCitations: 2) {
    edges {
      cursor
      node {
        id
        label
        citationCount
      }
    }
  }
}`,
  },
  {
    name: 'Search',
    about: 'Episodes and papers ranked by how well they match, in one list.',
    query: `query Search {
  search(query: "reward model", first: 5) {
    score
    node {
      __typename
      ... on Episode {
        id
        title
      }
      ... on Paper {
        id
        label
      }
    }
  }
}`,
  },
  {
    name: 'Neighbourhood',
    about: 'The nodes and edges around a paper, two hops out, as the explorer draws them.',
    query: `query Neighbourhood {
  graph(around: "arXiv:2305.18290", depth: 2, limit: 200) {
    truncated
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
}`,
  },
  {
    name: 'HowTwoPapersConnect',
    about: 'The shortest chains of episodes and papers between two papers.',
    query: `query HowTwoPapersConnect {
  paths(start: "arXiv:2305.18290", end: "2305.20050", limit: 5) {
    length
    truncated
    paths {
      nodes {
        id
        kind
        label
      }
    }
  }
}`,
  },
];
