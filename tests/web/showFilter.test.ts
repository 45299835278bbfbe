// The explorer's show filter: kept in the URL like the other filters, offered as a select, and
// applied to a map after it is selected (the map's query takes no show).
import { describe, expect, it } from 'vitest';

import { stateFromForm } from '../../web/src/lib/explorer/filterForm.ts';
import { mapOfShow, showChoices } from '../../web/src/lib/explorer/showFilter.ts';
import type { MapView } from '../../web/src/lib/map/mapData.ts';
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

describe('mapOfShow', () => {
  const node = (id: string, clusterId: string | null) => ({
    id,
    title: id,
    publishedAt: null,
    clusterId,
  });
  const link = (source: string, target: string) => ({
    source,
    target,
    weight: 1,
    kind: 'SHARED_PAPER' as const,
    reasons: null,
  });
  const map: MapView = {
    nodes: [node('e1', 'c1'), node('e2', 'c1'), node('e3', 'c2'), node('e4', 'c3')],
    links: [link('e1', 'e2'), link('e2', 'e3'), link('e3', 'e4')],
    clusters: [
      { id: 'c1', label: 'one', size: 2 },
      { id: 'c2', label: 'two', size: 1 },
      { id: 'c3', label: 'three', size: 1 },
    ],
    centre: null,
  };
  const showOf = new Map<string, string | null>([
    ['e1', SHOW],
    ['e2', SHOW],
    ['e3', OTHER],
    ['e4', null],
  ]);

  it('keeps the show’s episodes, the relations between them and their clusters', () => {
    const only = mapOfShow(map, SHOW, showOf);
    expect(only.nodes.map((n) => n.id)).toEqual(['e1', 'e2']);
    expect(only.links).toEqual([link('e1', 'e2')]);
    expect(only.clusters.map((c) => c.id)).toEqual(['c1']);
  });

  it('keeps a local map’s centre, whatever its show', () => {
    const only = mapOfShow({ ...map, centre: 'e3' }, SHOW, showOf);
    expect(only.nodes.map((n) => n.id)).toEqual(['e1', 'e2', 'e3']);
    expect(only.links).toEqual([link('e1', 'e2'), link('e2', 'e3')]);
    expect(only.clusters.map((c) => c.id)).toEqual(['c1', 'c2']);
  });
});
