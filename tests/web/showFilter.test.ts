// The explorer's show filter: kept in the URL like the other filters, offered as a select (the API
// narrows the graph and the map to the show).
import { describe, expect, it } from 'vitest';

import { stateFromForm } from '../../web/src/lib/explorer/filterForm.ts';
import { showChoices } from '../../web/src/lib/explorer/showFilter.ts';
import {
  DEFAULT_STATE,
  explorerHref,
  focusOn,
  parseExplorerState,
  showMap,
} from '../../web/src/lib/urlState.ts';

const SHOW = 'show_aaaaaaaaaaaa';
const OTHER = 'show_bbbbbbbbbbbb';

describe('the show parameter', () => {
  it('round-trips through the URL and is absent by default', () => {
    const href = explorerHref({ ...DEFAULT_STATE, show: SHOW, minCitations: 2 });
    expect(href).toBe(`/?min=2&show=${SHOW}`);
    const parsed = parseExplorerState(new URL(href, 'http://localhost').searchParams);
    expect(parsed.show).toBe(SHOW);
    expect(parsed.minCitations).toBe(2);
    expect(parseExplorerState(new URLSearchParams('')).show).toBeUndefined();
    expect(explorerHref(DEFAULT_STATE)).toBe('/');
  });

  it('drops an empty or control-character value', () => {
    expect(parseExplorerState(new URLSearchParams('show=')).show).toBeUndefined();
    expect(parseExplorerState(new URLSearchParams('show=%00x')).show).toBeUndefined();
  });

  it('is kept when the view moves to the map or a focus', () => {
    const state = { ...DEFAULT_STATE, show: SHOW };
    expect(showMap(state).show).toBe(SHOW);
    expect(focusOn(state, 'arxiv:2305.18290').show).toBe(SHOW);
  });

  it('is read from the form, "all shows" leaving it out', () => {
    expect(stateFromForm([['show', SHOW]]).show).toBe(SHOW);
    expect(stateFromForm([['show', '']]).show).toBeUndefined();
  });

  it('offers every show after "all shows"', () => {
    expect(
      showChoices([
        { id: SHOW, title: 'AI Papers' },
        { id: OTHER, title: 'Gradient Descent' },
      ]),
    ).toEqual([
      ['', 'all shows'],
      [SHOW, 'AI Papers'],
      [OTHER, 'Gradient Descent'],
    ]);
  });
});
