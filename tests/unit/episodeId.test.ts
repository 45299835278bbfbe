import { describe, expect, it } from 'vitest';

import { episodeIdFor, isEpisodeId } from '../../server/src/domain/episodeId.ts';

describe('episodeIdFor', () => {
  it('is stable and distinct per source paper', () => {
    expect(episodeIdFor('arxiv:2305.18290')).toBe(episodeIdFor('arxiv:2305.18290'));
    expect(episodeIdFor('arxiv:2305.18290')).not.toBe(episodeIdFor('arxiv:2305.20050'));
    expect(episodeIdFor('arxiv:2305.18290')).toMatch(/^ep_[0-9a-f]{12}$/);
  });
});

describe('isEpisodeId', () => {
  it('accepts the ids episodeIdFor makes and nothing near them', () => {
    expect(isEpisodeId(episodeIdFor('doi:10.1038/nature16961'))).toBe(true);
    for (const id of [
      'ep_0123',
      'ep_0123456789abc',
      'ep_0123456789AB',
      'ep_0123456789ag',
      ' ep_0123456789ab',
      'xep_0123456789ab',
      'arxiv:2305.18290',
    ]) {
      expect(isEpisodeId(id), id).toBe(false);
    }
  });
});
