// The cost model against what clients ask: natural queries at the largest page sizes pass, fan-outs
// that multiply lists by lists are refused with the field that costs most named.
import { afterAll, beforeAll, expect, it } from 'vitest';

import { QUERY_LIMITS } from '../../server/src/graphql/limits.ts';
import { createTestApi, describeForEachStore, type TestApi } from './testApi.ts';

const {
  maxPageSize,
  maxRelated,
  maxCitedBy,
  maxSearchResults,
  maxGraphLimit,
  maxGraphDepth,
  maxLookupIds,
} = QUERY_LIMITS;
/** The largest batch a lookup takes, as an inline list: costs depend on its length only. */
const FULL_BATCH = `[${Array.from({ length: maxLookupIds }, (_, i) => `"doi:10.9999/batch-${i}"`).join(', ')}]`;

const NATURAL: [name: string, query: string][] = [
  [
    'episodes with readings and top related',
    `{ episodes(first: 50) { edges { node { recommendations { note paper { title } } related(first: 3) { sharedPapers { id } } } } } }`,
  ],
  [
    'a page of episodes with readings, chapters and top related',
    `{ episodes(first: 50) { edges { node { id title recommendations { note paper { id title } } chapters { start startSeconds title } related(first: 3) { score episode { id title } sharedPapers { id } } } } } }`,
  ],
  [
    'a page of episodes with every reading, chapter and top related with shared papers',
    `{ episodes(first: 50) { edges { node { recommendations { note paper { id title } } unlinkedReadings { title note } chapters { start startSeconds title summary } related(first: 3) { score episode { id title } sharedPapers { id title } } } } } }`,
  ],
  [
    'a page of episodes through nodes, every chapter field',
    `{ episodes(first: 50) { nodes { id title recommendations { note paper { id label } } chapters { start startSeconds title summary } related(first: 3) { score episode { id title } } } } }`,
  ],
  [
    'a full page of episodes with their readings',
    `{ episodes(first: ${maxPageSize}) { edges { node { id recommendations { paper { id } } } } } }`,
  ],
  [
    'a full page of episodes, every field',
    `{ episodes(first: ${maxPageSize}) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title publishedAt paperPublishedAt durationMinutes summary takeaways source { id label url } } } } }`,
  ],
  [
    'a full page of papers, every field',
    `{ papers(first: ${maxPageSize}, minCitations: 1) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id title label url arxivId doi aliases citationCount } } } }`,
  ],
  [
    'papers with their first citers',
    `{ papers(first: ${maxPageSize}) { edges { node { id citedBy(first: 10) { kind episode { id title } } } } } }`,
  ],
  [
    'the episode page',
    `query ($id: ID!) { episode(id: $id) { id title summary takeaways chapters { start startSeconds title summary } source { id label url } recommendations { note paper { id label url citationCount } } related(first: ${maxRelated}) { score episode { id title } sharedPapers { id label } } } }`,
  ],
  [
    'the paper page, every citer',
    `{ paper(ref: "arXiv:2305.18290") { id title label url aliases citationCount citedBy(first: ${maxCitedBy}) { kind note episode { id title publishedAt } } } }`,
  ],
  [
    'the largest graph the explorer draws',
    `{ graph(limit: ${maxGraphLimit}) { nodes { id kind label weight } edges { source target kind } } }`,
  ],
  [
    'a deep neighbourhood',
    `{ graph(focus: "arXiv:2305.18290", depth: ${maxGraphDepth}, limit: ${maxGraphLimit}) { nodes { id kind label weight } edges { source target kind } } }`,
  ],
  [
    'search, most results',
    `{ search(query: "reward", first: ${maxSearchResults}) { score node { __typename ... on Episode { id title } ... on Paper { id label citationCount } } } }`,
  ],
  [
    'episodes, readings and who else cites them',
    `{ episodes(first: 20) { edges { node { title recommendations { paper { label citedBy(first: 5) { episode { title } } } } } } } }`,
  ],
  [
    'related of related, a few',
    `{ episodes(first: 10) { edges { node { related(first: 5) { episode { title related(first: 5) { score episode { title } } } } } } } }`,
  ],
  [
    'a large view exported in one batch',
    `{ papersByRefs(refs: ${FULL_BATCH}) { id title label url citationCount arxivId doi } }`,
  ],
  [
    'a reading list looked up in one batch',
    `{ papersByRefs(refs: ${FULL_BATCH}) { id label citationCount citedBy(first: 20) { kind episode { id title } } } }`,
  ],
  [
    'a full batch of nodes refetched',
    `{ nodes(ids: ${FULL_BATCH}) { __typename id ... on Episode { title publishedAt source { id label } } ... on Paper { label url citationCount } } }`,
  ],
  [
    'stats and a path',
    `{ stats { episodes papers citations } path(from: "arXiv:2305.18290", to: "arXiv:2305.20050") { nodes { id kind label } edges { source target kind } } }`,
  ],
];

const ABUSIVE: [name: string, query: string, costliest: string][] = [
  [
    'related of related at full size',
    `{ episodes(first: ${maxPageSize}) { edges { node { related(first: ${maxRelated}) { episode { related(first: ${maxRelated}) { episode { title } } } } } } } }`,
    'episodes.edges.node.related.episode.related.episode',
  ],
  [
    'every citer of every reading of a page',
    `{ episodes(first: ${maxPageSize}) { edges { node { recommendations { paper { citedBy(first: 100) { episode { title } } } } } } } }`,
    'episodes.edges.node.recommendations.paper.citedBy.episode',
  ],
  [
    'all citers of a full page of papers',
    `{ papers(first: ${maxPageSize}) { edges { node { citedBy(first: ${maxCitedBy}) { episode { title } } } } } }`,
    'papers.edges.node.citedBy.episode',
  ],
  [
    'every citer of a full batch of papers',
    `{ papersByRefs(refs: ${FULL_BATCH}) { citedBy(first: ${maxCitedBy}) { episode { title } } } }`,
    'papersByRefs.citedBy.episode',
  ],
  [
    'the readings of a full batch of nodes',
    `{ nodes(ids: ${FULL_BATCH}) { ... on Episode { recommendations { paper { citedBy(first: 10) { episode { title } } } } } } }`,
    'nodes.recommendations.paper.citedBy.episode',
  ],
  [
    'citers of the citers of shared papers',
    `{ search(query: "x", first: ${maxSearchResults}) { node { ... on Paper { citedBy(first: ${maxCitedBy}) { episode { related(first: 10) { episode { id } } } } } } } }`,
    'search.node.citedBy.episode.related.episode',
  ],
];

describeForEachStore('query cost catalogue', (storeFactory) => {
  let api: TestApi;
  let episodeId: string;
  beforeAll(async () => {
    api = await createTestApi({ storeFactory });
    episodeId = (await api.query('{ episodes(first: 1) { edges { node { id } } } }')).data!.episodes
      .edges[0].node.id;
  });
  afterAll(() => api.close());

  it.each(NATURAL)('answers a natural query at the largest page size: %s', async (_name, query) => {
    const { errors, data } = await api.query(
      query,
      query.includes('$id') ? { id: episodeId } : undefined,
    );
    expect(errors).toBeUndefined();
    expect(data).toBeDefined();
  });

  it.each(ABUSIVE)(
    'refuses a fan-out and names the field that costs most: %s',
    async (_name, query, costliest) => {
      const { errors, data } = await api.query(query);
      expect(data).toBeUndefined();
      expect(errors).toHaveLength(1);
      const [error] = errors!;
      expect(error?.extensions).toMatchObject({
        code: 'QUERY_TOO_COSTLY',
        max: QUERY_LIMITS.maxComplexity,
        field: costliest,
      });
      expect(error?.extensions?.['complexity']).toBeGreaterThan(QUERY_LIMITS.maxComplexity);
      expect(error?.message).toContain(`${costliest} costs most`);
      expect(error?.message).toMatch(/smaller `first`/);
    },
  );
});
