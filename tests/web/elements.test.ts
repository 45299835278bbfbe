import { describe, expect, it } from 'vitest';

import type { GraphData } from '../../web/src/lib/api.ts';
import { rovingStop } from '../../web/src/lib/explorer/rovingFocus.ts';
import {
  changesStructure,
  diffElements,
  edgeId,
  EPISODE_SIZE,
  type GraphElement,
  mergeGraphs,
  PAPER_SIZE,
  paperSize,
  toElements,
  withoutNodes,
} from '../../web/src/lib/graph/elements.ts';
import { bestConnected, composeView, filterView, listNodes } from '../../web/src/lib/graph/view.ts';

const graph: GraphData = {
  nodes: [
    { id: 'ep_a', kind: 'EPISODE', label: 'Episode A', weight: 3 },
    { id: 'ep_b', kind: 'EPISODE', label: 'Episode B', weight: 2 },
    { id: 'arxiv:1', kind: 'PAPER', label: 'Paper one', weight: 2 },
    { id: 'arxiv:2', kind: 'PAPER', label: 'Paper two', weight: 1 },
    { id: 'arxiv:3', kind: 'PAPER', label: 'Paper three', weight: 5 },
  ],
  edges: [
    { source: 'ep_a', target: 'arxiv:1', kind: 'SOURCE' },
    { source: 'ep_b', target: 'arxiv:1', kind: 'RECOMMENDED' },
    { source: 'ep_a', target: 'arxiv:2', kind: 'RECOMMENDED' },
    { source: 'ep_b', target: 'arxiv:3', kind: 'SOURCE' },
  ],
};

const byId = (elements: GraphElement[], id: string) => elements.find((e) => e.data.id === id);

describe('API graph to cytoscape elements', () => {
  it('makes episodes and papers distinct node kinds and styles edges by citation kind', () => {
    const elements = toElements(graph);
    expect(elements.filter((e) => e.group === 'nodes')).toHaveLength(5);
    expect(byId(elements, 'ep_a')).toMatchObject({
      classes: 'episode',
      data: { kind: 'episode', size: EPISODE_SIZE },
    });
    expect(byId(elements, 'arxiv:1')).toMatchObject({ classes: 'paper', data: { kind: 'paper' } });
    expect(byId(elements, edgeId(graph.edges[0]!))).toMatchObject({
      group: 'edges',
      classes: 'source',
      data: { source: 'ep_a', target: 'arxiv:1', kind: 'source' },
    });
    expect(byId(elements, edgeId(graph.edges[1]!))?.classes).toBe('recommended');
  });

  it('sizes papers by citing episodes, the most cited at the maximum', () => {
    const size = (id: string) => (byId(toElements(graph), id)?.data as { size: number }).size;
    expect(size('arxiv:2')).toBe(PAPER_SIZE.min);
    expect(size('arxiv:3')).toBe(PAPER_SIZE.max);
    expect(size('arxiv:1')).toBeGreaterThan(PAPER_SIZE.min);
    expect(size('arxiv:1')).toBeLessThan(PAPER_SIZE.max);
    expect(paperSize(1, 1)).toBe(PAPER_SIZE.min);
    expect(paperSize(100, 10)).toBe(PAPER_SIZE.max);
  });

  it('marks focus, selection and the path, fading everything off the path', () => {
    const elements = toElements(graph, {
      focus: 'ep_a',
      selected: 'arxiv:1',
      paths: [['ep_a', 'arxiv:1', 'ep_b']],
    });
    expect(byId(elements, 'ep_a')?.classes).toBe('episode focus on-path');
    expect(byId(elements, 'arxiv:1')?.classes).toBe('paper selected on-path');
    expect(byId(elements, 'arxiv:2')?.classes).toBe('paper faded');
    expect(byId(elements, edgeId(graph.edges[0]!))?.classes).toBe('source on-path');
    // The path walks ep_b → arxiv:1 against the edge direction; it is still on the path.
    expect(byId(elements, edgeId(graph.edges[1]!))?.classes).toBe('recommended on-path');
    expect(byId(elements, edgeId(graph.edges[3]!))?.classes).toBe('source faded');
  });

  it('highlights every node and hop of several paths, and only those', () => {
    const elements = toElements(graph, {
      paths: [
        ['arxiv:2', 'ep_a', 'arxiv:1'],
        ['arxiv:3', 'ep_b', 'arxiv:1'],
      ],
    });
    const onPath = elements
      .filter((e) => e.classes.split(' ').includes('on-path'))
      .map((e) => e.data.id);
    expect(onPath.sort()).toEqual(
      [...graph.nodes.map((n) => n.id), ...graph.edges.map(edgeId)].sort(),
    );
    const shorter = toElements(graph, {
      paths: [
        ['arxiv:2', 'ep_a', 'arxiv:1'],
        ['ep_a', 'arxiv:1'],
      ],
    });
    expect(byId(shorter, 'ep_b')?.classes).toBe('episode faded');
    expect(byId(shorter, edgeId(graph.edges[1]!))?.classes).toBe('recommended faded');
  });
});

describe('reference edges (paper → paper)', () => {
  const withReferences: GraphData = {
    ...graph,
    referenceEdges: [
      { source: 'arxiv:1', target: 'arxiv:3' },
      { source: 'arxiv:3', target: 'arxiv:2' },
      // A reference to a paper outside the drawing is never drawn.
      { source: 'arxiv:1', target: 'arxiv:99' },
    ],
  };
  const referenceIds = (elements: GraphElement[]) =>
    elements.flatMap((e) =>
      e.group === 'edges' && e.data.kind === 'reference'
        ? [`${e.data.source}>${e.data.target}`]
        : [],
    );

  it('draws them as their own edge kind, only between papers drawn, with ids apart from citations', () => {
    const elements = toElements(withReferences);
    expect(referenceIds(elements)).toEqual(['arxiv:1>arxiv:3', 'arxiv:3>arxiv:2']);
    const reference = elements.find((e) => e.group === 'edges' && e.data.kind === 'reference');
    expect(reference?.classes).toBe('reference');
    expect(new Set(elements.map((e) => e.data.id)).size).toBe(elements.length);
    expect(referenceIds(toElements(graph))).toEqual([]);
  });

  it('fade beside a highlighted path, which runs through citations only', () => {
    const elements = toElements(withReferences, { paths: [['ep_a', 'arxiv:1']] });
    const references = elements.filter((e) => e.group === 'edges' && e.data.kind === 'reference');
    expect(references.map((e) => e.classes)).toEqual(['reference faded', 'reference faded']);
  });

  it('follow their papers through merging, hiding, the limit and the filters', () => {
    const merged = mergeGraphs(withReferences, {
      nodes: [],
      edges: [],
      referenceEdges: [{ source: 'arxiv:1', target: 'arxiv:3' }],
    });
    expect(merged.referenceEdges).toHaveLength(3);
    expect(referenceIds(toElements(withoutNodes(merged, ['arxiv:3'])))).toEqual([]);
    expect(withoutNodes(merged, ['arxiv:2']).referenceEdges).toEqual([
      { source: 'arxiv:1', target: 'arxiv:3' },
    ]);
    // The three heaviest nodes: arxiv:3, ep_a and arxiv:1 (ids break the tie with ep_b).
    expect(bestConnected(withReferences, 3).referenceEdges).toEqual([
      { source: 'arxiv:1', target: 'arxiv:3' },
    ]);
    // Only source citations: arxiv:2 (read only as a recommendation) goes, and its reference with it.
    const sources = filterView(withReferences, {
      edgeKinds: 'source',
      since: null,
      until: null,
      dates: null,
      keep: [],
    });
    expect(referenceIds(toElements(sources))).toEqual(['arxiv:1>arxiv:3']);
    expect(mergeGraphs(graph).referenceEdges).toBeUndefined();
  });
});

describe('element diffing', () => {
  it('finds nothing to do between equal element lists', () => {
    const diff = diffElements(toElements(graph), toElements(graph));
    expect(diff).toEqual({ add: [], remove: [], update: [] });
    expect(changesStructure(diff)).toBe(false);
  });

  it('adds new elements (nodes before edges), removes gone ones and patches changed ones', () => {
    const before = toElements(graph);
    const next: GraphData = {
      nodes: [
        ...graph.nodes.filter((n) => n.id !== 'arxiv:2'),
        { id: 'arxiv:4', kind: 'PAPER' as const, label: 'Paper four', weight: 1 },
      ].map((n) => (n.id === 'ep_a' ? { ...n, label: 'Episode A (renamed)' } : n)),
      edges: [
        { source: 'ep_b', target: 'arxiv:4', kind: 'RECOMMENDED' },
        ...graph.edges.filter((e) => e.target !== 'arxiv:2'),
      ],
    };
    const diff = diffElements(before, toElements(next, { selected: 'ep_b' }));
    expect(diff.remove.sort()).toEqual(['RECOMMENDED|ep_a|arxiv:2', 'arxiv:2']);
    expect(diff.add.map((e) => e.data.id)).toEqual(['arxiv:4', 'RECOMMENDED|ep_b|arxiv:4']);
    expect(diff.update).toEqual([
      {
        id: 'ep_a',
        data: {
          id: 'ep_a',
          kind: 'episode',
          label: 'Episode A (renamed)',
          weight: 3,
          size: EPISODE_SIZE,
          rank: 1,
        },
      },
      { id: 'ep_b', classes: 'episode selected' },
    ]);
    expect(changesStructure(diff)).toBe(true);
  });

  it('only restyles when just the decorations change', () => {
    const diff = diffElements(
      toElements(graph),
      toElements(graph, { paths: [['ep_a', 'arxiv:1']] }),
    );
    expect(diff.add).toEqual([]);
    expect(diff.remove).toEqual([]);
    expect(diff.update.every((u) => u.data === undefined && u.classes !== undefined)).toBe(true);
    expect(diff.update).toHaveLength(graph.nodes.length + graph.edges.length);
  });

  it('replaces an element whose id changes group', () => {
    const node: GraphElement = {
      group: 'nodes',
      data: { id: 'x', kind: 'paper', label: 'x', weight: 1, size: 22, rank: 0 },
      classes: 'paper',
    };
    const edge: GraphElement = {
      group: 'edges',
      data: { id: 'x', source: 'a', target: 'b', kind: 'source' },
      classes: 'source',
    };
    expect(diffElements([node], [edge])).toEqual({ add: [edge], remove: ['x'], update: [] });
  });
});

describe('composing the view', () => {
  it('merges expansions without duplicates and drops hidden nodes with their edges', () => {
    const expansion: GraphData = {
      nodes: [graph.nodes[0]!, { id: 'arxiv:9', kind: 'PAPER', label: 'Nine', weight: 1 }],
      edges: [graph.edges[0]!, { source: 'ep_a', target: 'arxiv:9', kind: 'RECOMMENDED' }],
    };
    const merged = mergeGraphs(graph, expansion);
    expect(merged.nodes).toHaveLength(6);
    expect(merged.edges).toHaveLength(5);
    const shown = withoutNodes(merged, ['arxiv:1']);
    expect(shown.nodes.map((n) => n.id)).not.toContain('arxiv:1');
    expect(shown.edges.some((e) => e.target === 'arxiv:1')).toBe(false);
  });

  it('keeps a path visible even through hidden nodes', () => {
    const path: GraphData = { nodes: [graph.nodes[0]!, graph.nodes[2]!], edges: [graph.edges[0]!] };
    const view = composeView({ base: graph, expansions: [], hidden: ['arxiv:1'], path });
    expect(view.nodes.map((n) => n.id)).toContain('arxiv:1');
    expect(view.edges).toContainEqual(graph.edges[0]);
  });

  it('lists episodes alphabetically and papers most cited first', () => {
    const lists = listNodes(graph);
    expect(lists.episodes.map((n) => n.id)).toEqual(['ep_a', 'ep_b']);
    expect(lists.papers.map((n) => n.id)).toEqual(['arxiv:3', 'arxiv:1', 'arxiv:2']);
  });
});

describe('best-connected views and label ranks', () => {
  const graph: GraphData = {
    nodes: [
      { id: 'ep_new', kind: 'EPISODE', label: 'Newest, one paper', weight: 1 },
      { id: 'ep_hub', kind: 'EPISODE', label: 'Cites three', weight: 3 },
      { id: 'p1', kind: 'PAPER', label: 'Cited by four', weight: 4 },
      { id: 'p2', kind: 'PAPER', label: 'Cited once', weight: 1 },
    ],
    edges: [
      { source: 'ep_new', target: 'p2', kind: 'SOURCE' },
      { source: 'ep_hub', target: 'p1', kind: 'SOURCE' },
    ],
  };

  it('keeps the heaviest nodes within the limit and only the edges between them', () => {
    const kept = bestConnected(graph, 2);
    expect(kept.nodes.map((n) => n.id).sort()).toEqual(['ep_hub', 'p1']);
    expect(kept.edges).toEqual([{ source: 'ep_hub', target: 'p1', kind: 'SOURCE' }]);
    expect(bestConnected(graph, 10)).toBe(graph);
  });

  it('ranks nodes heaviest first, ties by id, for the label level of detail', () => {
    const ranks = Object.fromEntries(
      toElements(graph).flatMap((e) => (e.group === 'nodes' ? [[e.data.id, e.data.rank]] : [])),
    );
    expect(ranks).toEqual({ p1: 0, ep_hub: 1, ep_new: 2, p2: 3 });
  });

  it('gives a list its one Tab stop: last focused, else the current node, else the first', () => {
    expect(rovingStop(['a', 'b', 'c'], 'b', 'c')).toBe('b');
    expect(rovingStop(['a', 'b', 'c'], 'gone', 'c')).toBe('c');
    expect(rovingStop(['a', 'b', 'c'], null, null)).toBe('a');
    expect(rovingStop([], null, 'a')).toBeNull();
  });
});

describe('Bloom-style filters and the timeline', () => {
  const graph: GraphData = {
    nodes: [
      { id: 'ep_old', kind: 'EPISODE', label: 'Old', weight: 2 },
      { id: 'ep_new', kind: 'EPISODE', label: 'New', weight: 1 },
      { id: 'ep_undated', kind: 'EPISODE', label: 'Undated', weight: 1 },
      { id: 'src', kind: 'PAPER', label: 'Source of old', weight: 1 },
      { id: 'rec', kind: 'PAPER', label: 'Read by old and new', weight: 2 },
      { id: 'lone', kind: 'PAPER', label: 'Read by undated', weight: 1 },
    ],
    edges: [
      { source: 'ep_old', target: 'src', kind: 'SOURCE' },
      { source: 'ep_old', target: 'rec', kind: 'RECOMMENDED' },
      { source: 'ep_new', target: 'rec', kind: 'RECOMMENDED' },
      { source: 'ep_undated', target: 'lone', kind: 'RECOMMENDED' },
    ],
  };
  const dates = { ep_old: '2024-01-10', ep_new: '2025-06-01', ep_undated: null };
  const ids = (g: GraphData) => g.nodes.map((n) => n.id).sort();
  const none = { edgeKinds: 'all', since: null, until: null, dates, keep: [] } as const;

  it('keeps only citations of one kind, and drops papers left without one', () => {
    const sources = filterView(graph, { ...none, edgeKinds: 'source' });
    expect(sources.edges.map((e) => e.target)).toEqual(['src']);
    expect(ids(sources)).toEqual(['ep_new', 'ep_old', 'ep_undated', 'src']);
    expect(filterView(graph, none)).toBe(graph);
  });

  it('keeps only mentions, drawn as mentions, not as recommended readings', () => {
    const withMention: GraphData = {
      ...graph,
      nodes: [...graph.nodes, { id: 'named', kind: 'PAPER', label: 'Named in notes', weight: 1 }],
      edges: [...graph.edges, { source: 'ep_new', target: 'named', kind: 'MENTIONS' }],
    };
    const mentions = filterView(withMention, { ...none, edgeKinds: 'mentioned' });
    expect(mentions.edges).toEqual([{ source: 'ep_new', target: 'named', kind: 'MENTIONS' }]);
    expect(ids(mentions)).toEqual(['ep_new', 'ep_old', 'ep_undated', 'named']);
    const recommended = filterView(withMention, { ...none, edgeKinds: 'recommended' });
    expect(recommended.edges.map((e) => e.target)).toEqual(['rec', 'rec', 'lone']);
    const edgeKinds = toElements(withMention).flatMap((e) =>
      e.group === 'edges' ? [[e.data.target, e.data.kind, e.classes]] : [],
    );
    expect(edgeKinds).toContainEqual(['named', 'mentioned', expect.stringContaining('mentioned')]);
  });

  it('keeps episodes published in the range (undated ones are outside any range), plus the nodes asked to stay', () => {
    expect(ids(filterView(graph, { ...none, since: '2025-01-01' }))).toEqual(['ep_new', 'rec']);
    expect(ids(filterView(graph, { ...none, until: '2024-12-31' }))).toEqual([
      'ep_old',
      'rec',
      'src',
    ]);
    expect(ids(filterView(graph, { ...none, since: '2025-01-01', keep: ['lone', null] }))).toEqual([
      'ep_new',
      'lone',
      'rec',
    ]);
  });

  it('places dated episodes between the oldest (0) and newest (1) for the timeline colour', () => {
    const shares = Object.fromEntries(
      toElements(graph, { dates }).flatMap((e) =>
        e.group === 'nodes' && 'dateShare' in e.data ? [[e.data.id, e.data.dateShare]] : [],
      ),
    );
    expect(shares).toEqual({ ep_old: 0, ep_new: 1 });
    expect(toElements(graph).some((e) => 'dateShare' in e.data)).toBe(false);
  });
});
