// Child process for the Kùzu peer: opens the database read-only and answers the stats question (its
// first line on stdout is the parent's "answered" mark), then on "measure" from stdin times related and
// citedBy with prepared statements and prints their latencies, and exits when stdin closes.
//   node kuzuWorker.ts <databasePath> <sample.json>
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

import { Connection, Database, type QueryResult } from 'kuzu';

import { KUZU_CITED_BY, KUZU_RELATED, KUZU_STATS, type KuzuWorkerSample } from './kuzuQueries.ts';
import { measureLatency } from './timing.ts';

const [databasePath, samplePath] = process.argv.slice(2);
if (!databasePath || !samplePath)
  throw new Error('usage: kuzuWorker.ts <databasePath> <sample.json>');

const database = new Database(databasePath, undefined, undefined, true);
const connection = new Connection(database);

async function rowsOf(
  result: Promise<QueryResult | QueryResult[]>,
): Promise<Record<string, unknown>[]> {
  const answered = await result;
  const last = Array.isArray(answered) ? answered.at(-1)! : answered;
  return last.getAll();
}

const stats = (await rowsOf(connection.query(KUZU_STATS)))[0];
process.stdout.write(
  `${JSON.stringify({ stats }, (_, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))}\n`,
);

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line !== 'measure') continue;
  const sample = JSON.parse(readFileSync(samplePath, 'utf8')) as KuzuWorkerSample;
  const related = await connection.prepare(KUZU_RELATED);
  const citedBy = await connection.prepare(KUZU_CITED_BY);
  const ids = sample.episodeIds;
  const relatedLatency = await measureLatency(
    (i) => rowsOf(connection.execute(related, { id: ids[i % ids.length]! })),
    sample.relatedSamples,
    Math.ceil(sample.relatedSamples / 4),
  );
  const citedByLatency = await measureLatency(
    () => rowsOf(connection.execute(citedBy, { id: sample.paperId })),
    sample.citedBySamples,
    Math.ceil(sample.citedBySamples / 4),
  );
  process.stdout.write(`${JSON.stringify({ related: relatedLatency, citedBy: citedByLatency })}\n`);
}
await connection.close();
await database.close();
