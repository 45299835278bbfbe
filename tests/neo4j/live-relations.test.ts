// Against a real Neo4j: a graph written before relations were kept (episodes, no RELATED, no
// clusters) gets them computed once where the store sets up its schema, equal to what imports keep;
// a graph whose relations are kept is left alone on the next open.
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';

import { countingDriver } from '../../server/src/store/neo4j/countingDriver.ts';
import { openNeo4jDriver } from '../../server/src/store/neo4j/driver.ts';
import {
  createNeo4jStore,
  createNeo4jStoreWithDriver,
} from '../../server/src/store/neo4j/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { neo4jStoreFactory, neo4jTestSettings, wipeNeo4j } from '../helpers/neo4j.ts';
import { THREE_TOPICS } from '../relations/corpus.ts';

const settings = neo4jTestSettings();
const title =
  settings.skipReason === undefined
    ? 'live Neo4j relations'
    : `live Neo4j relations (skipped: ${settings.skipReason})`;

/** Test-only: what a graph from before relations lacks. */
const FORGET_RELATIONS = `MATCH (n)
WHERE n:Cluster OR n:RelationsKept
DETACH DELETE n
WITH count(*) AS done
MATCH (:Episode)-[r:RELATED]->(:Episode)
DELETE r`;

async function snapshot(store: GraphStore) {
  const ids = THREE_TOPICS.episodes.map((e) => e.id);
  return {
    related: await store.relatedByEpisodeIds(ids, 50),
    clusterOf: await store.clustersByEpisodeIds(ids),
    clusters: await store.clusters(50),
    map: await store.episodeMap({ limit: 100 }),
  };
}

describe.skipIf(settings.skipReason !== undefined)(title, () => {
  afterAll(async () => {
    if (settings.connection) await wipeNeo4j(settings.connection);
  });

  it('computes the relations of a graph from before them once, on open, as the imports kept them', async () => {
    const connection = settings.connection!;
    const first = await neo4jStoreFactory().create();
    await first.importBatch(THREE_TOPICS);
    const kept = await snapshot(first);
    await first.close();

    const raw = neo4j.driver(
      connection.uri,
      neo4j.auth.basic(connection.user, connection.password),
    );
    try {
      await raw.executeQuery(FORGET_RELATIONS, {}, { routing: neo4j.routing.WRITE });
    } finally {
      await raw.close();
    }

    const reopened = await createNeo4jStore(connection, { indexWaitSeconds: 120 });
    try {
      expect(await snapshot(reopened)).toEqual(kept);
    } finally {
      await reopened.close();
    }

    const counting = countingDriver(openNeo4jDriver(connection));
    const again = await createNeo4jStoreWithDriver(counting, { indexWaitSeconds: 120 });
    try {
      const statements = counting.calls.map((call) => call.statement);
      expect(statements).toContain('relationsMissing');
      expect(statements.filter((name) => name.startsWith('relationsWrite'))).toEqual([]);
      expect(await snapshot(again)).toEqual(kept);
    } finally {
      await again.close();
    }
  });
});
