// Two papergraph processes writing one live Neo4j at once (a CLI import while the server imports), and
// queries running through an import. Each store serialises its own imports; across stores, Neo4j's locks
// and the driver's retries of transient errors (deadlocks) must leave the same graph as running them one
// after the other, and no query sees part of an import.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';

import { createNeo4jStore } from '../../server/src/store/neo4j/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { generateCorpus } from '../helpers/batchBuilder.ts';
import { neo4jTestSettings, wipeNeo4j } from '../helpers/neo4j.ts';

const settings = neo4jTestSettings();
const title =
  settings.skipReason === undefined
    ? 'concurrent writers on live Neo4j'
    : `concurrent writers on live Neo4j (skipped: ${settings.skipReason})`;

describe.skipIf(settings.skipReason !== undefined)(title, { timeout: 240_000 }, () => {
  const opened: GraphStore[] = [];
  const open = async () => {
    const store = await createNeo4jStore(settings.connection!, { indexWaitSeconds: 120 });
    opened.push(store);
    return store;
  };
  beforeEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await wipeNeo4j(settings.connection!);
  });
  afterAll(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await wipeNeo4j(settings.connection!);
  });

  // Both corpora recommend from the same pool of popular papers, so the two transactions lock the same nodes.
  const left = generateCorpus({
    episodes: 300,
    papers: 40,
    recommendationsPerEpisode: 5,
    seed: 1,
    sourcePrefix: '2601',
  });
  const right = generateCorpus({
    episodes: 300,
    papers: 40,
    recommendationsPerEpisode: 5,
    seed: 2,
    sourcePrefix: '2602',
  });

  it('two stores importing overlapping batches at once both succeed, and the graph is the one-after-the-other graph', async () => {
    const [a, b] = [await open(), await open()];
    const results = await Promise.all([a.importBatch(left), b.importBatch(right)]);
    expect(results.map((r) => r.added.length)).toEqual([300, 300]);
    const together = { stats: await a.stats(), exported: await a.exportBatch() };

    await wipeNeo4j(settings.connection!);
    const sequential = await open();
    await sequential.importBatch(left);
    await sequential.importBatch(right);
    expect(await sequential.stats()).toEqual(together.stats);
    expect(await sequential.exportBatch()).toEqual(together.exported);
    // The shared papers were counted by both imports.
    const [shared] = await sequential.papersByIds([
      left.papers.find((p) => right.papers.some((q) => q.id === p.id))!.id,
    ]);
    expect(shared?.citationCount).toBeGreaterThan(1);
  });

  // Neo4j reads are read-committed, not snapshots: one statement's three counts may straddle the import's
  // commit (seen on a quiet machine: episodes and papers after, citations before). Each count on its own is
  // before or after, never part of the import.
  it('queries during an import see each count before or after it, never part of it', async () => {
    const [writer, reader] = [await open(), await open()];
    await writer.importBatch(left);
    const before = await reader.stats();
    const importing = writer.importBatch(right);
    const seen = new Set<string>();
    let done = false;
    void importing.finally(() => (done = true));
    while (!done) seen.add(JSON.stringify(await reader.stats()));
    await importing;
    const after = await reader.stats();
    for (const text of seen) {
      const stats = JSON.parse(text) as typeof before;
      for (const key of ['episodes', 'papers', 'citations'] as const)
        expect([before[key], after[key]]).toContain(stats[key]);
    }
    expect(after.episodes).toBe(600);
  });
});
