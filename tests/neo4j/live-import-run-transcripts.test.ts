// Against a real Neo4j: an import run of several transactions that writes transcripts and fails part
// way is undone with them (server/src/store/neo4j/importRun.ts). The passages the run created are
// deleted, those it replaced are back with their text and times, and the transcript search finds
// what it found before and nothing the run wrote.
import { afterAll, describe, expect, it } from 'vitest';

import type { EpisodeRecord, ImportBatch } from '../../server/src/domain/model.ts';
import type { TranscriptLine } from '../../server/src/domain/transcript.ts';
import { type CypherDriver, openNeo4jDriver } from '../../server/src/store/neo4j/driver.ts';
import { createNeo4jStoreWithDriver } from '../../server/src/store/neo4j/index.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { neo4jTestSettings, wipeNeo4j } from '../helpers/neo4j.ts';
import { failingAt, readRaw } from '../helpers/neo4jFaults.ts';

const settings = neo4jTestSettings();
const title =
  settings.skipReason === undefined
    ? 'live Neo4j import runs with transcripts'
    : `live Neo4j import runs with transcripts (skipped: ${settings.skipReason})`;

/** Two episodes a transaction: the failing import below takes three. */
const PER_TRANSACTION = 2;

/** Sixty lines about `topic` (several stored passages), the last naming `word` at `second`. */
function transcriptAbout(topic: string, word: string, second: number): TranscriptLine[] {
  return [
    ...Array.from({ length: 60 }, (_, i) => ({
      start: i * 3,
      text: `Line ${i} of the conversation about ${topic} and how it was evaluated.`,
    })),
    { start: second, text: `The ${word} result is the one to remember.` },
  ];
}

const dpo = arxivPaper('2305.18290', 'Direct Preference Optimization');
const ppo = arxivPaper('1707.06347', 'Proximal Policy Optimization Algorithms');
const grpo = arxivPaper('2402.03300', 'DeepSeekMath');
const instruct = arxivPaper('2203.02155', 'Training language models to follow instructions');
const r1 = arxivPaper('2501.12948', 'DeepSeek-R1');

const withTranscript = (record: EpisodeRecord, transcript: TranscriptLine[]): EpisodeRecord => ({
  ...record,
  transcript,
});

const stored = {
  /** Transcribed before the run; the run replaces its transcript. */
  replaced: withTranscript(
    episode({ title: 'Preference optimisation', source: dpo }),
    transcriptAbout('preference data', 'aardvark', 700),
  ),
  /** No transcript before the run; the run gives it one. */
  untranscribed: episode({ title: 'Proximal policies', source: ppo }),
};
const before: ImportBatch = batchOf([stored.replaced, stored.untranscribed], [dpo, ppo]);

/** Three transactions: the two stored episodes changed, then four new ones, every one transcribed. */
const failing: ImportBatch = batchOf(
  [
    withTranscript(stored.replaced, transcriptAbout('reward models', 'bandicoot', 710)),
    withTranscript(stored.untranscribed, transcriptAbout('clipping', 'capybara', 720)),
    withTranscript(
      episode({ title: 'Group relative', source: grpo }),
      transcriptAbout('groups', 'dugong', 730),
    ),
    withTranscript(
      episode({ title: 'Instructions', source: instruct }),
      transcriptAbout('instructions', 'echidna', 740),
    ),
    withTranscript(
      episode({ title: 'Reasoning', source: r1 }),
      transcriptAbout('reasoning', 'fennec', 750),
    ),
  ],
  [dpo, ppo, grpo, instruct, r1],
);

/** Test-only: the transcript passages, each with its episode, position, times and text. */
const PASSAGES = `MATCH (e:Episode)-[:HAS_PASSAGE]->(t:TranscriptPassage)
RETURN e.id AS episodeId, t.position AS position, t.startsJson AS startsJson, t.text AS text
ORDER BY episodeId, position`;
/** Test-only: passages and links whatever they hang on, journal entries and open runs. */
const COUNTS = `RETURN COUNT { (:TranscriptPassage) } AS passages,
  COUNT { ()-[:HAS_PASSAGE]->() } AS links,
  COUNT { (:ImportJournal) } AS journal,
  COUNT { (:ImportRun) } AS runs`;

const WORDS = ['aardvark', 'bandicoot', 'capybara', 'dugong', 'echidna', 'fennec'];

/** What a reader sees of the transcripts, and the passages behind them. */
async function transcriptState(store: GraphStore) {
  const found: Record<string, [string, number | null][]> = {};
  for (const word of WORDS)
    found[word] = (await store.searchTranscripts(word, 10)).map((hit) => [
      hit.episodeId,
      hit.startSeconds,
    ]);
  return {
    exported: await store.exportBatch(),
    found,
    passages: await readRaw(settings.connection!, PASSAGES),
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

  // The third transcript write is the run's last batch; markGraphChanged comes after every batch.
  for (const [statement, times] of [
    ['importWriteTranscripts', 3],
    ['markGraphChanged', 1],
  ] as const) {
    it(`deletes the passages it created and restores those it replaced when ${statement} fails`, async () => {
      await wipeNeo4j(connection);
      const first = await open();
      await first.importBatch(before);
      const was = await transcriptState(first);
      await first.close();
      // The state compared is not empty: one transcript in passages, found by its word only.
      expect(was.found).toEqual({ ...emptyFound(), aardvark: [[stored.replaced.id, 700]] });
      expect(was.counts).toEqual({
        passages: was.passages.length,
        links: was.passages.length,
        journal: 0,
        runs: 0,
      });
      expect(was.passages.length).toBeGreaterThan(1);

      const store = await open(failingAt(openNeo4jDriver(connection), statement, times));
      try {
        await expect(store.importBatches([failing])).rejects.toThrow(
          `injected failure in ${statement}`,
        );
        expect(await transcriptState(store)).toEqual(was);

        // Once nothing fails, the same run writes every transcript.
        const [result] = await store.importBatches([failing]);
        expect(result?.updated).toHaveLength(2);
        expect(result?.added).toHaveLength(3);
        const now = await transcriptState(store);
        expect(now.found).toEqual({
          ...emptyFound(),
          bandicoot: [[stored.replaced.id, 710]],
          capybara: [[stored.untranscribed.id, 720]],
          dugong: [[failing.episodes[2]!.id, 730]],
          echidna: [[failing.episodes[3]!.id, 740]],
          fennec: [[failing.episodes[4]!.id, 750]],
        });
      } finally {
        await store.close();
      }
    }, 300_000);
  }
});

function emptyFound(): Record<string, [string, number | null][]> {
  return Object.fromEntries(WORDS.map((word) => [word, []]));
}
