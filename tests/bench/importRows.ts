// Import throughput through the whole pipeline, as `npm run import -- FILE...` runs it: every part of
// the feed in one importFiles call (read, parse — RSS reader + episode text parser, or the JSON reader —
// resolve paper ids and validate on a worker thread, while the store validates again and writes the
// parts before it), one transaction committed durably at the end.
import { join } from 'node:path';
import { importFiles } from '../../server/src/import/importFiles.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import type { Feed } from './feed.ts';
import { row, type Row } from './report.ts';

const IMPORT_GOAL = { kind: 'atLeast', target: 10_000, unit: 'episodes/s' } as const;

export interface ImportTiming {
  episodesPerSecond: number;
  seconds: number;
}

export async function timeImport(
  store: GraphStore,
  feed: Feed,
  format: 'rss' | 'json',
): Promise<ImportTiming> {
  const files = feed.manifest.parts.map((part) =>
    join(feed.dir, format === 'rss' ? part.rss : part.json),
  );
  const started = performance.now();
  const results = await importFiles(store, files);
  const seconds = (performance.now() - started) / 1000;
  const episodes = results.reduce(
    (n, r) => n + r.added.length + r.updated.length + r.unchanged.length,
    0,
  );
  return { episodesPerSecond: episodes / seconds, seconds };
}

export function importRow(format: 'rss' | 'json', feed: Feed, timing: ImportTiming): Row {
  const parts = feed.manifest.parts.length;
  const bytes = feed.manifest.parts.reduce(
    (n, p) => n + (format === 'rss' ? p.rssBytes : p.jsonBytes),
    0,
  );
  return row(
    `import-${format}`,
    `import ${format === 'rss' ? 'RSS' : 'JSON export'} through the whole pipeline`,
    IMPORT_GOAL,
    timing.episodesPerSecond,
    `${Math.round(timing.episodesPerSecond).toLocaleString('en-US')} episodes/s`,
    `${feed.manifest.episodes} episodes in ${parts} file(s), ${(bytes / 1e6).toFixed(0)} MB, ${timing.seconds.toFixed(1)} s, ` +
      `one importFiles call (parsing on a worker thread, overlapped with the store's writes; one transaction)`,
  );
}
