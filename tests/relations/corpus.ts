// The feeds the relation tests read, through the real import pipeline (offline, no metadata).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { ImportBatch } from '../../server/src/domain/model.ts';
import { importFeedContent } from '../../server/src/import/pipeline.ts';
import type { RelationCorpus } from '../../server/src/relations/relationIndex.ts';
import { SEED_PAGE } from '../import/seedFiles.ts';

export const SEED = importFeedContent(SEED_PAGE);

export const THREE_TOPICS = importFeedContent(
  readFileSync(fileURLToPath(new URL('./fixtures/three-topics.txt', import.meta.url)), 'utf8'),
);

/** The three-topic feed's episodes by topic, in feed order (the last episode is about bread). */
export const TOPICS = {
  speculativeDecoding: THREE_TOPICS.episodes.slice(0, 4).map((e) => e.id),
  preferenceOptimisation: THREE_TOPICS.episodes.slice(4, 8).map((e) => e.id),
  proteinStructure: THREE_TOPICS.episodes.slice(8, 11).map((e) => e.id),
};
export const UNRELATED = THREE_TOPICS.episodes[11]!.id;

export function corpusOf(batch: ImportBatch): RelationCorpus {
  return {
    episodes: batch.episodes,
    paperTitles: new Map(batch.papers.map((paper) => [paper.id, paper.title])),
  };
}

/** The batch's episode at a 1-based feed position. */
export function episodeAt(batch: ImportBatch, position: number): string {
  return batch.episodes[position - 1]!.id;
}
