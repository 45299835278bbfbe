import { describe, expect, it } from 'vitest';

import type { GraphData } from '../../web/src/lib/api.ts';
import { expandedWithoutNews } from '../../web/src/lib/explorer/expansionNews.ts';

const base: GraphData = {
  nodes: [
    { id: 'ep_a', kind: 'EPISODE', label: 'Episode A', weight: 2 },
    { id: 'arxiv:1', kind: 'PAPER', label: 'Paper one', weight: 1 },
    { id: 'arxiv:2', kind: 'PAPER', label: 'Paper two', weight: 1 },
  ],
  edges: [
    { source: 'ep_a', target: 'arxiv:1', kind: 'SOURCE' },
    { source: 'ep_a', target: 'arxiv:2', kind: 'RECOMMENDED' },
  ],
};
const aroundA: GraphData = { nodes: base.nodes, edges: base.edges };
const aroundTwo: GraphData = {
  nodes: [
    { id: 'arxiv:2', kind: 'PAPER', label: 'Paper two', weight: 2 },
    { id: 'ep_c', kind: 'EPISODE', label: 'Episode C', weight: 1 },
  ],
  edges: [{ source: 'ep_c', target: 'arxiv:2', kind: 'SOURCE' }],
};

describe('expandedWithoutNews', () => {
  it('names the last expanded node when all its neighbours were already shown', () => {
    expect(
      expandedWithoutNews({ base, expansions: [aroundA], expanded: ['ep_a'], hidden: [] }),
    ).toBe('ep_a');
  });

  it('is null when the expansion brought a node the view did not show', () => {
    expect(
      expandedWithoutNews({ base, expansions: [aroundTwo], expanded: ['arxiv:2'], hidden: [] }),
    ).toBeNull();
  });

  it('counts what earlier expansions added as already shown, and looks only at the last one', () => {
    expect(
      expandedWithoutNews({
        base,
        expansions: [aroundTwo, aroundTwo],
        expanded: ['arxiv:2', 'ep_c'],
        hidden: [],
      }),
    ).toBe('ep_c');
    expect(
      expandedWithoutNews({
        base,
        expansions: [aroundA, aroundTwo],
        expanded: ['ep_a', 'arxiv:2'],
        hidden: [],
      }),
    ).toBeNull();
  });

  it('treats hidden neighbours as nothing new (they stay hidden)', () => {
    expect(
      expandedWithoutNews({
        base,
        expansions: [aroundTwo],
        expanded: ['arxiv:2'],
        hidden: ['ep_c'],
      }),
    ).toBe('arxiv:2');
  });

  it('is null without an expansion, and when the expansion came back empty', () => {
    expect(expandedWithoutNews({ base, expansions: [], expanded: [], hidden: [] })).toBeNull();
    expect(
      expandedWithoutNews({
        base,
        expansions: [{ nodes: [], edges: [] }],
        expanded: ['ep_x'],
        hidden: [],
      }),
    ).toBeNull();
  });
});
