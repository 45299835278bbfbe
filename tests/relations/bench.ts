// node --expose-gc tests/relations/bench.ts [DIR]: relations at scale on a generated feed (npm run
// gen -- --size medium --out DIR writes 10,000 episodes). Measures, in CPU time of this process
// (the machine is shared, so wall time would measure the neighbours): tokenizing, the text index
// alone, then what a first import's relation keeping does after its last write, its texts counted
// (a full build, every episode's top 50 relations, the clusters from their ten strongest), and
// incremental updates of 1, 10 and 89 added, 10 changed and 10 removed episodes against the built
// corpus with the relations of the episodes they affect, and the episode map of a 5,000-episode
// corpus. The corpus' shape comes first: how many episodes cite the most cited papers, which is
// what an episode's paper-linked candidates are.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { EpisodeRecord } from '../../server/src/domain/model.ts';
import { importFeedFile } from '../../server/src/import/pipeline.ts';
import { indexMapSource, selectEpisodeMap } from '../../server/src/relations/episodeMap.ts';
import { EpisodeTerms } from '../../server/src/relations/episodeTerms.ts';
import {
  type RelationChange,
  RelationIndex,
  type ScoredRelation,
} from '../../server/src/relations/relationIndex.ts';
import { TermNumbering } from '../../server/src/relations/termNumbering.ts';
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
const citers = new Map<string, number>();
for (const episode of episodes) {
  const cited = new Set([
    ...(episode.sourcePaperId ? [episode.sourcePaperId] : []),
    ...episode.recommendations.map((r) => r.paperId),
    ...(episode.mentions ?? []).map((m) => m.paperId),
  ]);
  for (const paperId of cited) citers.set(paperId, (citers.get(paperId) ?? 0) + 1);
}
const degrees = [...citers.values()].sort((a, b) => b - a);
console.log(
  `  most cited papers: ${degrees.slice(0, 3).join(', ')} episodes; ${degrees.filter((d) => d > 100).length} papers cited by over 100; ${degrees.reduce((sum, d) => sum + d * (d - 1), 0)} (episode, co-citer) pairs`,
);
const titleOf = (id: string) => paperTitles.get(id) ?? null;
// Kept counted texts, as the keeper holds them once an import's worker counted them: the build and
// the updates below tokenize nothing they hold.
const terms = new EpisodeTerms();
const texts = cpu('tokenize every episode', () =>
  episodes.map((episode) => terms.count(episode, titleOf)),
);
cpu('text index alone: number terms, learn BM25, rank', () => {
  const numbering = new TermNumbering(terms.tokenizer, texts);
  const documents = episodes.map((episode, i) => ({
    id: episode.id,
    terms: numbering.adopt(texts[i]!),
  }));
  return TextIndex.fromCounted(numbering, documents);
});
texts.length = 0;
const held = episodes.slice(-100);
const base = episodes.slice(0, -100);
// What a first import's relation keeping computes after its last write.
const index = cpu(`build (${base.length} episodes, texts counted)`, () =>
  RelationIndex.build({ episodes: base, paperTitles }, {}, terms),
);
const strongest = new Map<string, ScoredRelation[]>();
let related = 0;
const keep = (id: string) => {
  const relations = index.relationsOf(id, 50);
  related += relations.length;
  strongest.set(
    id,
    relations.slice(0, 10).map(({ episodeId, score }) => ({ episodeId, score })),
  );
};
cpu('relations of every episode (top 50, as kept)', () => {
  for (const episode of base) keep(episode.id);
});
console.log(`  ${related} relations, ${(related / base.length).toFixed(1)} per episode`);
const clusters = cpu('clusters of their ten strongest (Louvain, labels)', () =>
  index.clusters([], (id) => strongest.get(id) ?? []),
);
console.log(
  `  ${clusters.length} clusters; largest ${clusters
    .slice(0, 3)
    .map((c) => `${c.size} "${c.label}"`)
    .join(', ')}`,
);
// Updates as the keeper makes them: the change, then the affected episodes' relations.
const keptUpdate = (label: string, change: RelationChange) => {
  const affected = cpu(label, () => {
    const ids = index.update(change);
    for (const id of change.removedEpisodeIds) strongest.delete(id);
    for (const id of ids) keep(id);
    return ids;
  });
  console.log(`  ${affected.size} episodes affected`);
};
for (const [count, from] of [
  [1, 0],
  [10, 1],
  [89, 11],
] as const) {
  const added = held.slice(from, from + count);
  keptUpdate(`update: add ${count} episode(s)`, {
    episodes: added,
    removedEpisodeIds: [],
    paperTitles,
  });
}
const changed = base.slice(0, 10).map((e) => ({ ...e, summary: `${e.summary ?? ''} Revised.` }));
keptUpdate('update: change 10 episodes', {
  episodes: changed,
  removedEpisodeIds: [],
  paperTitles,
});
keptUpdate('update: remove 10 episodes', {
  episodes: [],
  removedEpisodeIds: base.slice(10, 20).map((e) => e.id),
  paperTitles,
});
cpu('clusters again, ids matched to the previous', () =>
  index.clusters(clusters, (id) => strongest.get(id) ?? []),
);
const half = RelationIndex.build({ episodes: episodes.slice(0, 5000), paperTitles }, {}, terms);
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
