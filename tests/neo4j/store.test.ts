// The Neo4j store's own logic, over a fake driver: what it sends (parameters), how it maps rows back,
// how an import decides added/updated/unchanged, and how Neo4j failures surface.
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';

import { episodeIdFor } from '../../server/src/domain/episodeId.ts';
import type { ImportBatch } from '../../server/src/domain/model.ts';
import { QUERY_LIMITS } from '../../server/src/graphql/limits.ts';
import {
  StoreAuthError,
  StoreConflictError,
  StoreUnavailableError,
} from '../../server/src/store/errors.ts';
import type { CypherParams } from '../../server/src/store/neo4j/cypher.ts';
import { assertStatementParams, toCypherValue } from '../../server/src/store/neo4j/driver.ts';
import { createNeo4jStoreWithDriver } from '../../server/src/store/neo4j/index.ts';
import { Neo4jStore } from '../../server/src/store/neo4j/neo4jStore.ts';
import { NEO4J_MAX_GRAPH_DEPTH } from '../../server/src/store/neo4j/statements/graph.ts';
import { episodeContentHash } from '../../server/src/store/shared/contentHash.ts';
import { InvalidImportBatchError } from '../../server/src/store/shared/validateBatch.ts';
import { EVERY_CITATION, relatedOf } from '../helpers/storeCalls.ts';
import { type CannedAnswers, type FakeDriver, fakeDriver, neo4jError } from './fakeDriver.ts';
import { episodeOne, episodeTwo, paperA, paperB, paperC, sampleAnswers } from './sampleRows.ts';

function setup(answers: CannedAnswers = sampleAnswers()): {
  driver: FakeDriver;
  store: Neo4jStore;
} {
  const driver = fakeDriver(answers);
  return { driver, store: new Neo4jStore(driver, { healthTimeoutMs: 50 }) };
}

function paramsOf<K extends keyof CypherParams>(driver: FakeDriver, statement: K): CypherParams[K] {
  const call = driver.calls.find((c) => c.statement === statement);
  if (!call) throw new Error(`${statement} was not sent`);
  return call.params as CypherParams[K];
}

const sampleBatch: ImportBatch = {
  episodes: [episodeOne, episodeTwo],
  papers: [paperA, paperB, paperC],
};

describe('reads map rows back to domain records', () => {
  it('episodesByIds: request order, null for unknown, repeats answered, citations by position', async () => {
    const { driver, store } = setup();
    const found = await store.episodesByIds([
      episodeTwo.id,
      'ep_000000000000',
      episodeOne.id,
      episodeTwo.id,
    ]);
    expect(found).toEqual([episodeTwo, null, episodeOne, episodeTwo]);
    expect(paramsOf(driver, 'episodesByIds').ids).toEqual([
      episodeTwo.id,
      'ep_000000000000',
      episodeOne.id,
    ]);
  });

  it('papersByIds and resolvePaperKeys answer per key in order', async () => {
    const { store } = setup();
    expect(await store.papersByIds(['arxiv:0000.00000', paperC.id])).toEqual([
      null,
      { ...paperC, citationCount: 2, metadataTitle: null },
    ]);
    expect(await store.resolvePaperKeys([paperA.aliases[1]!, 'nope', paperC.id])).toEqual([
      paperA.id,
      null,
      paperC.id,
    ]);
  });

  it('citationsByPaperIds groups rows per requested paper, keeping the database order', async () => {
    const { store } = setup();
    const [a, c, again] = await store.citationsByPaperIds(
      [paperA.id, paperC.id, paperC.id],
      EVERY_CITATION,
    );
    expect(a).toEqual([]);
    expect(c?.map((x) => [x.episodeId, x.position])).toEqual([
      [episodeOne.id, 2],
      [episodeTwo.id, 1],
    ]);
    expect(again).toEqual(c);
  });

  it('lists pass a clean window and map items and totals', async () => {
    const { driver, store } = setup();
    expect(await store.listEpisodes({ offset: -3, limit: 2.7 })).toEqual({
      items: [episodeOne, episodeTwo],
      totalCount: 2,
    });
    expect(paramsOf(driver, 'listEpisodes')).toEqual({ offset: 0, limit: 2, whole: true });
    expect(await store.listPapers({ offset: 0, limit: 5 })).toMatchObject({ totalCount: 3 });
    expect(paramsOf(driver, 'listPapers')).toEqual({ minCitations: 0, offset: 0, limit: 5 });
  });

  it('a search with nothing searchable lists unfiltered, as the embedded store does', async () => {
    const { driver, store } = setup();
    await store.listEpisodes({ offset: 0, limit: 5, search: ' -- ' });
    await store.listPapers({ offset: 0, limit: 5, search: 'the' });
    expect(driver.calls.map((c) => c.statement)).toEqual(['listEpisodes', 'listPapers']);
    await store.listEpisodes({ offset: 0, limit: 5, search: 'preference' });
    expect(paramsOf(driver, 'listEpisodesSearch').query).toContain('"preference"');
  });

  it('related: the stored relations in rank order, shared papers and references from their reasons', async () => {
    const reasons = [
      {
        kind: 'SHARED_PAPER',
        weight: 1.2,
        label: 'both recommend C and A',
        paperIds: ['arxiv:c', 'arxiv:a'],
        terms: [],
      },
      {
        kind: 'CO_CITED',
        weight: 0.3,
        label: 'both source papers are cited by R',
        paperIds: ['arxiv:r'],
        terms: [],
      },
    ];
    const { driver, store } = setup({
      relationsOfEpisodes: [
        {
          episodeId: episodeOne.id,
          relatedId: episodeTwo.id,
          score: 1.5,
          reasons: JSON.stringify(reasons),
        },
      ],
    });
    expect(await relatedOf(store, episodeOne.id, 5)).toEqual([
      {
        episodeId: episodeTwo.id,
        score: 1.5,
        reasons,
        sharedPaperIds: ['arxiv:c', 'arxiv:a'],
        sharedReferenceIds: ['arxiv:r'],
      },
    ]);
    expect(paramsOf(driver, 'relationsOfEpisodes')).toEqual({
      episodeIds: [episodeOne.id],
      limit: 5,
    });
  });

  it('graph: labels from titles or paper ids, one edge per pair with the source winning, in selection order', async () => {
    const duplicate = [
      { paperId: paperB.id, kind: 'RECOMMENDED', position: 3 },
      { paperId: paperA.id, kind: 'RECOMMENDED', position: 2 },
      { paperId: 'arxiv:not.selected', kind: 'RECOMMENDED', position: 1 },
      { paperId: paperA.id, kind: 'SOURCE', position: 0 },
    ];
    const { driver, store } = setup({
      graphNeighbourhood: [
        {
          id: episodeOne.id,
          kind: 'EPISODE',
          title: episodeOne.title,
          weight: 3,
          citations: duplicate,
        },
        { id: paperB.id, kind: 'PAPER', title: null, weight: 2, citations: [] },
        { id: paperA.id, kind: 'PAPER', title: paperA.title, weight: 1, citations: [] },
      ],
    });
    const view = await store.graph({ focus: episodeOne.id, depth: 2, limit: 10, minCitations: 1 });
    expect(view.nodes).toEqual([
      { id: episodeOne.id, kind: 'EPISODE', label: episodeOne.title, weight: 3 },
      { id: paperB.id, kind: 'PAPER', label: 'arXiv:2203.02155', weight: 2 },
      { id: paperA.id, kind: 'PAPER', label: paperA.title, weight: 1 },
    ]);
    expect(view.edges).toEqual([
      { source: episodeOne.id, target: paperB.id, kind: 'RECOMMENDED' },
      { source: episodeOne.id, target: paperA.id, kind: 'SOURCE' },
    ]);
    expect(paramsOf(driver, 'graphNeighbourhood')).toEqual({
      focus: episodeOne.id,
      depth: 2,
      limit: 10,
      minCitations: 1,
    });
  });

  it('graph: the neighbourhood statement covers the deepest depth the API allows, and refuses deeper', async () => {
    expect(QUERY_LIMITS.maxGraphDepth).toBeLessThanOrEqual(NEO4J_MAX_GRAPH_DEPTH);
    const { store } = setup();
    await expect(
      store.graph({
        focus: episodeOne.id,
        depth: NEO4J_MAX_GRAPH_DEPTH + 1,
        limit: 10,
        minCitations: 1,
      }),
    ).rejects.toThrow(RangeError);
  });

  it('graph without focus uses the overview statement; unknown focus or no route is empty / null', async () => {
    const { driver, store } = setup({ graphOverview: [], path: [] });
    expect(await store.graph({ depth: 1, limit: 10, minCitations: 2 })).toEqual({
      nodes: [],
      edges: [],
      truncated: false,
    });
    expect(paramsOf(driver, 'graphOverview')).toEqual({ limit: 10, minCitations: 2 });
    expect(await store.path(episodeOne.id, 'ep_000000000000')).toBeNull();
  });

  it('path keeps node order and edge direction episode → paper', async () => {
    const { store } = setup();
    const view = await store.path(episodeOne.id, episodeTwo.id);
    expect(view?.nodes.map((n) => n.id)).toEqual([episodeOne.id, paperC.id, episodeTwo.id]);
    expect(view?.edges[1]).toEqual({
      source: episodeTwo.id,
      target: paperC.id,
      kind: 'RECOMMENDED',
    });
  });

  it('search sends one Lucene query per index, never Cypher text', async () => {
    const { driver, store } = setup();
    const hits = await store.search('Verify" OR title:*', 3);
    expect(hits).toEqual([
      { kind: 'EPISODE', id: episodeOne.id, score: 2.5 },
      { kind: 'PAPER', id: paperC.id, score: 1.25 },
    ]);
    const params = paramsOf(driver, 'search');
    expect(params.limit).toBe(3);
    expect(params.episodeQuery).toContain('searchNotes:');
    expect(params.paperQuery).toContain('searchIdentifiers:');
    expect(await store.search('', 3)).toEqual([]);
  });

  it('export re-validates what it read', async () => {
    const { store } = setup();
    expect(await store.exportBatch()).toEqual({
      episodes: [episodeOne, episodeTwo],
      papers: [paperA, paperB, paperC],
    });
    const broken = setup({ ...sampleAnswers(), exportPapers: [] });
    await expect(broken.store.exportBatch()).rejects.toThrow(InvalidImportBatchError);
  });

  it('rejects rows that do not have the stored shape', async () => {
    const { store } = setup({ papersByIds: [{ paper: { id: paperA.id, title: 3 } }] });
    await expect(store.papersByIds([paperA.id])).rejects.toThrow();
  });
});

describe('importBatch', () => {
  it('classifies by content hash and writes only changed episodes, in one transaction', async () => {
    const changedTwo = { ...episodeTwo, summary: 'Now with a summary.' };
    const { driver, store } = setup({
      ...sampleAnswers(),
      importStoredHashes: [
        { id: episodeOne.id, contentHash: episodeContentHash(episodeOne) },
        { id: episodeTwo.id, contentHash: episodeContentHash(episodeTwo) },
      ],
      importDetachCitations: [{ paperIds: [paperB.id, paperC.id] }],
    });
    const result = await store.importBatch({
      episodes: [episodeOne, changedTwo],
      papers: [paperA, paperB, paperC],
    });
    expect(result).toEqual({ added: [], updated: [episodeTwo.id], unchanged: [episodeOne.id] });
    expect(driver.committed).toBe(1);
    // Every write in the one transaction; the relation keeper's first build reads what is committed,
    // and the full-text indexes take the commit before the import returns.
    expect(driver.calls.filter((c) => !c.inTransaction).map((c) => c.statement)).toEqual([
      'importRunsAbandoned',
      'relationsCorpusEpisodes',
      'relationsCorpusPapers',
      'relationsCorpusClusters',
      'awaitFullTextRefresh',
    ]);
    expect(paramsOf(driver, 'importDetachCitations').episodeIds).toEqual([episodeTwo.id]);
    expect(
      paramsOf(driver, 'importWriteEpisodes').episodes.map((e) => [e.id, e.contentHash]),
    ).toEqual([[episodeTwo.id, episodeContentHash(changedTwo)]]);
    // None is stored here: the ones the changed episode cites are created; paper A, which only the
    // unchanged episode cites, is merged if stored, never created.
    expect(paramsOf(driver, 'importCreatePapers').papers.map((p) => [p.id, p.newAliases])).toEqual([
      [paperB.id, paperB.aliases],
      [paperC.id, paperC.aliases],
    ]);
    expect(paramsOf(driver, 'importRecountPapers').paperIds.sort()).toEqual(
      [paperB.id, paperC.id].sort(),
    );
  });

  it('sends citations with positions, the source at 0, and search text as the embedded store indexes it', async () => {
    const { driver, store } = setup();
    const result = await store.importBatch(sampleBatch);
    expect(result).toEqual({ added: [episodeOne.id, episodeTwo.id], updated: [], unchanged: [] });
    expect(
      paramsOf(driver, 'importWriteCitations').citations.filter(
        (c) => c.episodeId === episodeOne.id,
      ),
    ).toEqual([
      { episodeId: episodeOne.id, paperId: paperA.id, kind: 'SOURCE', position: 0, note: null },
      {
        episodeId: episodeOne.id,
        paperId: paperB.id,
        kind: 'RECOMMENDED',
        position: 1,
        note: 'Where RLHF started.',
      },
      {
        episodeId: episodeOne.id,
        paperId: paperC.id,
        kind: 'RECOMMENDED',
        position: 2,
        note: null,
      },
    ]);
    const [one] = paramsOf(driver, 'importWriteEpisodes').episodes;
    expect(one).toMatchObject({
      paperCount: 3,
      chaptersJson: JSON.stringify(episodeOne.chapters),
      searchDetails: 'No reward model needed.\nIntro',
      searchNotes: 'Where RLHF started.',
    });
  });

  it('counts an episode citing one paper twice once in paperCount', async () => {
    const twice = {
      ...episodeOne,
      recommendations: [
        { paperId: paperA.id, note: 'Again.' },
        { paperId: paperB.id, note: null },
      ],
    };
    const { driver, store } = setup();
    await store.importBatch({ episodes: [twice], papers: [paperA, paperB] });
    expect(paramsOf(driver, 'importWriteEpisodes').episodes[0]?.paperCount).toBe(2);
    expect(paramsOf(driver, 'importWriteCitations').citations).toHaveLength(3);
  });

  it('rejects an invalid batch before opening a transaction', async () => {
    const { driver, store } = setup();
    const ghost = { ...episodeOne, recommendations: [{ paperId: 'arxiv:2404.99999', note: null }] };
    await expect(store.importBatch({ episodes: [ghost], papers: [paperA] })).rejects.toThrow(
      /2404\.99999/,
    );
    expect(driver.calls).toEqual([]);
  });

  it('rolls back when a statement fails mid-way, and the next import still runs', async () => {
    const { driver, store } = setup();
    driver.failNext(
      'importWriteCitations',
      neo4jError('Neo.ClientError.Schema.ConstraintValidationFailed'),
    );
    await expect(store.importBatch(sampleBatch)).rejects.toThrow(StoreConflictError);
    expect(driver.rolledBack).toBe(1);
    expect(driver.committed).toBe(0);
    await expect(store.importBatch(sampleBatch)).resolves.toMatchObject({
      added: [episodeOne.id, episodeTwo.id],
    });
  });

  it('forgets the relation index when the transaction fails, and builds it again from what committed', async () => {
    const { driver, store } = setup();
    driver.failNext('relationsWriteClusters', neo4jError('Neo.ClientError.Statement.SyntaxError'));
    await expect(store.importBatch(sampleBatch)).rejects.toThrow();
    expect(driver.rolledBack).toBe(1);
    await store.importBatch(sampleBatch);
    const corpusReads = driver.calls.filter((c) => c.statement === 'relationsCorpusEpisodes');
    expect(corpusReads).toHaveLength(2);
    expect(driver.committed).toBe(1);
  });

  it('writes the clusters left by a removal in its transaction', async () => {
    const { driver, store } = setup({ removeEpisode: [{ paperIds: [] }] });
    await store.removeEpisode(episodeOne.id);
    expect(driver.calls.filter((c) => c.inTransaction).map((c) => c.statement)).toEqual([
      'removeEpisode',
      'markGraphChanged',
      'relationsWriteClusters',
    ]);
    expect(driver.committed).toBe(1);
  });

  it('rolls back when fewer citations were written than sent', async () => {
    const { driver, store } = setup({
      ...sampleAnswers(),
      importWriteCitations: [{ citations: 1 }],
    });
    await expect(store.importBatch(sampleBatch)).rejects.toThrow(/wrote 1 of 5 citations/);
    expect(driver.rolledBack).toBe(1);
  });

  it('runs concurrent imports one after another, in call order', async () => {
    const order: string[] = [];
    const { store } = setup({
      ...sampleAnswers(),
      importStoredHashes: ({ episodeIds }) => {
        order.push(episodeIds.join(','));
        return [];
      },
    });
    const batchFor = (n: number): ImportBatch => {
      const source = {
        ...paperA,
        id: `arxiv:2401.0000${n}`,
        aliases: [`https://arxiv.org/abs/2401.0000${n}`],
      };
      return {
        episodes: [
          {
            ...episodeTwo,
            id: episodeIdFor(source.id),
            sourcePaperId: source.id,
            recommendations: [],
          },
        ],
        papers: [source],
      };
    };
    const batches = [1, 2, 3].map(batchFor);
    await Promise.all(batches.map((b) => store.importBatch(b)));
    expect(order).toEqual(batches.map((b) => b.episodes[0]!.id));
  });
});

describe('Neo4j failures become domain errors', () => {
  it.each([
    ['ServiceUnavailable', StoreUnavailableError],
    ['SessionExpired', StoreUnavailableError],
    ['Neo.ClientError.Security.Unauthorized', StoreAuthError],
    ['Neo.ClientError.Schema.ConstraintValidationFailed', StoreConflictError],
  ] as const)('%s → %s', async (code, errorClass) => {
    const { driver, store } = setup();
    driver.failNext('stats', neo4jError(code, 'boom'));
    const failure = store.stats();
    await expect(failure).rejects.toThrow(errorClass);
    await expect(store.stats()).resolves.toEqual({ episodes: 2, papers: 3, citations: 5 });
  });

  it('keeps the cause and names the code', async () => {
    const { driver, store } = setup();
    const original = neo4jError('ServiceUnavailable', 'Could not perform discovery');
    driver.failNext('relationsOfEpisodes', original);
    const error = await relatedOf(store, episodeOne.id, 3).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toMatch(/Could not perform discovery \(ServiceUnavailable\)/);
    expect((error as Error).cause).toBe(original);
  });

  it('leaves other errors (bugs, syntax errors) as they are', async () => {
    const { driver, store } = setup();
    const syntax = neo4jError('Neo.ClientError.Statement.SyntaxError');
    driver.failNext('stats', syntax);
    await expect(store.stats()).rejects.toBe(syntax);
  });

  it('a store that cannot set up its schema closes its driver and says why', async () => {
    const driver = fakeDriver();
    driver.failNext(
      'schemaEpisodeId',
      neo4jError('Neo.ClientError.Security.Unauthorized', 'The client is unauthorized'),
    );
    await expect(createNeo4jStoreWithDriver(driver)).rejects.toThrow(StoreAuthError);
    expect(driver.closed).toBe(true);
  });
});

describe('health', () => {
  it('reports the server, then unreachable while down, then reachable again (no cached failure)', async () => {
    const { driver, store } = setup();
    expect(await store.health()).toEqual({
      store: 'neo4j',
      reachable: true,
      detail: 'Neo4j/5.26.0 at fake:7687',
    });
    driver.serverInfoAnswer = neo4jError('ServiceUnavailable', 'Failed to connect to server');
    const down = await store.health();
    expect(down).toMatchObject({ store: 'neo4j', reachable: false });
    expect(down.detail).toMatch(/unreachable.*Failed to connect/);
    driver.serverInfoAnswer = 'hang';
    expect(await store.health()).toMatchObject({
      reachable: false,
      detail: expect.stringContaining('within 50 ms'),
    });
    driver.serverInfoAnswer = {
      address: 'fake:7687',
      agent: 'Neo4j/5.26.1',
      protocolVersion: '5.8',
    };
    expect(await store.health()).toMatchObject({
      reachable: true,
      detail: 'Neo4j/5.26.1 at fake:7687',
    });
  });

  it('after close: not reachable, reads refused, driver closed', async () => {
    const { driver, store } = setup();
    await store.close();
    expect(driver.closed).toBe(true);
    expect((await store.health()).reachable).toBe(false);
    await expect(store.stats()).rejects.toThrow(/closed/);
  });
});

describe('driver adapter helpers', () => {
  it('sends whole numbers as Cypher INTEGER, everything else unchanged', () => {
    const converted = toCypherValue({
      limit: 5,
      score: 0.5,
      nested: [{ position: 2 }],
      title: 'x',
      none: null,
    }) as Record<string, unknown>;
    expect(neo4j.isInt(converted.limit)).toBe(true);
    expect(converted.score).toBe(0.5);
    expect(neo4j.isInt((converted.nested as { position: unknown }[])[0]!.position)).toBe(true);
    expect(converted.title).toBe('x');
    expect(converted.none).toBeNull();
    expect(() => toCypherValue(2 ** 60)).toThrow(RangeError);
  });

  it('refuses parameters a statement does not declare, or missing ones', () => {
    expect(() =>
      assertStatementParams('relationsOfEpisodes', { episodeIds: ['x'], limit: 1 }),
    ).not.toThrow();
    expect(() => assertStatementParams('relationsOfEpisodes', { episodeIds: ['x'] })).toThrow(
      /missing parameters \[limit\]/,
    );
    expect(() => assertStatementParams('stats', { injected: 'MATCH (n) DETACH DELETE n' })).toThrow(
      /unexpected \[injected\]/,
    );
  });
});
