import { describe, expect, it } from 'vitest';

import {
  DEFAULT_STATE,
  explorerHref,
  focusOn,
  MAP_HOME_MIN_EPISODES,
  parseExplorerState,
  resolveView,
  select,
  showGraph,
  showLocalMap,
  showMap,
} from '../../web/src/lib/urlState.ts';

const parse = (query: string) => parseExplorerState(new URLSearchParams(query));

describe('the map in the URL', () => {
  it('is the home view past the episodes a paper graph reads well with, else the paper graph', () => {
    expect(resolveView(DEFAULT_STATE, MAP_HOME_MIN_EPISODES)).toBe('graph');
    expect(resolveView(DEFAULT_STATE, MAP_HOME_MIN_EPISODES + 1)).toBe('map');
    expect(resolveView({ ...DEFAULT_STATE, focus: 'ep_0123456789ab' }, 5000)).toBe('graph');
    expect(resolveView(parse('cluster=c1'), 8)).toBe('map');
    expect(resolveView(parse('around=ep_0123456789ab'), 8)).toBe('map');
    expect(resolveView(parse('view=graph'), 5000)).toBe('graph');
    expect(resolveView(parse('view=map'), 8)).toBe('map');
  });

  it('keeps the view, the cluster and the local map through a reload and a selection', () => {
    const drilled = select(showMap(DEFAULT_STATE, 'c1'), 'ep_0123456789ab');
    expect(explorerHref(drilled)).toBe('/?sel=ep_0123456789ab&view=map&cluster=c1');
    expect(parse(explorerHref(drilled).slice(2))).toEqual(drilled);
    const local = showLocalMap(drilled, 'ep_0123456789ab');
    expect(explorerHref(local)).toBe('/?sel=ep_0123456789ab&view=map&around=ep_0123456789ab');
    expect(explorerHref(showMap(local))).toBe('/?sel=ep_0123456789ab&view=map');
  });

  it('leaves the map for the paper graph on a focus, around the episode drilled into', () => {
    const local = showLocalMap(DEFAULT_STATE, 'ep_0123456789ab');
    expect(explorerHref(showGraph(local, local.around))).toBe(
      '/?focus=ep_0123456789ab&sel=ep_0123456789ab&view=graph',
    );
    expect(explorerHref(focusOn(showMap(DEFAULT_STATE, 'c1'), 'arxiv:1'))).toBe(
      '/?focus=arxiv%3A1&sel=arxiv%3A1&view=graph',
    );
  });

  it('ignores an unknown view', () => {
    expect(parse('view=table')).toEqual(DEFAULT_STATE);
  });
});
