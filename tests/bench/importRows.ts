// Import throughput through the whole pipeline, as `npm run import -- FILE...` runs it: every part of
// the feed in one importFiles call (read, parse — RSS reader + episode text parser, or the JSON reader —
// resolve paper ids and validate on a worker thread, while the store validates again and writes the
// parts before it), one transaction committed durably at the end. The time the store spent keeping
// relations after its last write (reported on relationKeepingChannel) gives an estimate of the rate the
// same import would have without them: issue 20 asks that keeping relations leave at least 80 % of it.
import { join } from 'node:path';

import { importFiles } from '../../server/src/import/importFiles.ts';
import {
  relationKeepingChannel,
  type RelationKeepingTime,
} from '../../server/src/store/shared/relationKeeper.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import type { Feed } from './feed.ts';
import { type Row, row } from './report.ts';

const IMPORT_GOAL = { kind: 'atLeast', target: 10_000, unit: 'episodes/s' } as const;
const RELATIONS_KEPT_GOAL = { kind: 'atLeast', target: 0.8, unit: '×' } as const;

export interface ImportTiming {
  episodesPerSecond: number;
  seconds: number;
  /** Of `seconds`, the time the store spent computing and persisting relations. */
  relationSeconds: number;
}

export async function timeImport(
  store: GraphStore,
  feed: Feed,
  format: 'rss' | 'json',
): Promise<ImportTiming> {
  const files = feed.manifest.parts.map((part) =>
    join(feed.dir, format === 'rss' ? part.rss : part.json),
  );
  let relationMilliseconds = 0;
  const onKept = (message: unknown) => {
    relationMilliseconds += (message as RelationKeepingTime).milliseconds;
  };
  relationKeepingChannel.subscribe(onKept);
  const started = performance.now();
  try {
    const results = await importFiles(store, files);
    const seconds = (performance.now() - started) / 1000;
    const episodes = results.reduce(
      (n, r) => n + r.added.length + r.updated.length + r.unchanged.length,
      0,
    );
    return {
      episodesPerSecond: episodes / seconds,
      seconds,
      relationSeconds: relationMilliseconds / 1000,
    };
  } finally {
    relationKeepingChannel.unsubscribe(onKept);
  }
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

/**
 * The import's rate with relations kept ÷ an estimate of its rate without them: the same import less
 * what relationKeepingChannel reports, i.e. the store's relation work after the last batch is
 * written (computing and persisting them, on the importing thread, so nothing else overlaps it;
 * counting the texts a later file retitled, on the parse workers the import lends, while the
 * importing thread waits) and the time it waited for the parse worker to finish counting the
 * episode texts for them. Not
 * subtracted, so counted as the import's own: the worker's counting while the store writes (when
 * it makes the worker parse later than the store could write) and the importing thread adopting
 * each counted batch while it waits for the next file. It is not a measured import without
 * relations (there is none), nor the yardstick, the import before relations existed
 * (docs/relations.md compares with that).
 */
export function relationsKeptRow(feed: Feed, timing: ImportTiming): Row {
  const without = timing.seconds - timing.relationSeconds;
  const ratio = without / timing.seconds;
  const episodes = feed.manifest.episodes;
  return row(
    'import-relations',
    'import rate with relations kept ÷ without (RSS)',
    RELATIONS_KEPT_GOAL,
    ratio,
    `${ratio.toFixed(2)}× (${Math.round(episodes / timing.seconds).toLocaleString('en-US')} vs ${Math.round(episodes / without).toLocaleString('en-US')} episodes/s)`,
    `the RSS import above: ${timing.seconds.toFixed(1)} s, of which ${timing.relationSeconds.toFixed(1)} s computing and persisting ` +
      `relations and clusters after its last write (counting the texts a later file retitled included), or waiting for the parse worker's counting of their texts (relationKeepingChannel), ` +
      `subtracted for the rate without them; counting texts and adopting them during the writes stay in the import's own time. ` +
      `An estimate, not the import before relations (docs/relations.md)`,
  );
}
