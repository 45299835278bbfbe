// Cluster-ready reads: every read method is a READ query (a read transaction, routed to followers), every
// write a write transaction, and both share the driver's one bookmark manager, so the read after an
// import waits for it on whichever member answers. Checked over the counting driver, over a stand-in for
// neo4j-driver, and end to end on the live server through a routing (neo4j://) URI.
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';

import { countingDriver } from '../../server/src/store/neo4j/countingDriver.ts';
import { wrapNeo4jDriver } from '../../server/src/store/neo4j/driver.ts';
import { createNeo4jStore } from '../../server/src/store/neo4j/index.ts';
import { Neo4jStore } from '../../server/src/store/neo4j/neo4jStore.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { neo4jTestSettings, wipeNeo4j } from '../helpers/neo4j.ts';
import { fakeDriver } from './fakeDriver.ts';
import { episodeOne, episodeTwo, paperA, paperB, paperC, sampleAnswers } from './sampleRows.ts';

describe('reads and writes over the counting driver', () => {
  it('sends every read as a READ query and every import statement inside its write transaction', async () => {
    const counting = countingDriver(fakeDriver(sampleAnswers()));
    const store = new Neo4jStore(counting);
    const { calls: reads } = await counting.measure(async () => {
      await store.episodesByIds([episodeOne.id]);
      await store.episodeSummariesByIds([episodeOne.id]);
      await store.papersByIds([paperC.id]);
      await store.resolvePaperKeys([paperC.id]);
      await store.citationsByPaperIds([paperC.id], 5);
      await store.listEpisodes({ offset: 0, limit: 5 });
      await store.listEpisodes({ offset: 0, limit: 5, keyset: { fromEnd: true } });
      await store.listPapers({ offset: 0, limit: 5, keyset: {} });
      await store.search('preference', 5);
      await store.graph({ depth: 1, limit: 10, minCitations: 1 });
      await store.stats();
      await store.graphChangedAt();
    });
    expect(reads.length).toBeGreaterThanOrEqual(12);
    expect(reads.filter((call) => call.via !== 'executeQuery' || call.routing !== 'READ')).toEqual(
      [],
    );
    const { calls: writes, transactions } = await counting.measure(() =>
      store.importBatch({ episodes: [episodeOne, episodeTwo], papers: [paperA, paperB, paperC] }),
    );
    expect(transactions).toBeGreaterThanOrEqual(1);
    expect(writes.filter((call) => call.statement.startsWith('import'))).not.toEqual([]);
    // The relation keeper may read the committed corpus first: those reads are READ queries too.
    expect(
      writes.filter((call) =>
        call.via === 'transaction' ? call.routing !== 'WRITE' : call.routing !== 'READ',
      ),
    ).toEqual([]);
  });
});

/** Enough of neo4j-driver's Driver to see which options each query and session gets. */
function recordingDriver() {
  const bookmarkManager = neo4j.bookmarkManager();
  const queries: { routing: unknown; bookmarkManager: unknown }[] = [];
  const sessions: { defaultAccessMode: unknown; bookmarkManager: unknown }[] = [];
  const empty = { records: [] };
  const driver = {
    executeQueryBookmarkManager: bookmarkManager,
    async executeQuery(_query: string, _params: unknown, config: (typeof queries)[number]) {
      queries.push({ routing: config.routing, bookmarkManager: config.bookmarkManager });
      return empty;
    },
    session(config: (typeof sessions)[number]) {
      sessions.push(config);
      return {
        executeWrite: (work: (tx: { run(): Promise<typeof empty> }) => unknown) =>
          work({ run: async () => empty }),
        close: async () => {},
      };
    },
  };
  return { driver: driver as unknown as Driver, bookmarkManager, queries, sessions };
}

describe('the neo4j-driver wrapper', () => {
  it('gives reads READ routing and one bookmark manager to reads and write sessions alike', async () => {
    const { driver, bookmarkManager, queries, sessions } = recordingDriver();
    const wrapped = wrapNeo4jDriver(driver, undefined);
    await wrapped.executeQuery('stats', {}, 'READ');
    await wrapped.executeWrite((tx) => tx.run('graphChangedAt', {}));
    await wrapped.executeQuery('removeFeed', { url: 'https://example.org/feed.xml' }, 'WRITE');
    expect(queries).toEqual([
      { routing: neo4j.routing.READ, bookmarkManager },
      { routing: neo4j.routing.WRITE, bookmarkManager },
    ]);
    expect(sessions).toMatchObject([{ defaultAccessMode: neo4j.session.WRITE, bookmarkManager }]);
  });
});

const settings = neo4jTestSettings();
const title =
  settings.skipReason === undefined
    ? 'live Neo4j through a routing URI'
    : `live Neo4j through a routing URI (skipped: ${settings.skipReason})`;

describe.skipIf(settings.skipReason !== undefined)(title, () => {
  afterAll(async () => {
    await wipeNeo4j(settings.connection!);
  });

  it('sees each import in the very next read', async () => {
    await wipeNeo4j(settings.connection!);
    const connection = settings.connection!;
    const routed = { ...connection, uri: connection.uri.replace(/^bolt:/, 'neo4j:') };
    expect(routed.uri).toMatch(/^neo4j:\/\//);
    const store = await createNeo4jStore(routed, { indexWaitSeconds: 120 });
    try {
      for (let i = 0; i < 5; i += 1) {
        const source = arxivPaper(`2501.${10_000 + i}`, `Paper ${i}`);
        const added = episode({ title: `Episode ${i}`, source, publishedAt: `2026-01-0${i + 1}` });
        await store.importBatch(batchOf([added], [source]));
        expect((await store.stats()).episodes).toBe(i + 1);
        const newest = await store.listEpisodes({ offset: 0, limit: 1, keyset: {} });
        expect(newest.items.map((e) => e.id)).toEqual([added.id]);
      }
    } finally {
      await store.close();
    }
  });
});
