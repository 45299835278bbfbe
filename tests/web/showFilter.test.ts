// The explorer's show filter: kept in the URL like the other filters, offered as a select (the API
// narrows the graph and the map to the show).
import { describe, expect, it } from 'vitest';

import { stateFromForm } from '../../web/src/lib/explorer/filterForm.ts';
import {
  describeChoices,
  SHOW_QUERY_MAX,
  showChoices,
  showQueryFrom,
} from '../../web/src/lib/explorer/showFilter.ts';
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

  it('keeps the chosen show an option when the listed page lacks it, first after "all shows"', () => {
    const listed = [{ id: SHOW, title: 'AI Papers' }];
    const chosen = { id: OTHER, title: 'Show 117' };
    expect(showChoices(listed, chosen)).toEqual([
      ['', 'all shows'],
      [OTHER, 'Show 117'],
      [SHOW, 'AI Papers'],
    ]);
    // Listed already: not twice.
    expect(showChoices([...listed, chosen], chosen)).toEqual([
      ['', 'all shows'],
      [SHOW, 'AI Papers'],
      [OTHER, 'Show 117'],
    ]);
  });
});

describe('the show finder', () => {
  it('reads its text from the URL, trimmed and cut to what the API takes', () => {
    expect(showQueryFrom(new URLSearchParams('showq=%20117%20'))).toBe('117');
    expect(showQueryFrom(new URLSearchParams(''))).toBe('');
    expect(showQueryFrom(new URLSearchParams({ showq: 'x'.repeat(500) }))).toHaveLength(
      SHOW_QUERY_MAX,
    );
  });

  it('says how many shows match and how many are listed', () => {
    expect(describeChoices(120, 100, '')).toBe('The first 100 of 120 shows: type to find another.');
    expect(describeChoices(1, 1, '117')).toBe('1 show matches “117”.');
    expect(describeChoices(0, 0, 'zzz')).toBe('No show’s title contains “zzz”.');
    expect(describeChoices(120, 100, 'Show')).toBe('120 shows match “Show”: the first 100 listed.');
  });
});
