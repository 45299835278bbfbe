// The generated feed the bench imports: made once per size and seed, then reused from its folder.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { existingFeed, type FeedManifest, generateFeed } from '../../seed/generate.ts';

export interface Feed {
  dir: string;
  manifest: FeedManifest;
  /** Seconds spent generating; 0 when reused. */
  generatedIn: number;
}

export function defaultFeedDir(size: string, seed: number): string {
  return join(tmpdir(), 'papergraph-bench', `feed-${size}-seed${seed}`);
}

export function ensureFeed(
  size: string,
  seed: number,
  dir: string,
  log: (line: string) => void,
): Feed {
  const existing = existingFeed(dir, size, seed);
  if (existing) {
    log(`feed: reusing ${dir}`);
    return { dir, manifest: existing, generatedIn: 0 };
  }
  log(`feed: generating size ${size} into ${dir}`);
  const started = performance.now();
  const manifest = generateFeed({ size, out: dir, seed, log });
  return { dir, manifest, generatedIn: (performance.now() - started) / 1000 };
}
