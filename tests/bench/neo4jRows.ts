// The Neo4j store's cost per query in database round trips, counted by the Neo4j engineer's wrapper
// (server/src/store/neo4j/countingDriver.ts). Without a server the counts come from the same GraphQL
// queries over a driver answering canned rows; with NEO4J_URI set the bench also imports the feed
// into that database and times the three queries there.
import { join } from 'node:path';
import { importFeedFile } from '../../server/src/import/pipeline.ts';
import { countingDriver, type CountingDriver } from '../../server/src/store/neo4j/countingDriver.ts';
import { createNeo4jStoreWithDriver, openNeo4jDriver } from '../../server/src/store/neo4j/index.ts';
import { Neo4jStore } from '../../server/src/store/neo4j/neo4jStore.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { fakeDriver } from '../neo4j/fakeDriver.ts';
import { episodeOne, paperC, sampleAnswers } from '../neo4j/sampleRows.ts';
import type { Feed } from './feed.ts';
import { IMPORT_GOAL } from './importRows.ts';
import { CITED_BY_QUERY, GRAPH_QUERY, inProcessExecutor, RELATED_QUERY, sampleQueries } from './queryRows.ts';
import { row, type Row } from './report.ts';
import { measureLatency, ms } from './timing.ts';

export interface RoundTrips {
  query: string;
  roundTrips: number;
  statements: string[];
}

async function countPerQuery(store: GraphStore, counting: CountingDriver, episodeId: string, paperId: string): Promise<RoundTrips[]> {
  const execute = inProcessExecutor(store);
  const cases: [string, string, Record<string, unknown>][] = [
    ['related(first:10) with sharedPapers and episode titles', RELATED_QUERY, { id: episodeId }],
    ['paper(ref){ citedBy(first:50){ episode{title} } }', CITED_BY_QUERY, { ref: paperId }],
    ['graph(focus, depth:2, limit:2000)', GRAPH_QUERY, { focus: episodeId }],
  ];
  const out: RoundTrips[] = [];
  for (const [query, text, variables] of cases) {
    const { calls } = await counting.measure(() => execute(text, variables));
    out.push({ query, roundTrips: calls.length, statements: calls.map((c) => c.statement) });
  }
  return out;
}

/** Round trips per query, without a database: the canned sample graph answers. */
export async function neo4jRoundTrips(): Promise<RoundTrips[]> {
  const counting = countingDriver(fakeDriver(sampleAnswers()));
  return countPerQuery(new Neo4jStore(counting), counting, episodeOne.id, paperC.id);
}

export function renderRoundTrips(list: readonly RoundTrips[]): string {
  return list.map((r) => `- ${r.query}: ${r.roundTrips} round trip(s) (${r.statements.join(', ')})`).join('\n');
}

/** With NEO4J_URI: import the feed into that (scratch!) database and time the three queries there. */
export async function neo4jLiveRows(feed: Feed, samples: number, log: (line: string) => void): Promise<{ rows: Row[]; roundTrips: RoundTrips[] }> {
  const uri = process.env['NEO4J_URI']!;
  const counting = countingDriver(
    openNeo4jDriver({ uri, user: process.env['NEO4J_USER'] ?? 'neo4j', password: process.env['NEO4J_PASSWORD'] ?? '', database: process.env['NEO4J_DATABASE'] }),
  );
  const store = await createNeo4jStoreWithDriver(counting);
  try {
    log(`neo4j: importing ${feed.manifest.episodes} episodes into ${uri}`);
    const started = performance.now();
    for (const part of feed.manifest.parts) await store.importBatch(await importFeedFile(join(feed.dir, part.rss)));
    const rate = feed.manifest.episodes / ((performance.now() - started) / 1000);
    const sample = await sampleQueries(store, Math.min(100, samples));
    const execute = inProcessExecutor(store);
    const pick = (i: number) => sample.episodeIds[i % sample.episodeIds.length]!;
    const related = await measureLatency((i) => execute(RELATED_QUERY, { id: pick(i) }), samples, 10);
    const citedBy = await measureLatency(() => execute(CITED_BY_QUERY, { ref: sample.mostCitedPaper.id }), samples, 10);
    const graph = await measureLatency((i) => execute(GRAPH_QUERY, { focus: pick(i) }), Math.max(5, samples / 5), 3);
    const roundTrips = await countPerQuery(store, counting, pick(0), sample.mostCitedPaper.id);
    const atMost = (target: number) => ({ kind: 'atMost', target, unit: 'ms' }) as const;
    return {
      roundTrips,
      rows: [
        row('neo4j-import', 'Neo4j: import RSS through the whole pipeline', IMPORT_GOAL, rate, `${Math.round(rate)} episodes/s`),
        row('neo4j-related-p50', 'Neo4j: related(first:10) p50', atMost(0.3), related.p50, `${ms(related.p50)} ms (p99 ${ms(related.p99)} ms)`),
        row('neo4j-cited-by-p50', 'Neo4j: citedBy(first:50) of the most-cited paper p50', atMost(1), citedBy.p50, `${ms(citedBy.p50)} ms`),
        row('neo4j-graph-p50', 'Neo4j: graph(focus, depth:2, limit:2000) p50', atMost(10), graph.p50, `${ms(graph.p50)} ms`),
      ],
    };
  } finally {
    await store.close();
  }
}
