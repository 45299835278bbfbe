import { describe, expect, it } from 'vitest';

import type { GraphData } from '../../web/src/lib/api.ts';
import { toElements } from '../../web/src/lib/graph/elements.ts';
import {
  NO_TOPIC,
  OTHER_TOPIC,
  TOPIC_COLOURS,
  topicColourIndex,
  topicsInView,
} from '../../web/src/lib/graph/topics.ts';
import { filterView } from '../../web/src/lib/graph/view.ts';

const paper = (id: string) => ({ id, kind: 'PAPER' as const, label: id, weight: 1 });
const episode = (id: string) => ({ id, kind: 'EPISODE' as const, label: id, weight: 2 });
const graph: GraphData = {
  nodes: [episode('ep_a'), episode('ep_b'), paper('p1'), paper('p2'), paper('p3'), paper('p4')],
  edges: [
    { source: 'ep_a', target: 'p1', kind: 'SOURCE' },
    { source: 'ep_a', target: 'p2', kind: 'RECOMMENDED' },
    { source: 'ep_b', target: 'p3', kind: 'SOURCE' },
    { source: 'ep_b', target: 'p4', kind: 'RECOMMENDED' },
  ],
};
const topics = { p1: ['cs.LG', 'cs.AI'], p2: ['cs.LG'], p3: ['q-bio.NC'], p4: [] };
const noFilter = { edgeKinds: 'all', since: null, until: null, dates: null, keep: [] } as const;

describe('topics in the explorer', () => {
  it('counts the topics of the papers in view, most papers first, ties A–Z', () => {
    expect(topicsInView(graph, topics)).toEqual([
      { topic: 'cs.LG', papers: 2 },
      { topic: 'cs.AI', papers: 1 },
      { topic: 'q-bio.NC', papers: 1 },
    ]);
  });

  it('colours a paper by its most frequent coloured topic; beyond the palette "other", without topics "none"', () => {
    const colours = topicColourIndex(graph, topics);
    expect(Object.fromEntries(colours)).toEqual({ p1: 0, p2: 0, p3: 2, p4: NO_TOPIC });
    const crowded = Object.fromEntries(
      Array.from({ length: TOPIC_COLOURS.length + 1 }, (_, i) => [
        `p${i + 1}`,
        [`t${i}`, 'shared'],
      ]),
    );
    const many: GraphData = { nodes: Object.keys(crowded).map(paper), edges: [] };
    const lone = { ...crowded, p1: ['zz-only-here'] };
    expect(topicColourIndex(many, lone).get('p1')).toBe(OTHER_TOPIC);
    expect(
      toElements(graph, { topicColours: colours }).find((e) => e.data.id === 'p3')?.data,
    ).toMatchObject({ topicIndex: 2 });
    expect(toElements(graph).find((e) => e.data.id === 'p3')?.data).not.toHaveProperty(
      'topicIndex',
    );
  });

  it('a topic keeps its papers (any case) and the episodes citing them; kept nodes stay', () => {
    const ids = (g: GraphData) => g.nodes.map((n) => n.id).sort();
    expect(ids(filterView(graph, { ...noFilter, topic: 'CS.lg', topics }))).toEqual([
      'ep_a',
      'p1',
      'p2',
    ]);
    expect(filterView(graph, { ...noFilter, topic: 'cs.AI', topics }).edges).toEqual([
      graph.edges[0],
    ]);
    expect(ids(filterView(graph, { ...noFilter, topic: 'cs.AI', topics, keep: ['p4'] }))).toEqual([
      'ep_a',
      'ep_b',
      'p1',
      'p4',
    ]);
    expect(filterView(graph, { ...noFilter, topic: 'nowhere', topics }).nodes).toEqual([]);
    expect(filterView(graph, { ...noFilter, topic: null, topics })).toBe(graph);
  });
});
