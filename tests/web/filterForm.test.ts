import { describe, expect, it } from 'vitest';

import {
  carriedFields,
  FORM_CONTROLS,
  limitChoices,
  stateFromForm,
} from '../../web/src/lib/explorer/filterForm.ts';
import {
  DEFAULT_STATE,
  type ExplorerState,
  PARAM,
  REFERENCES_ON,
} from '../../web/src/lib/urlState.ts';

const everything: ExplorerState = {
  focus: 'ep_0123456789ab',
  depth: 3,
  minCitations: 2,
  limit: 1000,
  selected: 'arxiv:2305.18290',
  pathFrom: 'ep_0123456789ab',
  pathTo: 'doi:10.1038/nature16961',
  expanded: ['arxiv:1', 'arxiv:2'],
  hidden: ['url:https://example.org/a?b=1,2'],
  edgeKinds: 'source',
  references: true,
  since: '2024-01-01',
  until: '2024-12-31',
  topic: 'cs.LG',
  show: 'show_0123456789ab',
  colour: 'date',
};

/** What a browser submits: the hidden fields, then one value per visible control. */
function submitted(state: ExplorerState): [string, string][] {
  return [
    ...carriedFields(state),
    [FORM_CONTROLS.depth, String(state.depth)],
    [FORM_CONTROLS.minCitations, String(state.minCitations)],
    [FORM_CONTROLS.limit, String(state.limit)],
    [FORM_CONTROLS.edgeKinds, state.edgeKinds],
    // A checkbox submits its value only when checked.
    ...(state.references ? [[FORM_CONTROLS.references, REFERENCES_ON] as [string, string]] : []),
    // The show select (or, with one show, its hidden field); "" is every show.
    [FORM_CONTROLS.show, state.show ?? ''],
    [FORM_CONTROLS.colour, state.colour],
  ];
}

describe('the explorer filter form', () => {
  it('carries every parameter it has no control for as a hidden field, in URL order', () => {
    expect(carriedFields(everything)).toEqual([
      [PARAM.focus, 'ep_0123456789ab'],
      [PARAM.selected, 'arxiv:2305.18290'],
      [PARAM.pathFrom, 'ep_0123456789ab'],
      [PARAM.pathTo, 'doi:10.1038/nature16961'],
      [PARAM.expanded, 'arxiv:1'],
      [PARAM.expanded, 'arxiv:2'],
      [PARAM.hidden, 'url:https://example.org/a?b=1,2'],
      [PARAM.since, '2024-01-01'],
      [PARAM.until, '2024-12-31'],
      [PARAM.topic, 'cs.LG'],
    ]);
    expect(carriedFields(DEFAULT_STATE)).toEqual([]);
  });

  it('has a control or a hidden field for every URL parameter, so a submit keeps the whole view', () => {
    const names = new Set(submitted(everything).map(([name]) => name));
    expect([...names].sort()).toEqual(Object.values(PARAM).sort());
    expect(stateFromForm(submitted(everything))).toEqual(everything);
    expect(stateFromForm(submitted(DEFAULT_STATE))).toEqual(DEFAULT_STATE);
  });

  it('turns reference edges off when their box is left unchecked, whatever the URL had', () => {
    const { references: _on, ...unchecked } = everything;
    expect(stateFromForm(submitted(unchecked))).toEqual(unchecked);
    expect(carriedFields(everything).some(([name]) => name === PARAM.references)).toBe(false);
  });

  it('reads the submitted fields like a URL: bad values fall back, file fields are ignored', () => {
    const state = stateFromForm([
      [PARAM.minCitations, 'abc'],
      [PARAM.limit, '7'],
      [PARAM.focus, new Blob(['x'])],
    ]);
    expect(state).toEqual({ ...DEFAULT_STATE, limit: 7 });
  });

  it('offers the usual node limits, and the one a link asked for among them', () => {
    expect(limitChoices(500)).toEqual([100, 500, 1000, 2000, 5000]);
    expect(limitChoices(750)).toEqual([100, 500, 750, 1000, 2000, 5000]);
  });
});
