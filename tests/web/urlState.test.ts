import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  clearPath,
  collapse,
  DEFAULT_STATE,
  expand,
  explorerHref,
  type ExplorerState,
  focusOn,
  hide,
  hideOthers,
  MAX_LISTED_IDS,
  needsDates,
  needsTopics,
  papersListHref,
  PARAM,
  parseExplorerState,
  parseGraphParams,
  parsePapersListState,
  parseSelectionParams,
  pickPathEnd,
  serializeExplorerState,
} from '../../web/src/lib/urlState.ts';

const parse = (query: string) => parseExplorerState(new URLSearchParams(query));

describe('explorer URL state', () => {
  it('gives the defaults for an empty query and writes them as an empty query', () => {
    expect(parse('')).toEqual(DEFAULT_STATE);
    expect(serializeExplorerState({ ...DEFAULT_STATE })).toBe('');
    expect(explorerHref({ ...DEFAULT_STATE })).toBe('/');
  });

  it('reads every parameter', () => {
    const state = parse(
      'focus=ep_0123456789ab&depth=1&min=2&limit=1000&sel=arxiv%3A2305.18290&from=ep_0123456789ab&to=arxiv%3A2305.20050' +
        '&expand=arxiv%3A2305.18290&expand=doi%3A10.1038%2Fnature16961&hide=url%3Ahttps%3A%2F%2Fexample.org%2Fa%3Fb%3D1%2C2',
    );
    expect(state).toEqual({
      focus: 'ep_0123456789ab',
      depth: 1,
      minCitations: 2,
      limit: 1000,
      selected: 'arxiv:2305.18290',
      pathFrom: 'ep_0123456789ab',
      pathTo: 'arxiv:2305.20050',
      expanded: ['arxiv:2305.18290', 'doi:10.1038/nature16961'],
      hidden: ['url:https://example.org/a?b=1,2'],
      edgeKinds: 'all',
      since: null,
      until: null,
      topic: null,
      colour: 'kind',
    });
  });

  it.each([
    ['depth=0', 'depth'],
    ['depth=5', 'depth'],
    ['depth=two', 'depth'],
    ['depth=1.5', 'depth'],
    ['depth=-1', 'depth'],
    ['min=0', 'minCitations'],
    ['min=abc', 'minCitations'],
    ['min=1001', 'minCitations'],
    ['limit=0', 'limit'],
    ['limit=5001', 'limit'],
    ['limit=9999999999', 'limit'],
  ] as const)('falls back to the default for %s', (query, key) => {
    expect(parse(query)[key]).toBe(DEFAULT_STATE[key]);
  });

  it('ignores blank ids, control characters and overlong ids', () => {
    const long = 'x'.repeat(2101);
    const state = parse(`focus=%20%20&sel=a%00b&from=${long}&expand=&expand=%20`);
    expect(state.focus).toBeNull();
    expect(state.selected).toBeNull();
    expect(state.pathFrom).toBeNull();
    expect(state.expanded).toEqual([]);
  });

  it('reads a topic and the topic colour; an empty, overlong or control-character topic is no topic', () => {
    expect(parse('topic=cs.LG&colour=topic')).toMatchObject({ topic: 'cs.LG', colour: 'topic' });
    expect(serializeExplorerState({ ...parse(''), topic: 'Computer Science' })).toBe(
      'topic=Computer+Science',
    );
    for (const bad of ['%20', 'x'.repeat(101), 'a%00b'])
      expect(parse(`topic=${bad}`).topic).toBeNull();
    expect(needsTopics(parse('colour=topic'))).toBe(true);
    expect(needsTopics(parse('topic=cs.AI'))).toBe(true);
    expect(needsTopics(parse('colour=date'))).toBe(false);
  });

  it('deduplicates and caps the expand/hide lists', () => {
    const many = Array.from({ length: MAX_LISTED_IDS + 10 }, (_, i) => `expand=p${i}`).join('&');
    expect(parse(`${many}&expand=p0`).expanded).toHaveLength(MAX_LISTED_IDS);
    expect(parse('hide=a&hide=a&hide=b').hidden).toEqual(['a', 'b']);
  });

  it('splits graph and selection parameters so each load tracks only its own', () => {
    const query = new URLSearchParams('focus=ep_0123456789ab&sel=arxiv%3A1&from=a&to=b&depth=3');
    expect(parseGraphParams(query)).not.toHaveProperty('selected');
    expect(parseSelectionParams(query)).toEqual({
      selected: 'arxiv:1',
      pathFrom: 'a',
      pathTo: 'b',
    });
  });

  it('round-trips any valid state', () => {
    const id = fc
      .string({ minLength: 1, maxLength: 40 })
      .map((s) => `arxiv:${s.replace(/[\u0000-\u001f\u007f]/g, 'x')}`);
    const day = fc
      .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
    const state: fc.Arbitrary<ExplorerState> = fc.record({
      focus: fc.option(id, { nil: null }),
      depth: fc.integer({ min: 1, max: 4 }),
      minCitations: fc.integer({ min: 1, max: 1000 }),
      limit: fc.integer({ min: 1, max: 5000 }),
      selected: fc.option(id, { nil: null }),
      pathFrom: fc.option(id, { nil: null }),
      pathTo: fc.option(id, { nil: null }),
      expanded: fc.uniqueArray(id, { maxLength: 5 }),
      hidden: fc.uniqueArray(id, { maxLength: 5 }),
      edgeKinds: fc.constantFrom('all', 'source', 'recommended', 'mentioned'),
      references: fc.option(fc.constant(true), { nil: undefined }),
      since: fc.option(day, { nil: null }),
      until: fc.option(day, { nil: null }),
      topic: fc.option(fc.constantFrom('cs.LG', 'Computer Science', 'q-bio.NC'), { nil: null }),
      colour: fc.constantFrom('kind', 'date', 'topic'),
    });
    fc.assert(
      fc.property(state, (s) => {
        const trimmed = (v: string | null) =>
          v === null ? null : v.trim() === '' ? null : v.trim();
        // Ids are trimmed on the way in, so compare against the trimmed form.
        const normal: ExplorerState = {
          ...s,
          focus: trimmed(s.focus),
          selected: trimmed(s.selected),
          pathFrom: trimmed(s.pathFrom),
          pathTo: trimmed(s.pathTo),
          expanded: [...new Set(s.expanded.map((e) => e.trim()))],
          hidden: [...new Set(s.hidden.map((e) => e.trim()))],
        };
        expect(parse(serializeExplorerState(normal))).toEqual(normal);
      }),
    );
  });
});

describe('explorer transitions', () => {
  const base: ExplorerState = {
    ...DEFAULT_STATE,
    focus: 'ep_0123456789ab',
    expanded: ['a'],
    hidden: ['b'],
  };

  it('focusing starts a fresh view on the node and selects it', () => {
    expect(focusOn(base, 'arxiv:1')).toMatchObject({
      focus: 'arxiv:1',
      selected: 'arxiv:1',
      expanded: [],
      hidden: [],
    });
  });

  it('expanding a hidden node shows it again; collapsing removes the expansion', () => {
    const expanded = expand(base, 'b');
    expect(expanded.expanded).toEqual(['a', 'b']);
    expect(expanded.hidden).toEqual([]);
    expect(expand(expanded, 'b').expanded).toEqual(['a', 'b']);
    expect(collapse(expanded, 'a').expanded).toEqual(['b']);
  });

  it('hiding drops the expansion and the selection of that node', () => {
    const state = hide({ ...base, selected: 'a' }, 'a');
    expect(state).toMatchObject({ hidden: ['b', 'a'], expanded: [], selected: null });
  });

  it('shift-click picking fills from, then to, then starts over', () => {
    const one = pickPathEnd(DEFAULT_STATE, 'x');
    expect([one.pathFrom, one.pathTo]).toEqual(['x', null]);
    const two = pickPathEnd(one, 'y');
    expect([two.pathFrom, two.pathTo]).toEqual(['x', 'y']);
    const three = pickPathEnd(two, 'z');
    expect([three.pathFrom, three.pathTo]).toEqual(['z', null]);
    expect(clearPath(two)).toMatchObject({ pathFrom: null, pathTo: null });
  });

  it('writes hrefs that reproduce the state', () => {
    const state = focusOn(DEFAULT_STATE, 'url:https://example.org/x?y=1#z');
    const href = explorerHref(state);
    expect(href.startsWith('/?')).toBe(true);
    expect(parse(href.slice(2))).toEqual(state);
  });
});

describe('filter and timeline parameters', () => {
  it('round-trips edge kind, date range and colour, and refuses values that are not one of them', () => {
    const state = parseExplorerState(
      new URLSearchParams('edges=source&since=2025-01-31&until=2025-12-01&colour=date'),
    );
    expect(state).toMatchObject({
      edgeKinds: 'source',
      since: '2025-01-31',
      until: '2025-12-01',
      colour: 'date',
    });
    expect(serializeExplorerState(state)).toBe(
      'edges=source&since=2025-01-31&until=2025-12-01&colour=date',
    );
    const bad = parseExplorerState(
      new URLSearchParams('edges=cites&since=2025-02-30&until=yesterday&colour=red'),
    );
    expect(bad).toMatchObject({ edgeKinds: 'all', since: null, until: null, colour: 'kind' });
    expect(needsDates(bad)).toBe(false);
    expect(needsDates(state)).toBe(true);
  });

  it('reads reference edges on from refs=1 alone, beside any edge kind, and writes them back', () => {
    const on = parseExplorerState(new URLSearchParams(`edges=source&${PARAM.references}=1`));
    expect(on).toMatchObject({ edgeKinds: 'source', references: true });
    expect(parseGraphParams(new URLSearchParams(`${PARAM.references}=1`)).references).toBe(true);
    expect(serializeExplorerState(on)).toBe(`edges=source&${PARAM.references}=1`);
    for (const off of ['', `${PARAM.references}=0`, `${PARAM.references}=yes`]) {
      const state = parseExplorerState(new URLSearchParams(off));
      expect(state).toEqual(DEFAULT_STATE);
      expect(serializeExplorerState(state)).toBe('');
    }
  });
});

describe('hide others', () => {
  it('keeps the node and its neighbours: a fresh one-hop view around it, selected', () => {
    const state = parseExplorerState(new URLSearchParams('min=2&expand=a&hide=b&sel=c'));
    expect(hideOthers(state, 'c')).toMatchObject({
      focus: 'c',
      depth: 1,
      selected: 'c',
      expanded: [],
      hidden: [],
      minCitations: 2,
    });
  });
});

describe('the /papers table state', () => {
  it('reads the explorer’s citation filter and its own cursor, and writes them back', () => {
    const state = parsePapersListState(new URLSearchParams('min=3&after=abc'));
    expect(state).toEqual({ minCitations: 3, after: 'abc' });
    expect(papersListHref(state)).toBe('/papers?min=3&after=abc');
    expect(papersListHref({ minCitations: 1, after: null })).toBe('/papers');
  });

  it('falls back to every paper for a filter out of range or not a whole number', () => {
    for (const min of ['0', '1001', '2.5', 'x', ''])
      expect(parsePapersListState(new URLSearchParams({ min })).minCitations).toBe(1);
  });
});
