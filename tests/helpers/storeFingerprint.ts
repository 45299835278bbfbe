// A digest of everything a store holds, plus a check that its in-memory side agrees with its durable side:
// two stores with equal fingerprints answer every query alike.
import { createHash } from 'node:crypto';

import type { Stats } from '../../server/src/domain/model.ts';
import type { GraphStore } from '../../server/src/store/store.ts';

export interface Fingerprint {
  digest: string;
  stats: Stats;
}

export async function storeFingerprint(store: GraphStore): Promise<Fingerprint> {
  const exported = await store.exportBatch();
  const stats = await store.stats();
  const fromExport = {
    episodes: exported.episodes.length,
    papers: exported.papers.length,
    citations: exported.episodes.reduce((sum, e) => sum + 1 + e.recommendations.length, 0),
  };
  if (JSON.stringify(stats) !== JSON.stringify(fromExport)) {
    throw new Error(
      `stats ${JSON.stringify(stats)} disagree with the exported data ${JSON.stringify(fromExport)}`,
    );
  }
  const pairs = new Set(
    exported.episodes.flatMap((e) =>
      [e.sourcePaperId, ...e.recommendations.map((r) => r.paperId)].map((p) => `${e.id} ${p}`),
    ),
  );
  const whole = await store.graph({ depth: 1, limit: Number.MAX_SAFE_INTEGER, minCitations: 0 });
  if (whole.nodes.length !== stats.episodes + stats.papers || whole.edges.length !== pairs.size) {
    throw new Error(
      `graph has ${whole.nodes.length} nodes/${whole.edges.length} edges, data has ${stats.episodes + stats.papers}/${pairs.size}`,
    );
  }
  return { digest: createHash('sha256').update(JSON.stringify(exported)).digest('hex'), stats };
}
