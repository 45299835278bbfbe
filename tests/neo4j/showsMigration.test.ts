// A Neo4j graph written before shows (episodes without IN_SHOW, no migration mark) gets its shows when
// the store starts: the episodes with a source paper join the "AI Papers" show, an episode without one
// waits for its feed's next import; the migration runs once, so a later showless episode stays so.
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { episodeIdFor } from '../../server/src/domain/episodeId.ts';
import type { EpisodeRecord } from '../../server/src/domain/model.ts';
import { aiPapersShow } from '../../server/src/domain/show.ts';
import { createNeo4jStore } from '../../server/src/store/neo4j/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { neo4jStoreFactory, neo4jTestSettings } from '../helpers/neo4j.ts';

const settings = neo4jTestSettings();
const title =
  settings.skipReason === undefined
    ? 'Neo4j shows migration'
    : `Neo4j shows migration (skipped: ${settings.skipReason})`;

const dpo = arxivPaper('2305.18290', 'Direct Preference Optimization');
const ppo = arxivPaper('1707.06347', 'Proximal Policy Optimization Algorithms');
const aboutDpo = episode({ title: 'DPO', source: dpo, publishedAt: '2026-01-02' });
const aboutPpo = episode({ title: 'PPO', source: ppo, publishedAt: '2026-01-01' });
const notes: EpisodeRecord = {
  id: episodeIdFor('episode:guid:other-1'),
  title: 'Another podcast’s episode',
  publishedAt: null,
  paperPublishedAt: null,
  durationMinutes: null,
  summary: null,
  takeaways: [],
  chapters: [],
  sourcePaperId: null,
  recommendations: [],
  mentions: [{ paperId: dpo.id, note: 'DPO.' }],
  guid: 'other-1',
};

/** Forgets that the shows migration ran: the graph is then as a version before shows left it. */
async function forgetShowsMigration(): Promise<void> {
  const connection = settings.connection!;
  const driver = neo4j.driver(
    connection.uri,
    neo4j.auth.basic(connection.user, connection.password),
  );
  try {
    await driver.executeQuery(
      'MATCH (m:DataMigration {key: $key}) DELETE m',
      { key: 'shows' },
      connection.database === undefined ? {} : { database: connection.database },
    );
  } finally {
    await driver.close();
  }
}

describe.skipIf(settings.skipReason !== undefined)(title, () => {
  const factory = neo4jStoreFactory();
  let store: GraphStore | undefined;

  beforeAll(async () => {
    const old = await factory.create();
    await old.importBatch(batchOf([aboutDpo, aboutPpo, notes], [dpo, ppo]));
    await old.close();
    await forgetShowsMigration();
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await factory.cleanup();
  });

  it('gives the episodes about a paper the "AI Papers" show at start, once', async () => {
    store = await createNeo4jStore(settings.connection!, { indexWaitSeconds: 120 });
    const episodes = await store.episodesByIds([aboutDpo.id, aboutPpo.id, notes.id]);
    expect(episodes.map((e) => e?.showId)).toEqual([
      aiPapersShow().id,
      aiPapersShow().id,
      undefined,
    ]);
    expect(await store.listShows({ offset: 0, limit: 10 })).toEqual({
      items: [{ ...aiPapersShow(), episodeCount: 2 }],
      totalCount: 1,
    });
    // Imported without a show after the migration, an episode stays without one across a restart.
    const later = episode({ title: 'Later', source: arxivPaper('2106.09685', 'LoRA') });
    await store.importBatch(batchOf([later], [arxivPaper('2106.09685', 'LoRA')]));
    await store.close();
    store = await createNeo4jStore(settings.connection!, { indexWaitSeconds: 120 });
    const [stillShowless] = await store.episodesByIds([later.id]);
    expect(stillShowless?.showId).toBeUndefined();
    expect((await store.showsByIds([aiPapersShow().id]))[0]?.episodeCount).toBe(2);
  }, 180_000);
});
