import type { GraphEdge, GraphNode, GraphView } from '../../domain/model.ts';
import { builder } from '../builder.ts';
import { LIST_BOUNDS, QUERY_LIMITS } from '../limits.ts';
import { resolveNodeRef } from '../resolveNodeRef.ts';
import { countArg, textArg } from './args.ts';
import { CitationKindEnum } from './refs.ts';

const NodeKindEnum = builder.enumType('NodeKind', { values: ['EPISODE', 'PAPER'] as const });

const GraphNodeRef = builder.objectRef<GraphNode>('GraphNode').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: NodeKindEnum }),
    label: t.exposeString('label'),
    weight: t.exposeInt('weight', { description: 'Papers: citing episodes. Episodes: cited papers.' }),
  }),
});

const GraphEdgeRef = builder.objectRef<GraphEdge>('GraphEdge').implement({
  description: 'From an episode (source) to a paper (target).',
  fields: (t) => ({
    source: t.exposeID('source'),
    target: t.exposeID('target'),
    kind: t.expose('kind', { type: CitationKindEnum }),
  }),
});

// The multiplier sits on `graph` and `path` (they know how many nodes they return): nodes and edges
// count once per node there. A citation graph has about one edge per node (each episode cites 2–7).
const GraphRef = builder.objectRef<GraphView>('Graph').implement({
  fields: (t) => ({
    nodes: t.expose('nodes', { type: [GraphNodeRef], complexity: { field: 1, multiplier: 1 } }),
    edges: t.expose('edges', { type: [GraphEdgeRef], complexity: { field: 1, multiplier: 1 } }),
  }),
});

const EMPTY_GRAPH: GraphView = { nodes: [], edges: [] };

builder.queryFields((t) => ({
  graph: t.field({
    type: GraphRef,
    description: 'Nodes and edges for drawing: around `focus` up to `depth` hops, or the whole graph up to `limit`.',
    args: {
      focus: t.arg.id({ description: 'Episode id or any paper identifier' }),
      depth: t.arg.int({ required: true, defaultValue: 1, validate: countArg(QUERY_LIMITS.maxGraphDepth) }),
      limit: t.arg.int({ required: true, defaultValue: QUERY_LIMITS.defaultGraphLimit, validate: countArg(QUERY_LIMITS.maxGraphLimit) }),
      minCitations: t.arg.int({ required: true, defaultValue: 1, validate: countArg(1_000_000) }),
    },
    complexity: (args) => ({ field: 1, multiplier: args.limit }),
    resolve: async (_root, args, context) => {
      let focus: string | undefined;
      if (args.focus !== null && args.focus !== undefined) {
        const resolved = await resolveNodeRef(context.loaders, String(args.focus));
        if (resolved === null) return EMPTY_GRAPH;
        focus = resolved;
      }
      return context.store.graph({ focus, depth: args.depth, limit: args.limit, minCitations: args.minCitations });
    },
  }),
  path: t.field({
    type: GraphRef,
    nullable: true,
    description: 'The shortest chain of episodes and papers between two nodes, in order; null when none.',
    args: {
      from: t.arg.id({ required: true, validate: textArg(2_100) }),
      to: t.arg.id({ required: true, validate: textArg(2_100) }),
    },
    complexity: { field: 1, multiplier: LIST_BOUNDS.pathNodes },
    resolve: async (_root, args, context) => {
      const [from, to] = await Promise.all([
        resolveNodeRef(context.loaders, String(args.from)),
        resolveNodeRef(context.loaders, String(args.to)),
      ]);
      return from === null || to === null ? null : context.store.path(from, to);
    },
  }),
}));
