// The full-text indexes are eventually consistent (Lucene takes a commit's changes after it), so a
// store write that changes indexed text waits for them before it returns: a search right after an
// import, an update, a removal or a metadata save sees it. A database whose indexes were made
// without that option gets them rebuilt once when the schema is set up.
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';

import { countingDriver } from '../../server/src/store/neo4j/countingDriver.ts';
import { openNeo4jDriver } from '../../server/src/store/neo4j/driver.ts';
import { createNeo4jStore, ensureSchema } from '../../server/src/store/neo4j/index.ts';
import { FULLTEXT_INDEXES } from '../../server/src/store/neo4j/statements/schema.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { generateCorpus } from '../helpers/batchBuilder.ts';
import { neo4jTestSettings, wipeNeo4j } from '../helpers/neo4j.ts';

const settings = neo4jTestSettings();
const title =
  settings.skipReason === undefined
    ? 'eventually consistent full-text indexes on a live Neo4j'
    : `eventually consistent full-text indexes on a live Neo4j (skipped: ${settings.skipReason})`;

/** One transaction's worth: every episode's text reaches the indexes only after the commit. */
const EPISODES = 600;

const corpus = (revision: string) =>
  generateCorpus({
    episodes: EPISODES,
    papers: 300,
    recommendationsPerEpisode: 4,
    seed: 23,
    sourcePrefix: '2611',
    revision,
  });

async function episodeHits(store: GraphStore, word: string): Promise<number> {
  const hits = await store.search(word, 10 * EPISODES);
  return hits.filter((hit) => hit.kind === 'EPISODE').length;
}

async function withRawDriver<T>(work: (driver: neo4j.Driver) => Promise<T>): Promise<T> {
  const connection = settings.connection!;
  const driver = neo4j.driver(
    connection.uri,
    neo4j.auth.basic(connection.user, connection.password),
  );
  try {
    return await work(driver);
  } finally {
    await driver.close();
  }
}

const database = () =>
  settings.connection?.database === undefined ? {} : { database: settings.connection.database };

async function fullTextConfigs(): Promise<Map<string, Record<string, unknown>>> {
  return withRawDriver(async (driver) => {
    const { records } = await driver.executeQuery(
      'SHOW FULLTEXT INDEXES YIELD name, options RETURN name, options.indexConfig AS config',
      {},
      database(),
    );
    return new Map(
      records.map((r) => [r.get('name') as string, r.get('config') as Record<string, unknown>]),
    );
  });
}

describe.skipIf(settings.skipReason !== undefined)(title, () => {
  const connection = settings.connection!;
  const opened: GraphStore[] = [];
  const open = async () => {
    const store = await createNeo4jStore(connection, { indexWaitSeconds: 120 });
    opened.push(store);
    return store;
  };
  afterAll(async () => {
    for (const store of opened) await store.close();
    await wipeNeo4j(connection);
  });

  it('rebuilds, once, a full-text index made without the option, and it answers after', async () => {
    await wipeNeo4j(connection);
    // As an earlier version made it: consistent with each commit.
    await withRawDriver(async (driver) => {
      await driver.executeQuery('DROP INDEX episode_search IF EXISTS', {}, database());
      await driver.executeQuery(
        `CREATE FULLTEXT INDEX episode_search FOR (e:Episode) ON EACH [e.title, e.summary, e.searchDetails, e.searchNotes]
OPTIONS {indexConfig: {\`fulltext.analyzer\`: 'english'}}`,
        {},
        database(),
      );
    });
    expect((await fullTextConfigs()).get('episode_search')).toMatchObject({
      'fulltext.eventually_consistent': false,
    });

    const counting = countingDriver(openNeo4jDriver(connection));
    try {
      const first = await counting.measure(() => ensureSchema(counting, 120));
      expect(
        first.calls.filter((call) => call.statement === 'dropFullTextIndex').length,
        'the one outdated index is dropped',
      ).toBe(1);
      const again = await counting.measure(() => ensureSchema(counting, 120));
      expect(again.calls.map((call) => call.statement)).not.toContain('dropFullTextIndex');
    } finally {
      await counting.close();
    }

    const configs = await fullTextConfigs();
    for (const name of Object.values(FULLTEXT_INDEXES))
      expect(configs.get(name), name).toMatchObject({
        'fulltext.analyzer': 'english',
        'fulltext.eventually_consistent': true,
      });

    const store = await open();
    await store.importBatch(corpus(' Quokkalogy'));
    expect(await episodeHits(store, 'quokkalogy')).toBe(EPISODES);
  }, 240_000);

  it('a search right after an import, an update, a removal or a metadata save sees it', async () => {
    await wipeNeo4j(connection);
    const store = await open();

    await store.importBatch(corpus(' Quokkalogy'));
    expect(await episodeHits(store, 'quokkalogy')).toBe(EPISODES);

    await store.importBatch(corpus(' Wombatry'));
    expect(await episodeHits(store, 'quokkalogy')).toBe(0);
    expect(await episodeHits(store, 'wombatry')).toBe(EPISODES);

    const removed = corpus('').episodes[0]!.id;
    expect(await store.removeEpisode(removed)).not.toBeNull();
    expect(await episodeHits(store, 'wombatry')).toBe(EPISODES - 1);

    // The source of an episode still stored (the removed one's went with it).
    const paperId = corpus('').episodes[1]!.sourcePaperId!;
    await store.saveMetadata([
      {
        paperId,
        fetchedAt: '2026-12-01T00:00:00.000Z',
        metadata: {
          title: 'On Numbatology',
          authors: [],
          year: null,
          venue: null,
          abstract: 'Numbatology, the study of numbats.',
          topics: [],
          arxivId: null,
          doi: null,
          publishedAt: null,
        },
        references: [],
      },
    ]);
    const found = await store.searchPaperMetadata({ text: 'numbatology' }, 5);
    expect(found.map((hit) => hit.paperId)).toEqual([paperId]);
  }, 240_000);
});
