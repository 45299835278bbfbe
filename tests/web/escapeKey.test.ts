import { describe, expect, it } from 'vitest';

import { escapeStep } from '../../web/src/lib/explorer/escapeKey.ts';
import { DEFAULT_STATE } from '../../web/src/lib/urlState.ts';

describe('Escape in the explorer', () => {
  it('closes the selection first, keeping the path', () => {
    const state = { ...DEFAULT_STATE, selected: 'a', pathFrom: 'b', pathTo: 'c' };
    expect(escapeStep(state)).toEqual({ next: { ...state, selected: null }, closing: 'a' });
  });

  it('then the path, handing focus back to its last end', () => {
    const path = { ...DEFAULT_STATE, pathFrom: 'b', pathTo: 'c' };
    expect(escapeStep(path)).toEqual({ next: DEFAULT_STATE, closing: 'c' });
    const started = { ...DEFAULT_STATE, pathFrom: 'b' };
    expect(escapeStep(started)).toEqual({ next: DEFAULT_STATE, closing: 'b' });
  });

  it('does nothing when no panel is open', () => {
    expect(escapeStep({ ...DEFAULT_STATE, focus: 'a' })).toBeNull();
  });
});
