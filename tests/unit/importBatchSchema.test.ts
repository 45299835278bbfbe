// The batch-level rules of importBatchSchema: ids are unique within each list, and every paper an
// episode cites is in the batch; each problem is reported at the record that has it.
import { describe, expect, it } from 'vitest';

import { importBatchSchema } from '../../server/src/domain/model.ts';
import { episodeOne, episodeTwo, paperA, paperB, paperC } from '../neo4j/sampleRows.ts';

function issuesOf(batch: unknown): { path: PropertyKey[]; message: string }[] {
  const parsed = importBatchSchema.safeParse(batch);
  if (parsed.success) return [];
  return parsed.error.issues.map(({ path, message }) => ({ path, message }));
}

describe('importBatchSchema', () => {
  it('accepts a batch whose ids are unique and whose citations are all in it', () => {
    expect(
      issuesOf({ episodes: [episodeOne, episodeTwo], papers: [paperA, paperB, paperC] }),
    ).toEqual([]);
  });

  it('reports a repeated paper id and a repeated episode id at the later record', () => {
    expect(
      issuesOf({
        episodes: [episodeOne, episodeTwo, episodeOne],
        papers: [paperA, paperB, paperC, paperB],
      }),
    ).toEqual([
      { path: ['papers', 3, 'id'], message: `duplicate paper id ${paperB.id}` },
      { path: ['episodes', 2, 'id'], message: `duplicate episode id ${episodeOne.id}` },
    ]);
  });

  it('reports each cited paper missing from the batch at the episode citing it', () => {
    expect(issuesOf({ episodes: [episodeOne, episodeTwo], papers: [paperA, paperB] })).toEqual([
      { path: ['episodes', 0], message: `cites paper ${paperC.id} missing from the batch` },
      { path: ['episodes', 1], message: `cites paper ${paperC.id} missing from the batch` },
    ]);
  });
});
