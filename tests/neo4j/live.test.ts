// Against a real Neo4j, when one is configured (see tests/helpers/neo4j.ts): every registry statement
// is compiled by the server itself (EXPLAIN), the schema setup is idempotent, and a store round trip
// works end to end. The full behaviour is the shared contract suite's job.
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  CYPHER,
  CYPHER_PARAMETERS,
  type StatementName,
} from '../../server/src/store/neo4j/cypher.ts';
import { openNeo4jDriver, toCypherValue } from '../../server/src/store/neo4j/driver.ts';
import { ensureSchema } from '../../server/src/store/neo4j/neo4jStore.ts';
import { SCHEMA_STATEMENTS } from '../../server/src/store/neo4j/statements/schema.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { neo4jStoreFactory, neo4jTestSettings } from '../helpers/neo4j.ts';
import { relatedOf } from '../helpers/storeCalls.ts';
import { episodeOne, episodeTwo, paperA, paperB, paperC } from './sampleRows.ts';

const settings = neo4jTestSettings();
const title =
  settings.skipReason === undefined ? 'live Neo4j' : `live Neo4j (skipped: ${settings.skipReason})`;

/** Warnings about names the data lacks (optional properties); misspellings are the linter's job. */
const DATA_DEPENDENT_WARNINGS = /Unknown(PropertyKey|Label|RelationshipType)Warning$/;

/** A value of the right type for each parameter name, so the server can plan the statement. */
const SAMPLE_PARAMETER: Record<string, unknown> = {
  timeoutSeconds: 10,
  names: ['episode_search'],
  name: 'no_such_index',
  run: '00000000-0000-0000-0000-000000000000',
  seq: 1,
  entry: '{}',
  before: '2025-01-01T00:00:00.000Z',
  episodeIds: [],
  guids: [],
  limitPerPaper: 10,
  papers: [],
  episodes: [],
  citations: [],
  paperIds: [],
  excludedIds: [],
  aliasKeys: [],
  ids: [],
  keys: [],
  offset: 0,
  limit: 10,
  whole: false,
  afterId: 'ep_000000000000',
  afterPublished: '2025-01-01',
  afterCount: 2,
  upperKey: '2025-01-01',
  upperId: 'ep_000000000000',
  lowerKey: '',
  lowerId: 'ep_zzzzzzzzzzzz',
  upperCount: 5,
  lowerCount: 1,
  beforeId: null,
  beforePublished: null,
  beforeCount: null,
  fromEnd: false,
  query: 'x',
  episodeQuery: 'x',
  paperQuery: 'x',
  referenceQuery: 'x',
  transcriptQuery: 'x',
  minCitations: 1,
  searchNotes: 5,
  episodeId: 'ep_000000000000',
  focus: 'ep_000000000000',
  depth: 2,
  fromId: 'ep_000000000000',
  toId: 'ep_000000000001',
  feed: { url: 'https://example.org/feed.xml' },
  url: 'https://example.org/feed.xml',
  entries: [],
  targets: [],
  references: [],
  author: null,
  topic: null,
  staleBefore: '2026-01-01T00:00:00.000Z',
  at: '2026-01-01T00:00:00.000Z',
  relations: [],
  clusters: [],
  clusterId: null,
  unclustered: 10,
  show: 'show_000000000000',
  showId: null,
  shows: [],
  transcriptsOf: [],
  chaptersOf: [],
  passages: [],
  assignments: [],
  links: [],
  personIds: [],
  personId: 'person_000000000000',
  key: 'shows',
  legacyShow: {
    id: 'show_000000000000',
    title: 'A show',
    link: null,
    imageUrl: null,
    author: null,
    feedUrl: null,
  },
};

describe.skipIf(settings.skipReason !== undefined)(title, () => {
  const factory = neo4jStoreFactory();
  let store: GraphStore;

  beforeAll(async () => {
    store = await factory.create();
  });
  afterAll(async () => {
    await store?.close();
    await factory.cleanup();
  });

  it('sets up the schema again without complaint', async () => {
    const driver = openNeo4jDriver(settings.connection!);
    try {
      await ensureSchema(driver);
      await ensureSchema(driver);
    } finally {
      await driver.close();
    }
  });

  it('imports, answers and reports health', async () => {
    const batch = { episodes: [episodeOne, episodeTwo], papers: [paperA, paperB, paperC] };
    expect(await store.importBatch(batch)).toEqual({
      added: [episodeOne.id, episodeTwo.id],
      updated: [],
      unchanged: [],
    });
    expect(await store.importBatch(batch)).toEqual({
      added: [],
      updated: [],
      unchanged: [episodeOne.id, episodeTwo.id],
    });
    expect(await store.episodesByIds([episodeTwo.id, episodeOne.id])).toEqual([
      episodeTwo,
      episodeOne,
    ]);
    expect(await store.stats()).toEqual({ episodes: 2, papers: 3, citations: 5 });
    expect(await store.resolvePaperKeys([paperA.aliases[1]!])).toEqual([paperA.id]);
    const related = await relatedOf(store, episodeOne.id, 5);
    expect(related.map((r) => r.episodeId)).toEqual([episodeTwo.id]);
    const sharedPapers = related[0]?.reasons.find((reason) => reason.kind === 'SHARED_PAPER');
    expect(sharedPapers?.weight).toBeCloseTo(2 / Math.log(2), 10);
    expect((await store.path(episodeOne.id, episodeOne.id))?.nodes.map((n) => n.id)).toEqual([
      episodeOne.id,
    ]);
    expect((await store.search('preference', 5)).map((h) => h.id)).toContain(episodeOne.id);
    expect(await store.health()).toMatchObject({ store: 'neo4j', reachable: true });
    // First runs of every import and relation statement (Neo4j plans each): slow on a busy machine.
  }, 120_000);
  it('compiles every non-schema statement on this server (EXPLAIN), after the import so every property key exists', async () => {
    const connection = settings.connection!;
    const driver = neo4j.driver(
      connection.uri,
      neo4j.auth.basic(connection.user, connection.password),
    );
    try {
      const schema = new Set<StatementName>([...SCHEMA_STATEMENTS, 'schemaAwait']);
      const names = Object.keys(CYPHER) as StatementName[];
      const unsampled = [...new Set(names.flatMap((name) => [...CYPHER_PARAMETERS[name]]))].filter(
        (p) => !(p in SAMPLE_PARAMETER),
      );
      expect(unsampled, 'parameters without a SAMPLE_PARAMETER value (add one above)').toEqual([]);
      for (const name of names) {
        if (schema.has(name)) continue;
        const params = Object.fromEntries(
          CYPHER_PARAMETERS[name].map((p) => [p, SAMPLE_PARAMETER[p]]),
        );
        const result = await driver.executeQuery(`EXPLAIN ${CYPHER[name]}`, toCypherValue(params), {
          ...(connection.database === undefined ? {} : { database: connection.database }),
        });
        const warnings = result.summary.notifications
          .filter((n) => n.severityLevel === 'WARNING' && !DATA_DEPENDENT_WARNINGS.test(n.code))
          .map((n) => `${n.code}: ${n.description}`);
        expect(warnings, name).toEqual([]);
      }
    } finally {
      await driver.close();
    }
    // One compile per statement: a minute and more on a busy machine.
  }, 180_000);
});
