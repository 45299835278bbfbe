import { describe, expect, it } from 'vitest';
import { episodeIdFor } from '../../server/src/domain/episodeId.ts';

describe('episodeIdFor', () => {
  it('is stable and distinct per source paper', () => {
    expect(episodeIdFor('arxiv:2305.18290')).toBe(episodeIdFor('arxiv:2305.18290'));
    expect(episodeIdFor('arxiv:2305.18290')).not.toBe(episodeIdFor('arxiv:2305.20050'));
    expect(episodeIdFor('arxiv:2305.18290')).toMatch(/^ep_[0-9a-f]{12}$/);
  });
});
