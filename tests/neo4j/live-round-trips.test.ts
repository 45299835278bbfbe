// Round trips per request on a live Neo4j, counted by the wrapper the bench uses: every field of one
// request round is one statement whatever the number of parents, and `citedBy(first:)` is cut inside
// Cypher, so a paper with many citers ships only the rows asked for.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  type CountingDriver,
  countingDriver,
  createNeo4jStoreWithDriver,
  openNeo4jDriver,
} from '../../server/src/store/neo4j/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { createTestApi, type TestApi } from '../api/testApi.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { neo4jTestSettings, wipeNeo4j } from '../helpers/neo4j.ts';

const settings = neo4jTestSettings();
const title =
  settings.skipReason === undefined
    ? 'round trips per request on live Neo4j'
    : `round trips per request on live Neo4j (skipped: ${settings.skipReason})`;

describe.skipIf(settings.skipReason !== undefined)(title, () => {
  let counting: CountingDriver;
  let store: GraphStore;
  let api: TestApi;

  beforeAll(async () => {
    await wipeNeo4j(settings.connection!);
    counting = countingDriver(openNeo4jDriver(settings.connection!));
    store = await createNeo4jStoreWithDriver(counting, { indexWaitSeconds: 120 });
    api = await createTestApi({ store, seed: true });
  });
  afterAll(async () => {
    await api?.close();
    await wipeNeo4j(settings.connection!);
  });

  async function statementsOf(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<string[]> {
    const { result, calls } = await counting.measure(() => api.query(query, variables));
    expect(result.errors).toBeUndefined();
    return calls.map((call) => call.statement);
  }

  it("every episode's related list, shared papers and readings: one statement per field round", async () => {
    const statements = await statementsOf(`{ episodes(first: 8) { edges { node { id
      related(first: 3) { score episode { title } sharedPapers { id } }
      recommendations { note paper { id citedBy(first: 5) { kind episode { id } } } } } } } }`);
    // The related episodes' titles come with the relations.
    expect(statements.filter((name) => name === 'relationsWithSummaries')).toHaveLength(1);
    expect(statements.filter((name) => name === 'citationsByPaperIds')).toHaveLength(1);
    expect(statements.length).toBeLessThanOrEqual(6);
  });

  it('several paper(ref:) look-ups in one request resolve their identifiers with one statement', async () => {
    const statements = await statementsOf(`{
      a: paper(ref: "arXiv:2305.18290") { id }
      b: paper(ref: "https://doi.org/10.48550/arXiv.2305.18290") { id }
      c: paper(ref: "https://arxiv.org/pdf/2305.18290v3") { id }
      d: paper(ref: "10.1038/nature16961") { id } }`);
    expect(statements.filter((name) => name === 'resolvePaperKeys')).toEqual(['resolvePaperKeys']);
    expect(statements.filter((name) => name === 'papersByIds')).toEqual(['papersByIds']);
  });

  it('a paper by any identifier with its citers and their titles is one statement', async () => {
    const citedBy = `query CitedBy($ref: String!, $first: Int!) {
      paper(ref: $ref) { id title citedBy(first: $first) { kind episode { id title publishedAt } } } }`;
    for (const ref of ['arXiv:2305.18290', 'https://arxiv.org/pdf/2305.18290v3']) {
      expect(await statementsOf(citedBy, { ref, first: 50 })).toEqual(['paperCitedBy']);
    }
    expect(
      await statementsOf(`{ paper(ref: "2305.18290") { ...citers } }
        fragment citers on Paper { citedBy(first: 2) { episode { title } } }`),
    ).toEqual(['paperCitedBy']);
    // A field beyond the summary reads the whole records, in one more statement.
    expect(
      await statementsOf(
        `{ paper(ref: "2305.18290") { citedBy(first: 2) { episode { summary } } } }`,
      ),
    ).toEqual(['paperCitedBy', 'episodesByIds']);
  });

  it('related episodes and cluster members show their titles from the light read', async () => {
    const statements = await statementsOf(`{ episodes(first: 3) { nodes {
      related(first: 3) { episode { id title } } cluster { episodes(first: 2) { title } } } } }`);
    // Members the related lists did not already bring come from episodeSummariesByIds.
    expect(statements).toContain('relationsWithSummaries');
    expect(statements).not.toContain('episodesByIds');
  });

  it('an episode’s related list with their titles is one statement with the episode', async () => {
    const [first] = (await store.listEpisodes({ offset: 0, limit: 1 })).items;
    const related = `query Related($id: ID!) { episode(id: $id) {
      related(first: 10) { score reasons { kind label } episode { id title } } } }`;
    expect(await statementsOf(related, { id: first!.id })).toEqual(['episodeWithRelated']);
    const { result, calls } = await counting.measure(() =>
      api.query(related, { id: 'ep_000000000000' }),
    );
    expect(result).toEqual({ data: { episode: null } });
    expect(calls.map((call) => call.statement)).toEqual(['episodeWithRelated']);
    // Asked for a field beyond the summary, the episode's whole record is read first.
    expect(
      await statementsOf(related.replace('episode(id: $id) {', 'episode(id: $id) { summary'), {
        id: first!.id,
      }),
    ).toEqual(['episodesByIds', 'relationsWithSummaries']);
  });

  it('the shared papers’ ids come with the relations: no paper is read for them', async () => {
    const ids = (await store.listEpisodes({ offset: 0, limit: 100 })).items.map((item) => item.id);
    const lists = await store.relatedByEpisodeIds(ids, 10);
    const sharing = ids[lists.findIndex((list) => list.some((r) => r.sharedPaperIds.length > 0))]!;
    const related = (papers: string) => `query Related($id: ID!) { episode(id: $id) {
      related(first: 10) { score reasons { kind label } sharedPapers ${papers} episode { title } } } }`;
    expect(await statementsOf(related('{ id }'), { id: sharing })).toEqual(['episodeWithRelated']);
    expect(await statementsOf(related('{ id title }'), { id: sharing })).toEqual([
      'episodeWithRelated',
      'papersByIds',
    ]);
  });

  it('a search, by words or by a paper identifier, is one statement with its hits', async () => {
    const search = `query Search($query: String!) { search(query: $query, first: 10) {
      score transcriptMatch { excerpt } node { ... on Episode { id title } ... on Paper { id } } } }`;
    for (const query of ['preference optimization', 'arXiv:2305.18290']) {
      expect(await statementsOf(search, { query })).toEqual(['searchSources']);
    }
  });

  it('citedBy(first: 5) of a paper cited by 60 episodes ships 5 rows, in the order of the full list', async () => {
    const classic = arxivPaper('1706.03762', 'Attention Is All You Need');
    const citers = Array.from({ length: 60 }, (_, i) =>
      episode({
        title: `Citer ${i}`,
        source: arxivPaper(`2403.${10_000 + i}`, null),
        recommends: [classic],
      }),
    );
    await store.importBatch(
      batchOf(citers, [classic, ...citers.map((_, i) => arxivPaper(`2403.${10_000 + i}`, null))]),
    );
    const [five] = await store.citationsByPaperIds([classic.id], 5);
    const [all] = await store.citationsByPaperIds([classic.id], 1_000);
    expect(all).toHaveLength(60);
    expect(five).toEqual(all!.slice(0, 5));
  });

  it('the newest page is two statements, before and after a paper of it has metadata', async () => {
    const newest = `{ episodes(first: 20) { nodes { id title publishedAt
      source { id title } recommendations { paper { id title } } } } }`;
    const before = await counting.measure(() => api.query(newest));
    // Its untitled papers' titles come from metadata with papersByIds.
    expect(before.calls.map((call) => call.statement)).toEqual([
      'listEpisodesWindow',
      'papersByIds',
    ]);
    const data = before.result.data as {
      episodes: { nodes: { source: { id: string; title: string | null } | null }[] };
    };
    const untitled = data.episodes.nodes.find((node) => node.source?.title === null)!.source!;
    await store.saveMetadata([
      {
        paperId: untitled.id,
        fetchedAt: '2026-07-01T00:00:00.000Z',
        metadata: {
          title: 'A Title Only Metadata Knows',
          authors: [],
          year: null,
          venue: null,
          abstract: null,
          topics: [],
          arxivId: null,
          doi: null,
          publishedAt: null,
        },
        references: [],
      },
    ]);
    const after = await counting.measure(() => api.query(newest));
    expect(after.calls.map((call) => call.statement)).toEqual([
      'listEpisodesWindow',
      'papersByIds',
    ]);
    expect(JSON.stringify(after.result.data)).toContain('A Title Only Metadata Knows');
  });
});
