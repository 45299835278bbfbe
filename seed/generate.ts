// npm run gen -- --size small|medium|large|xlarge|<episodes> --out DIR [--seed N]
//
// Writes a synthetic feed shaped like the real podcast, as RSS and as papergraph JSON, plus
// manifest.json describing it. Sizes: small = the real seed (8 episodes), medium = 10k episodes,
// large = 100k episodes (~450k citations, ~400k papers), xlarge = 250k episodes (over a million
// citations). A feed file may not exceed the importer's 20 MB limit, so larger feeds are written in
// parts (feed-001.rss.xml, feed-001.json, …) the way a big podcast archive would be imported; a feed
// that fits in one part is feed.rss.xml + feed.json.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { MAX_FEED_BYTES } from '../server/src/domain/feedLimits.ts';
import { importFeedContent } from '../server/src/import/pipeline.ts';
import { toJsonExport } from '../server/src/import/readers/json.ts';
import { type SyntheticEpisode, syntheticEpisodes } from './synthetic/corpus.ts';
import { renderRss } from './synthetic/rss.ts';

export const GENERATOR_VERSION = 1;
export const SIZES = { small: 0, medium: 10_000, large: 100_000, xlarge: 250_000 } as const;
export type SizeName = keyof typeof SIZES;
/** ~5.5 kB of RSS per episode: 2,000 episodes keep every part (RSS and JSON) well under 20 MB. */
const EPISODES_PER_PART = 2_000;
const SEED_RSS = fileURLToPath(new URL('./ai-papers-deep-dive.rss.xml', import.meta.url));

export interface FeedPart {
  rss: string;
  json: string;
  episodes: number;
  rssBytes: number;
  jsonBytes: number;
}

export interface FeedManifest {
  generator: 'papergraph-synthetic';
  version: number;
  size: string;
  seed: number;
  episodes: number;
  papers: number;
  citations: number;
  parts: FeedPart[];
}

export function episodesForSize(size: string): number | 'seed' {
  if (size === 'small') return 'seed';
  if (size in SIZES) return SIZES[size as SizeName];
  const n = Number(size);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
    throw new Error(
      `--size must be small, medium, large, xlarge or a number of episodes (1–1000000), not "${size}"`,
    );
  }
  return n;
}

const MANIFEST = 'manifest.json';

/** The manifest in `out` if it describes exactly this feed and all its files are there. */
export function existingFeed(out: string, size: string, seed: number): FeedManifest | null {
  const path = join(out, MANIFEST);
  if (!existsSync(path)) return null;
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as FeedManifest;
  const same =
    manifest.version === GENERATOR_VERSION && manifest.size === size && manifest.seed === seed;
  const complete = manifest.parts.every(
    (p) => existsSync(join(out, p.rss)) && existsSync(join(out, p.json)),
  );
  return same && complete ? manifest : null;
}

function partNames(index: number, single: boolean): { rss: string; json: string } {
  if (single) return { rss: 'feed.rss.xml', json: 'feed.json' };
  const n = String(index + 1).padStart(3, '0');
  return { rss: `feed-${n}.rss.xml`, json: `feed-${n}.json` };
}

/**
 * Writes one part: the RSS, then the JSON export of what the import pipeline reads from that RSS, so
 * the two formats carry the same batch (and the generator's output is checked by the real parser).
 */
function writePart(
  out: string,
  names: { rss: string; json: string },
  rss: string,
  counter: { papers: Set<string>; citations: number },
): FeedPart {
  const batch = importFeedContent(rss, { format: 'RSS', file: names.rss });
  for (const paper of batch.papers) counter.papers.add(paper.id);
  for (const episode of batch.episodes) counter.citations += 1 + episode.recommendations.length;
  const json = toJsonExport(batch);
  const rssBytes = Buffer.byteLength(rss);
  const jsonBytes = Buffer.byteLength(json);
  if (rssBytes > MAX_FEED_BYTES || jsonBytes > MAX_FEED_BYTES) {
    throw new Error(
      `generator bug: part ${names.rss} is over the importer's ${MAX_FEED_BYTES}-byte limit`,
    );
  }
  writeFileSync(join(out, names.rss), rss);
  writeFileSync(join(out, names.json), json);
  return { ...names, episodes: batch.episodes.length, rssBytes, jsonBytes };
}

export function generateFeed(options: {
  size: string;
  out: string;
  seed?: number;
  log?: (line: string) => void;
}): FeedManifest {
  const seed = options.seed ?? 1;
  const out = resolve(options.out);
  const log = options.log ?? (() => {});
  mkdirSync(out, { recursive: true });
  const target = episodesForSize(options.size);
  const counter = { papers: new Set<string>(), citations: 0 };
  const parts: FeedPart[] = [];
  if (target === 'seed') {
    parts.push(writePart(out, partNames(0, true), readFileSync(SEED_RSS, 'utf8'), counter));
  } else {
    const partCount = Math.ceil(target / EPISODES_PER_PART);
    let buffer: SyntheticEpisode[] = [];
    for (const episode of syntheticEpisodes(target, seed)) {
      buffer.push(episode);
      if (buffer.length === EPISODES_PER_PART || episode.index === target - 1) {
        parts.push(
          writePart(out, partNames(parts.length, partCount === 1), renderRss(buffer), counter),
        );
        buffer = [];
        log(`  part ${parts.length}/${partCount} written`);
      }
    }
  }
  const manifest: FeedManifest = {
    generator: 'papergraph-synthetic',
    version: GENERATOR_VERSION,
    size: options.size,
    seed,
    episodes: parts.reduce((n, p) => n + p.episodes, 0),
    papers: counter.papers.size,
    citations: counter.citations,
    parts,
  };
  // Last, so a run that died half-way is never mistaken for a complete feed.
  writeFileSync(join(out, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: 'small' },
      out: { type: 'string' },
      seed: { type: 'string', default: '1' },
    },
  });
  if (!values.out) {
    console.error(
      'usage: npm run gen -- --size small|medium|large|xlarge|<episodes> --out DIR [--seed N]',
    );
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  const manifest = generateFeed({
    size: values.size,
    out: values.out,
    seed: Number(values.seed),
    log: console.log,
  });
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  const rss = manifest.parts.reduce((n, p) => n + p.rssBytes, 0);
  const json = manifest.parts.reduce((n, p) => n + p.jsonBytes, 0);
  console.log(
    `${manifest.episodes} episodes, ${manifest.papers} papers, ${manifest.citations} citations in ${manifest.parts.length} part(s): ` +
      `${mb(rss)} MB RSS + ${mb(json)} MB JSON in ${resolve(values.out)} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) main();
