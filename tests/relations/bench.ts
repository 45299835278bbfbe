// node --expose-gc tests/relations/bench.ts [DIR]: relations at scale on a generated feed (npm run
// gen -- --size medium --out DIR writes 10,000 episodes). Measures, in CPU time of this process
// (the machine is shared, so wall time would measure the neighbours): tokenizing, the text index
// alone, a full build (which tokenizes again), relations of every episode, clusters, and
// incremental updates of 1, 10 and 89 added, 10 changed and 10 removed episodes against the built
// corpus, and the episode map of a 5,000-episode corpus.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { EpisodeRecord } from '../../server/src/domain/model.ts';
import { importFeedFile } from '../../server/src/import/pipeline.ts';
import { episodeParts } from '../../server/src/relations/episodeDocument.ts';
import { indexMapSource, selectEpisodeMap } from '../../server/src/relations/episodeMap.ts';
import { RelationIndex } from '../../server/src/relations/relationIndex.ts';
import { TermNumbering } from '../../server/src/relations/termNumbering.ts';
import { Vocabulary } from '../../server/src/relations/terms.ts';
import { TextIndex } from '../../server/src/relations/textIndex.ts';

const dir = process.argv[2] ?? '/tmp/gen10k';
const parts = readdirSync(dir).filter((name) => /^feed(-\d+)?\.json$/.test(name));
const episodes: EpisodeRecord[] = [];
const paperTitles = new Map<string, string | null>();
for (const part of parts.sort()) {
  const batch = await importFeedFile(join(dir, part));
  episodes.push(...batch.episodes);
  for (const paper of batch.papers) paperTitles.set(paper.id, paper.title);
}

function cpu<T>(label: string, run: () => T): T {
  const start = process.cpuUsage();
  const wall = performance.now();
  const result = run();
  const used = process.cpuUsage(start);
  const ms = (used.user + used.system) / 1000;
  console.log(
    `${label.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms CPU ${(performance.now() - wall).toFixed(0).padStart(7)} ms wall`,
  );
  return result;
}

console.log(`${episodes.length} episodes, ${paperTitles.size} papers (${dir})`);
const vocabulary = new Vocabulary();
vocabulary.count(['warm the model up']);
const titleOf = (id: string) => paperTitles.get(id) ?? null;
const numbering = new TermNumbering(vocabulary);
const documents = cpu('tokenize every episode', () =>
  episodes.map((episode) => ({
    id: episode.id,
    terms: numbering.adopt(vocabulary.countText(episodeParts(episode, titleOf))),
  })),
);
cpu('text index alone: learn BM25, rank neighbours', () =>
  TextIndex.fromCounted(numbering, documents),
);
documents.length = 0;
const held = episodes.slice(-100);
const base = episodes.slice(0, -100);
const index = cpu(`build (${base.length} episodes)`, () =>
  RelationIndex.build({ episodes: base, paperTitles }),
);
cpu('relations of every episode (top 10)', () => {
  for (const episode of base) index.relationsOf(episode.id, 10);
});
const clusters = cpu('clusters (relations, Louvain, labels)', () => index.clusters());
console.log(
  `  ${clusters.length} clusters; largest ${clusters
    .slice(0, 3)
    .map((c) => `${c.size} "${c.label}"`)
    .join(', ')}`,
);
for (const [count, from] of [
  [1, 0],
  [10, 1],
  [89, 11],
] as const) {
  const added = held.slice(from, from + count);
  const affected = cpu(`update: add ${count} episode(s)`, () =>
    index.update({ episodes: added, removedEpisodeIds: [], paperTitles }),
  );
  console.log(`  ${affected.size} episodes affected`);
}
const changed = base.slice(0, 10).map((e) => ({ ...e, summary: `${e.summary ?? ''} Revised.` }));
cpu('update: change 10 episodes', () =>
  index.update({ episodes: changed, removedEpisodeIds: [], paperTitles }),
);
cpu('update: remove 10 episodes', () =>
  index.update({
    episodes: [],
    removedEpisodeIds: base.slice(10, 20).map((e) => e.id),
    paperTitles,
  }),
);
cpu('clusters again, ids matched to the previous', () => index.clusters(clusters));
const half = RelationIndex.build({ episodes: episodes.slice(0, 5000), paperTitles });
const halfClusters = half.clusters();
for (const limit of [300, 1000, 5000]) {
  const map = cpu(`episode map of 5,000 episodes, limit ${limit}`, () =>
    selectEpisodeMap(indexMapSource(half, halfClusters), { limit }),
  );
  console.log(
    `  ${map.episodes.length} episodes, ${map.edges.length} edges, ${map.clusters.length} clusters, ${(100 * map.isolatedShare).toFixed(1)} % isolated`,
  );
}
// With --expose-gc the heap is what the index keeps (and the feed this script holds), not garbage.
(globalThis as { gc?: () => void }).gc?.();
console.log(`heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
