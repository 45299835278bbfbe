// Against a real Neo4j: an import larger than one transaction's share runs as several transactions
// (server/src/store/neo4j/importRun.ts). It ends as the same import in one transaction would, a
// re-import writes nothing, and a failure in any of its transactions leaves the store exactly as before.
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';

import type { ImportBatch } from '../../server/src/domain/model.ts';
import { countingDriver } from '../../server/src/store/neo4j/countingDriver.ts';
import { type CypherDriver, openNeo4jDriver } from '../../server/src/store/neo4j/driver.ts';
import { createNeo4jStoreWithDriver } from '../../server/src/store/neo4j/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { neo4jTestSettings, wipeNeo4j } from '../helpers/neo4j.ts';
import { failingAt } from '../helpers/neo4jFaults.ts';
import { SEED, THREE_TOPICS } from '../relations/corpus.ts';

const settings = neo4jTestSettings();
const title =
  settings.skipReason === undefined
    ? 'live Neo4j import runs'
    : `live Neo4j import runs (skipped: ${settings.skipReason})`;

/** Small enough that the test feeds need several transactions. */
const PER_TRANSACTION = 5;

/** Test-only: every node by label and every relationship by type, journal and run nodes included. */
const COUNT_EVERYTHING = `CALL () {
  MATCH (n)
  UNWIND labels(n) AS label
  RETURN label AS kind, count(*) AS count
  UNION ALL
  MATCH ()-[r]->()
  RETURN type(r) AS kind, count(*) AS count
}
RETURN kind, count
ORDER BY kind`;

async function countEverything(): Promise<Record<string, number>> {
  const connection = settings.connection!;
  const raw = neo4j.driver(connection.uri, neo4j.auth.basic(connection.user, connection.password));
  try {
    const { records } = await raw.executeQuery(
      COUNT_EVERYTHING,
      {},
      { routing: neo4j.routing.READ },
    );
    return Object.fromEntries(
      records.map((r) => [r.get('kind') as string, neo4j.integer.toNumber(r.get('count'))]),
    );
  } finally {
    await raw.close();
  }
}

/** Everything a reader can see, and every node and relationship behind it. */
async function snapshot(store: GraphStore) {
  const { episodes } = await store.exportBatch();
  const ids = episodes.map((e) => e.id);
  return {
    stats: await store.stats(),
    exported: await store.exportBatch(),
    related: await store.relatedByEpisodeIds(ids, 50),
    clusterOf: await store.clustersByEpisodeIds(ids),
    clusters: await store.clusters(1000),
    changedAt: await store.graphChangedAt(),
    counts: await countEverything(),
  };
}

/** The seed, changed: titles of its first episodes, one reading dropped, a paper renamed with a new alias. */
function editedSeed(): ImportBatch {
  const episodes = SEED.episodes.map((episode, i) =>
    i < 3
      ? {
          ...episode,
          title: `${episode.title} (revised)`,
          recommendations: episode.recommendations.slice(1),
        }
      : episode,
  );
  const papers = SEED.papers.map((paper, i) =>
    i === 0
      ? { ...paper, title: 'A renamed paper', aliases: [...paper.aliases, 'doi:10.5555/renamed'] }
      : paper,
  );
  return { episodes, papers };
}

describe.skipIf(settings.skipReason !== undefined)(title, () => {
  const connection = settings.connection!;
  const open = (driver: CypherDriver = openNeo4jDriver(connection)) =>
    createNeo4jStoreWithDriver(driver, {
      indexWaitSeconds: 120,
      importEpisodesPerTransaction: PER_TRANSACTION,
    });

  afterAll(async () => {
    await wipeNeo4j(connection);
  });

  it('imports in several transactions what one transaction would, and a re-import writes nothing', async () => {
    await wipeNeo4j(connection);
    const whole = await createNeo4jStoreWithDriver(openNeo4jDriver(connection), {
      indexWaitSeconds: 120,
    });
    await whole.importBatches([SEED, THREE_TOPICS]);
    const inOne = await snapshot(whole);
    await whole.close();

    await wipeNeo4j(connection);
    const counting = countingDriver(openNeo4jDriver(connection));
    const store = await open(counting);
    try {
      const { transactions } = await counting.measure(() =>
        store.importBatches([SEED, THREE_TOPICS]),
      );
      const episodes = SEED.episodes.length + THREE_TOPICS.episodes.length;
      expect(transactions).toBeGreaterThanOrEqual(Math.ceil(episodes / PER_TRANSACTION) + 3);
      const inRun = await snapshot(store);
      const { changedAt: _runChangedAt, ...runState } = inRun;
      const { changedAt: _oneChangedAt, ...oneState } = inOne;
      expect(runState).toEqual(oneState);
      expect(inRun.counts['ImportRun'] ?? 0).toBe(0);
      expect(inRun.counts['ImportJournal'] ?? 0).toBe(0);

      const again = await counting.measure(() => store.importBatches([SEED, THREE_TOPICS]));
      expect(again.result.flatMap((r) => [...r.added, ...r.updated])).toEqual([]);
      const written = again.calls.filter(
        (c) =>
          c.via === 'transaction' &&
          !['importStoredHashes', 'importStoredPapers', 'showsStored'].includes(c.statement),
      );
      expect(written).toEqual([]);
      expect(await snapshot(store)).toEqual(inRun);
    } finally {
      await store.close();
    }
  }, 300_000);

  for (const [statement, times] of [
    ['importWriteEpisodes', 3],
    ['importRecountPapers', 1],
    ['relationsWrite', 1],
    ['relationsWriteClusters', 1],
    ['markGraphChanged', 1],
  ] as const) {
    it(`leaves the store exactly as before when ${statement} fails in the middle of a run`, async () => {
      await wipeNeo4j(connection);
      const first = await open();
      await first.importBatch(SEED);
      const before = await snapshot(first);
      await first.close();

      const failing = await open(failingAt(openNeo4jDriver(connection), statement, times));
      try {
        await expect(failing.importBatches([editedSeed(), THREE_TOPICS])).rejects.toThrow(
          `injected failure in ${statement}`,
        );
        expect(await snapshot(failing)).toEqual(before);
        // The same store imports it once nothing fails: what it kept in memory went with the failure.
        const result = await failing.importBatches([editedSeed(), THREE_TOPICS]);
        expect(result[0]!.updated).toHaveLength(3);
        expect(result[1]!.added).toHaveLength(THREE_TOPICS.episodes.length);
      } finally {
        await failing.close();
      }
    }, 300_000);
  }
});
