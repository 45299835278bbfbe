// Import throughput through the whole pipeline: read the file, parse (RSS reader + episode text parser,
// or the JSON reader), resolve paper ids, validate, then the store validates again and commits
// durably. One store call per feed part, as `npm run import` does per file.
import { join } from 'node:path';
import { importFeedFile } from '../../server/src/import/pipeline.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import type { Feed } from './feed.ts';
import { row, type Row } from './report.ts';

export const IMPORT_GOAL = { kind: 'atLeast', target: 10_000, unit: 'episodes/s' } as const;

export interface ImportTiming {
  episodesPerSecond: number;
  seconds: number;
  /** Reading + parsing + resolving + pipeline validation. */
  pipelineSeconds: number;
  /** store.importBatch: its own validation, planning and the SQLite transaction. */
  storeSeconds: number;
}

export async function timeImport(store: GraphStore, feed: Feed, format: 'rss' | 'json'): Promise<ImportTiming> {
  let pipelineMs = 0;
  let storeMs = 0;
  let episodes = 0;
  const started = performance.now();
  for (const part of feed.manifest.parts) {
    const t0 = performance.now();
    const batch = await importFeedFile(join(feed.dir, format === 'rss' ? part.rss : part.json));
    const t1 = performance.now();
    const result = await store.importBatch(batch);
    storeMs += performance.now() - t1;
    pipelineMs += t1 - t0;
    episodes += result.added.length + result.updated.length + result.unchanged.length;
  }
  const seconds = (performance.now() - started) / 1000;
  return { episodesPerSecond: episodes / seconds, seconds, pipelineSeconds: pipelineMs / 1000, storeSeconds: storeMs / 1000 };
}

export function importRow(format: 'rss' | 'json', feed: Feed, timing: ImportTiming): Row {
  const parts = feed.manifest.parts.length;
  const bytes = feed.manifest.parts.reduce((n, p) => n + (format === 'rss' ? p.rssBytes : p.jsonBytes), 0);
  return row(
    `import-${format}`,
    `import ${format === 'rss' ? 'RSS' : 'JSON export'} through the whole pipeline`,
    IMPORT_GOAL,
    timing.episodesPerSecond,
    `${Math.round(timing.episodesPerSecond).toLocaleString('en-US')} episodes/s`,
    `${feed.manifest.episodes} episodes in ${parts} file(s), ${(bytes / 1e6).toFixed(0)} MB, ${timing.seconds.toFixed(1)} s: ` +
      `read+parse+resolve+validate ${timing.pipelineSeconds.toFixed(1)} s, store (validate+plan+SQLite commit) ${timing.storeSeconds.toFixed(1)} s`,
  );
}
