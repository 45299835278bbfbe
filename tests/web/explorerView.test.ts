import { describe, expect, it } from 'vitest';

import type { GraphData } from '../../web/src/lib/api.ts';
import type { PathResult } from '../../web/src/lib/explorer/pageData.ts';
import { explorerView, type ViewSources } from '../../web/src/lib/explorer/viewModel.ts';
import { DEFAULT_STATE, type ExplorerState } from '../../web/src/lib/urlState.ts';

const base: GraphData = {
  nodes: [
    { id: 'ep_a', kind: 'EPISODE', label: 'Episode A', weight: 2 },
    { id: 'ep_b', kind: 'EPISODE', label: 'Episode B', weight: 1 },
    { id: 'arxiv:1', kind: 'PAPER', label: 'Paper one', weight: 2 },
    { id: 'arxiv:2', kind: 'PAPER', label: 'Paper two', weight: 1 },
  ],
  edges: [
    { source: 'ep_a', target: 'arxiv:1', kind: 'SOURCE' },
    { source: 'ep_b', target: 'arxiv:1', kind: 'RECOMMENDED' },
    { source: 'ep_a', target: 'arxiv:2', kind: 'RECOMMENDED' },
  ],
};
const expansion: GraphData = {
  nodes: [
    { id: 'arxiv:2', kind: 'PAPER', label: 'Paper two', weight: 1 },
    { id: 'ep_c', kind: 'EPISODE', label: 'Episode C', weight: 1 },
  ],
  edges: [{ source: 'ep_c', target: 'arxiv:2', kind: 'SOURCE' }],
};
const sources: ViewSources = {
  base,
  expansions: [],
  path: null,
  focusId: null,
  episodeDates: null,
  paperTopics: null,
};
const state = (change: Partial<ExplorerState> = {}): ExplorerState => ({
  ...DEFAULT_STATE,
  ...change,
});
const ids = (graph: GraphData) => graph.nodes.map((n) => n.id).sort();
const classesOf = (view: ReturnType<typeof explorerView>, id: string) =>
  view.elements.find((e) => e.data.id === id)?.classes ?? '';

describe('the explorer view pipeline', () => {
  it('lists and draws the base view, episodes A–Z and papers most cited first', () => {
    const view = explorerView(sources, state());
    expect(view.lists.episodes.map((n) => n.id)).toEqual(['ep_a', 'ep_b']);
    expect(view.lists.papers.map((n) => n.id)).toEqual(['arxiv:1', 'arxiv:2']);
    expect(view.elements.filter((e) => e.group === 'nodes')).toHaveLength(4);
    expect(view.labelOf('arxiv:1')).toBe('Paper one');
    expect(view.labelOf('ep_unknown')).toBe('ep_unknown');
    expect(view.topics).toBeNull();
    expect(view.timeline).toBeNull();
  });

  it('adds expansions and takes hidden nodes out', () => {
    const view = explorerView({ ...sources, expansions: [expansion] }, state({ hidden: ['ep_b'] }));
    expect(ids(view.shown)).toEqual(['arxiv:1', 'arxiv:2', 'ep_a', 'ep_c']);
  });

  it('filters by citation kind but keeps the focus and the selection', () => {
    const view = explorerView(
      { ...sources, focusId: 'ep_b' },
      state({ edgeKinds: 'source', selected: 'arxiv:2' }),
    );
    expect(ids(view.shown)).toEqual(['arxiv:1', 'arxiv:2', 'ep_a', 'ep_b']);
    expect(view.shown.edges).toEqual([{ source: 'ep_a', target: 'arxiv:1', kind: 'SOURCE' }]);
    expect(classesOf(view, 'ep_b')).toContain('focus');
    expect(classesOf(view, 'arxiv:2')).toContain('selected');
  });

  it('draws every shortest path, even through hidden nodes', () => {
    const path: PathResult = {
      from: 'ep_a',
      to: 'ep_b',
      paths: [
        {
          nodes: [base.nodes[0]!, base.nodes[2]!, base.nodes[1]!],
          edges: [base.edges[0]!, base.edges[1]!],
        },
      ],
      truncated: false,
      problem: null,
    };
    const view = explorerView({ ...sources, path }, state({ hidden: ['ep_b'] }));
    expect(ids(view.shown)).toContain('ep_b');
    expect(classesOf(view, 'ep_b')).toContain('on-path');
    expect(classesOf(view, 'arxiv:2')).toContain('faded');
  });

  it('gives the timeline the dates of every episode in view, before the date range applies', () => {
    const episodeDates = { ep_a: '2024-01-01', ep_b: null };
    const timeline = explorerView(
      { ...sources, episodeDates },
      state({ colour: 'date', since: '2024-06-01' }),
    );
    expect(timeline.timeline?.sort()).toEqual(['2024-01-01', null].sort());
    expect(ids(timeline.shown)).toEqual([]);
    const ranged = explorerView({ ...sources, episodeDates }, state({ since: '2023-01-01' }));
    expect(ranged.timeline).toBeNull();
    expect(ids(ranged.shown)).toEqual(['arxiv:1', 'arxiv:2', 'ep_a']);
  });

  it('counts the topics in view for the legend and keeps only one topic when asked', () => {
    const paperTopics = { 'arxiv:1': ['cs.LG'], 'arxiv:2': ['cs.CL', 'cs.LG'] };
    const all = explorerView({ ...sources, paperTopics }, state({ colour: 'topic' }));
    expect(all.topics).toEqual([
      { topic: 'cs.LG', papers: 2 },
      { topic: 'cs.CL', papers: 1 },
    ]);
    const one = explorerView({ ...sources, paperTopics }, state({ topic: 'cs.CL' }));
    expect(one.topics).toEqual(all.topics);
    expect(ids(one.shown)).toEqual(['arxiv:2', 'ep_a']);
  });
});
