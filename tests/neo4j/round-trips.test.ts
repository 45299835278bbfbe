// How many database round trips each store method costs, counted with the same wrapper the benchmark
// uses, over a fake driver with canned rows. Every read is one statement; an import is a fixed handful
// of UNWIND statements in one transaction whatever the batch size.
import { afterAll, describe, expect, it } from 'vitest';

import { episodeIdFor } from '../../server/src/domain/episodeId.ts';
import type { EpisodeRecord, ImportBatch, PaperRecord } from '../../server/src/domain/model.ts';
import { countingDriver, type RecordedCall } from '../../server/src/store/neo4j/countingDriver.ts';
import { ensureSchema, Neo4jStore } from '../../server/src/store/neo4j/neo4jStore.ts';
import { SCHEMA_STATEMENTS } from '../../server/src/store/neo4j/statements/schema.ts';
import { episodeContentHash } from '../../server/src/store/shared/contentHash.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { EVERY_CITATION, relatedOf } from '../helpers/storeCalls.ts';
import { type CannedAnswers, fakeDriver } from './fakeDriver.ts';
import { episodeOne, episodeTwo, paperA, paperB, paperC, sampleAnswers } from './sampleRows.ts';

function setup(answers: CannedAnswers = sampleAnswers()) {
  const counting = countingDriver(fakeDriver(answers));
  return { counting, store: new Neo4jStore(counting) };
}

const table: { method: string; roundTrips: number; statements: string }[] = [];

async function cost(
  label: string,
  counting: ReturnType<typeof setup>['counting'],
  work: () => Promise<unknown>,
) {
  const { calls, transactions } = await counting.measure(work);
  table.push({
    method: label,
    roundTrips: calls.length,
    statements: describeCalls(calls, transactions),
  });
  return calls;
}

function describeCalls(calls: RecordedCall[], transactions: number): string {
  const names = calls.map((c) => c.statement).join(', ');
  return transactions > 0 ? `${transactions} tx: ${names}` : names;
}

function corpus(size: number): ImportBatch {
  const papers: PaperRecord[] = [];
  const episodes: EpisodeRecord[] = [];
  const shared = { ...paperC };
  papers.push(shared);
  for (let i = 0; i < size; i += 1) {
    const arxivId = `2401.${String(10_000 + i)}`;
    const source: PaperRecord = {
      id: `arxiv:${arxivId}`,
      title: null,
      url: `https://arxiv.org/abs/${arxivId}`,
      arxivId,
      doi: null,
      aliases: [`https://arxiv.org/abs/${arxivId}`],
    };
    papers.push(source);
    episodes.push({
      ...episodeTwo,
      id: episodeIdFor(source.id),
      title: `Episode ${i}`,
      sourcePaperId: source.id,
      recommendations: [{ paperId: shared.id, note: `note ${i}` }],
    });
  }
  return { episodes, papers };
}

afterAll(() => {
  // The numbers docs/neo4j.md and the benchmark quote; printed so a run shows them.
  console.table(table);
});

describe('round trips per store method (one statement per API field)', () => {
  const oneEach: [string, (store: GraphStore) => Promise<unknown>][] = [
    [
      'episodesByIds (Query.episode, Episode loaders)',
      (s) => s.episodesByIds([episodeOne.id, episodeTwo.id, 'ep_000000000000']),
    ],
    [
      'papersByIds (Episode.source/recommendations)',
      (s) => s.papersByIds([paperA.id, paperB.id, paperC.id]),
    ],
    [
      'resolvePaperKeys (Query.paper ref)',
      (s) => s.resolvePaperKeys([paperA.aliases[1]!, 'doi:10.1/x']),
    ],
    [
      'citationsByPaperIds (Paper.citedBy)',
      (s) => s.citationsByPaperIds([paperA.id, paperB.id, paperC.id], EVERY_CITATION),
    ],
    ['paperCitedBy (Query.paper ref with citedBy)', (s) => s.paperCitedBy([paperC.id], 50)],
    ['listEpisodes (Query.episodes)', (s) => s.listEpisodes({ offset: 0, limit: 20 })],
    [
      'listEpisodes + search',
      (s) => s.listEpisodes({ offset: 0, limit: 20, search: 'preference' }),
    ],
    ['listPapers (Query.papers)', (s) => s.listPapers({ offset: 0, limit: 20, minCitations: 1 })],
    ['listPapers + search', (s) => s.listPapers({ offset: 0, limit: 20, search: 'policy' })],
    ['related (Episode.related)', (s) => relatedOf(s, episodeOne.id, 5)],
    [
      'clustersByEpisodeIds (Episode.cluster)',
      (s) => s.clustersByEpisodeIds([episodeOne.id, episodeTwo.id]),
    ],
    ['clusters (Query.clusters)', (s) => s.clusters(10)],
    [
      'graph with focus (Query.graph)',
      (s) => s.graph({ focus: episodeOne.id, depth: 4, limit: 500, minCitations: 1 }),
    ],
    ['graph overview (Query.graph)', (s) => s.graph({ depth: 1, limit: 500, minCitations: 2 })],
    ['path (Query.path)', (s) => s.path(episodeOne.id, episodeTwo.id)],
    ['search (Query.search)', (s) => s.search('optimization', 10)],
    ['stats (Query.stats)', (s) => s.stats()],
  ];

  it.each(oneEach)('%s = 1', async (label, work) => {
    const { counting, store } = setup();
    const calls = await cost(label, counting, () => work(store));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ via: 'executeQuery', routing: 'READ' });
  });

  it('batched lookups stay one statement however many ids', async () => {
    const { counting, store } = setup();
    const ids = Array.from({ length: 500 }, (_, i) => `arxiv:2401.${10_000 + i}`);
    const calls = await counting.measure(() => store.papersByIds(ids));
    expect(calls.calls.map((c) => c.statement)).toEqual(['papersByIds']);
  });

  it('answers without a round trip when there is nothing to ask', async () => {
    const { counting, store } = setup();
    const { calls } = await counting.measure(async () => {
      await store.episodesByIds([]);
      await store.papersByIds([]);
      await store.citationsByPaperIds([], EVERY_CITATION);
      await relatedOf(store, episodeOne.id, 0);
      await store.graph({ depth: 1, limit: 0, minCitations: 1 });
      await store.search(' -- ', 10);
    });
    expect(calls).toEqual([]);
  });

  it('exportBatch = 3', async () => {
    const { counting, store } = setup();
    const calls = await cost('exportBatch', counting, () => store.exportBatch());
    expect(calls.map((c) => c.statement)).toEqual([
      'exportEpisodes',
      'exportPapers',
      'exportShows',
    ]);
  });

  it('health = 0 statements (a server-info handshake only)', async () => {
    const { counting, store } = setup();
    const calls = await cost('health', counting, () => store.health());
    expect(calls).toEqual([]);
  });

  it('ensureSchema = the outdated full-text indexes read, one per schema statement and the index wait, once at start', async () => {
    const counting = countingDriver(fakeDriver());
    const calls = await cost('ensureSchema (startup)', counting, () => ensureSchema(counting));
    expect(calls).toHaveLength(SCHEMA_STATEMENTS.length + 2);
    expect(calls[0]?.statement).toBe('fullTextIndexesToRebuild');
    expect(calls.at(-1)?.statement).toBe('schemaAwait');
    expect(calls.every((c) => c.via === 'executeQuery' && c.routing === 'WRITE')).toBe(true);
  });
});

describe('round trips per import (Mutation.importFeed)', () => {
  it('a first import is 9 statements in one transaction, for 1 episode or 200, a read for abandoned runs and 3 of the corpus', async () => {
    for (const size of [1, 200]) {
      const { counting, store } = setup();
      const batch = corpus(size);
      const calls = await cost(`importBatch: ${size} new episode(s)`, counting, () =>
        store.importBatch(batch),
      );
      const inTransaction = calls.filter((c) => c.via === 'transaction');
      expect(inTransaction.map((c) => c.statement)).toEqual([
        'importStoredHashes',
        'importStoredPapers',
        'importCreatePapers',
        'importWriteEpisodes',
        'importWriteCitations',
        'importRecountPapers',
        'markGraphChanged',
        'relationsWrite',
        'relationsWriteClusters',
      ]);
      // The relation keeper builds its index from what is committed, outside the transaction; the
      // full-text indexes take the commit before the import returns.
      expect(calls.filter((c) => c.via !== 'transaction').map((c) => c.statement)).toEqual([
        'importRunsAbandoned',
        'relationsCorpusEpisodes',
        'relationsCorpusPapers',
        'relationsCorpusClusters',
        'awaitFullTextRefresh',
      ]);
      expect(counting.transactions).toBe(1);
    }
  });

  it('re-importing unchanged episodes is 2 statements and the read for abandoned runs (the change time stays)', async () => {
    const batch = corpus(50);
    const stored = batch.episodes.map((e) => ({ id: e.id, contentHash: episodeContentHash(e) }));
    const { counting, store } = setup({ ...sampleAnswers(), importStoredHashes: stored });
    const calls = await cost('importBatch: 50 unchanged', counting, () => store.importBatch(batch));
    expect(calls.map((c) => c.statement)).toEqual([
      'importRunsAbandoned',
      'importStoredHashes',
      'importStoredPapers',
    ]);
  });

  it('an update that orphans papers is the worst case: 11 statements', async () => {
    const batch = corpus(100);
    const stored = batch.episodes.map((e) => ({ id: e.id, contentHash: 'an older hash' }));
    const { counting, store } = setup({
      ...sampleAnswers(),
      importStoredHashes: stored,
      importDetachCitations: [{ paperIds: [paperA.id] }],
      importDropUncitedPapers: [{ deletedId: paperA.id, aliasKeys: paperA.aliases }],
    });
    const calls = await cost('importBatch: 100 updated, orphans dropped', counting, () =>
      store.importBatch(batch),
    );
    const inTransaction = calls.filter((c) => c.via === 'transaction');
    expect(inTransaction.map((c) => c.statement)).toEqual([
      'importStoredHashes',
      'importStoredPapers',
      'importDetachCitations',
      'importCreatePapers',
      'importWriteEpisodes',
      'importWriteCitations',
      'importRecountPapers',
      'importDropUncitedPapers',
      'importDropUnusedAliases',
      'markGraphChanged',
      'relationsWrite',
      'relationsWriteClusters',
    ]);
    expect(counting.transactions).toBe(1);
  });
});
