// Against a real Neo4j: an import run of several transactions that changes episodes' people and
// fails part way is undone with them (server/src/store/neo4j/importRun.ts). The people the run
// created are deleted, those it unlinked or deleted are back as they were, with every episode's
// links in feed order; once nothing fails, the same run writes them.
import { afterAll, describe, expect, it } from 'vitest';

import type { EpisodePerson, EpisodeRecord, ImportBatch } from '../../server/src/domain/model.ts';
import { personIdFor } from '../../server/src/domain/person.ts';
import { type CypherDriver, openNeo4jDriver } from '../../server/src/store/neo4j/driver.ts';
import { createNeo4jStoreWithDriver } from '../../server/src/store/neo4j/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { neo4jTestSettings, wipeNeo4j } from '../helpers/neo4j.ts';
import { failingAt, readRaw } from '../helpers/neo4jFaults.ts';

const settings = neo4jTestSettings();
const title =
  settings.skipReason === undefined
    ? 'live Neo4j import runs with people'
    : `live Neo4j import runs with people (skipped: ${settings.skipReason})`;

/** Two episodes a transaction: the failing import below takes three. */
const PER_TRANSACTION = 2;
const SHOW_ID = 'show_0123456789ab';

function named(name: string, role: string, href: string | null = null): EpisodePerson {
  return {
    personId: personIdFor({ href, name, showId: SHOW_ID }),
    name,
    role,
    group: 'cast',
    href,
    imageUrl: href === null ? null : `${href}/photo.jpg`,
  };
}

const ada = named('Ada Reviewer', 'host', 'https://ada.example.org');
const rafa = named('Rafa Guest', 'guest');
const zed = named('Zed Newcomer', 'guest');

const withPeople = (record: EpisodeRecord, people: EpisodePerson[]): EpisodeRecord => ({
  ...record,
  people,
});

const dpo = arxivPaper('2305.18290', 'Direct Preference Optimization');
const ppo = arxivPaper('1707.06347', 'Proximal Policy Optimization Algorithms');
const grpo = arxivPaper('2402.03300', 'DeepSeekMath');
const instruct = arxivPaper('2203.02155', 'Training language models to follow instructions');
const r1 = arxivPaper('2501.12948', 'DeepSeek-R1');

const stored = {
  /** Names Ada and Rafa before the run; the run drops Rafa (so deletes him) and renames Ada. */
  cast: withPeople(episode({ title: 'Preference optimisation', source: dpo }), [ada, rafa]),
  /** Names no one before the run; the run gives it Zed. */
  alone: episode({ title: 'Proximal policies', source: ppo }),
};
const before: ImportBatch = batchOf([stored.cast, stored.alone], [dpo, ppo]);

/** Three transactions: the two stored episodes changed, then three new ones, each naming someone. */
const failing: ImportBatch = batchOf(
  [
    withPeople(stored.cast, [{ ...ada, name: 'A. Reviewer', imageUrl: null }]),
    withPeople(stored.alone, [zed]),
    withPeople(episode({ title: 'Group relative', source: grpo }), [ada, zed]),
    withPeople(episode({ title: 'Instructions', source: instruct }), [zed]),
    withPeople(episode({ title: 'Reasoning', source: r1 }), [named('Late Guest', 'guest')]),
  ],
  [dpo, ppo, grpo, instruct, r1],
);

/** Test-only: every person and every link, journal entries and open runs. */
const PEOPLE = `MATCH (p:Person)
RETURN p.id AS id, p.name AS name, p.href AS href, p.imageUrl AS imageUrl
ORDER BY id`;
const LINKS = `MATCH (e:Episode)-[f:FEATURES]->(p:Person)
RETURN e.id AS episodeId, f.position AS position, p.id AS personId, f.name AS name, f.role AS role
ORDER BY episodeId, position`;
const COUNTS = `RETURN COUNT { (:ImportJournal) } AS journal, COUNT { (:ImportRun) } AS runs`;

/** What a reader sees of the people, and the nodes and links behind them. */
async function peopleState(store: GraphStore) {
  return {
    exported: await store.exportBatch(),
    people: await readRaw(settings.connection!, PEOPLE),
    links: await readRaw(settings.connection!, LINKS),
    counts: (await readRaw(settings.connection!, COUNTS))[0],
  };
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

  // The third people write is the run's last batch; markGraphChanged comes after every batch.
  for (const [statement, times] of [
    ['peopleWrite', 3],
    ['markGraphChanged', 1],
  ] as const) {
    it(`deletes the people it created and restores those it changed when ${statement} fails`, async () => {
      await wipeNeo4j(connection);
      const first = await open();
      await first.importBatch(before);
      const was = await peopleState(first);
      await first.close();
      // The state compared is not empty: two people, linked in feed order.
      expect(was.people.map((p) => p.name)).toEqual(
        [ada, rafa].sort((a, b) => a.personId.localeCompare(b.personId)).map((p) => p.name),
      );
      expect(was.links.map((l) => l.personId)).toEqual([ada.personId, rafa.personId]);
      expect(was.counts).toEqual({ journal: 0, runs: 0 });

      const store = await open(failingAt(openNeo4jDriver(connection), statement, times));
      try {
        await expect(store.importBatches([failing])).rejects.toThrow(
          `injected failure in ${statement}`,
        );
        expect(await peopleState(store)).toEqual(was);

        // Once nothing fails, the same run writes every episode's people.
        const [result] = await store.importBatches([failing]);
        expect(result?.updated).toHaveLength(2);
        expect(result?.added).toHaveLength(3);
        expect(await store.peopleByIds([rafa.personId])).toEqual([null]);
        const [zedNow, adaNow] = await store.peopleByIds([zed.personId, ada.personId]);
        expect(zedNow?.episodeCount).toBe(3);
        // Renamed without a picture by one episode, she keeps the picture another gives.
        expect(adaNow).toMatchObject({ href: ada.href, imageUrl: ada.imageUrl, episodeCount: 2 });
        expect(await store.peopleByEpisodeIds(failing.episodes.map((e) => e.id))).toEqual(
          failing.episodes.map((e) => e.people),
        );
      } finally {
        await store.close();
      }
    }, 300_000);
  }
});
