import { GraphQLError } from 'graphql';

import type { GraphEdge, GraphNode, GraphView } from '../../domain/model.ts';
import { MAX_REF_LENGTH } from '../../ids/paperId.ts';
import { resolveNodeRef } from '../../queries/nodeRef.ts';
import type { GraphQuery, ReferenceEdge } from '../../store/store.ts';
import { builder } from '../builder.ts';
import type { Context } from '../context.ts';
import { LIST_BOUNDS, QUERY_LIMITS } from '../limits.ts';
import { graphNodeLabel } from '../metadataLoaders.ts';
import { countArg, textArg } from './args.ts';
import { useInstead } from './nodeRef.ts';
import { CitationKindEnum } from './refs.ts';
import { showFilterArg, showFilterOf } from './showFilter.ts';

const NodeKindEnum = builder.enumType('NodeKind', { values: ['EPISODE', 'PAPER'] as const });

const GraphNodeRef = builder.objectRef<GraphNode>('GraphNode').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: NodeKindEnum }),
    label: t.string({
      description:
        'Episode title; paper title (from metadata where the feed gave none), else a label from its id',
      resolve: (node, _args, context) => graphNodeLabel(node, context),
    }),
    weight: t.exposeInt('weight', {
      description: 'Papers: citing episodes. Episodes: cited papers.',
    }),
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

const ReferenceEdgeRef = builder.objectRef<ReferenceEdge>('ReferenceEdge').implement({
  description:
    'A paper (source) citing another (target), as the metadata providers list its references.',
  fields: (t) => ({
    source: t.exposeID('source'),
    target: t.exposeID('target'),
  }),
});

// The multiplier sits on `graph` and `path` (they know how many nodes they return): nodes and edges
// count once per node there. A citation graph has about one edge per node (each episode cites 2–7).
/** A drawn view; `graph` says whether `limit` cut it (`path` never cuts) and has its reference edges when asked. */
type DrawnGraph = GraphView & { truncated?: boolean; references?: ReferenceEdge[] };

export const GraphRef = builder.objectRef<DrawnGraph>('Graph').implement({
  fields: (t) => ({
    nodes: t.expose('nodes', { type: [GraphNodeRef], complexity: { field: 1, multiplier: 1 } }),
    edges: t.expose('edges', { type: [GraphEdgeRef], complexity: { field: 1, multiplier: 1 } }),
    referenceEdges: t.field({
      type: [ReferenceEdgeRef],
      description:
        'Papers of the drawing citing each other (paper → paper), when `graph` is asked for them with `references: true`; otherwise empty.',
      complexity: { field: 1, multiplier: 1 },
      resolve: (graph) => graph.references ?? [],
    }),
    truncated: t.boolean({
      description:
        'True when `limit` left nodes out (raise it, up to the maximum, or narrow the view); always false for `path`.',
      resolve: (graph) => graph.truncated ?? false,
    }),
  }),
});

/** An unknown node reference is the client's to fix: say which argument and what it may hold. */
async function knownNode(context: Context, argument: string, ref: string): Promise<string> {
  const resolved = await resolveNodeRef(context.loaders, ref);
  if (resolved !== null) return resolved;
  throw new GraphQLError(
    `\`${argument}\`: no episode or paper is known as "${ref}". Pass an episode id (ep_…) or a paper's arXiv id, DOI, URL or papergraph id.`,
    { extensions: { code: 'NOT_FOUND', argument } },
  );
}

type Passed = readonly [argument: string, value: string | number | null | undefined];

/**
 * The node reference passed as `current` or as its deprecated name (not both), with the name it came
 * under; undefined when neither was passed.
 */
export function eitherName(
  field: string,
  current: Passed,
  deprecated: Passed,
): { argument: string; ref: string } | undefined {
  const given = [current, deprecated].filter(([, value]) => value !== null && value !== undefined);
  if (given.length > 1)
    throw new GraphQLError(
      `${field}: pass \`${current[0]}\` only (\`${deprecated[0]}\` is its deprecated name).`,
      { extensions: { code: 'BAD_USER_INPUT', field, argument: deprecated[0] } },
    );
  const [passed] = given;
  return passed === undefined ? undefined : { argument: passed[0], ref: String(passed[1]) };
}

/** The error for a node reference a field cannot answer without. */
export function missingArgument(field: string, argument: string): GraphQLError {
  return new GraphQLError(
    `${field} needs \`${argument}\` (a NodeRef: an episode id or any paper identifier).`,
    { extensions: { code: 'BAD_USER_INPUT', field, argument } },
  );
}

/** Both ends of a path, each under its name or its deprecated one; a missing end is the client's to fix. */
export function pathEnds(
  context: Context,
  field: string,
  args: {
    start?: string | null;
    end?: string | null;
    from?: string | number | null;
    to?: string | number | null;
  },
): Promise<[string, string]> {
  const ends = [
    eitherName(field, ['start', args.start], ['from', args.from]),
    eitherName(field, ['end', args.end], ['to', args.to]),
  ] as const;
  const missing = (['start', 'end'] as const).find((_, i) => ends[i] === undefined);
  if (missing !== undefined) throw missingArgument(field, missing);
  return Promise.all(
    ends.map((end) => knownNode(context, end!.argument, end!.ref)) as [
      Promise<string>,
      Promise<string>,
    ],
  );
}

/** `start` and `end`, with `from` and `to` kept for a release as their deprecated names. */
export const endArgs = builder.args((t) => ({
  start: t.field({ type: 'NodeRef', description: 'Where the path begins' }),
  end: t.field({ type: 'NodeRef', description: 'Where the path ends' }),
  from: t.id({ validate: textArg(MAX_REF_LENGTH), deprecationReason: useInstead('start') }),
  to: t.id({ validate: textArg(MAX_REF_LENGTH), deprecationReason: useInstead('end') }),
}));

builder.queryFields((t) => ({
  graph: t.field({
    type: GraphRef,
    description:
      'Nodes and edges for drawing: `around` a node up to `depth` hops, or the whole graph up to `limit` (`truncated` says when it cut), or with `show` one show’s episodes and the papers they cite (not with `around`). An unknown `around` is a NOT_FOUND error.',
    args: {
      around: t.arg({ type: 'NodeRef', description: 'The node to draw the neighbourhood of' }),
      focus: t.arg.id({
        description: 'Episode id or any paper identifier',
        deprecationReason: useInstead('around'),
      }),
      depth: t.arg.int({
        required: true,
        defaultValue: 1,
        validate: countArg(QUERY_LIMITS.maxGraphDepth),
      }),
      limit: t.arg.int({
        required: true,
        defaultValue: QUERY_LIMITS.defaultGraphLimit,
        validate: countArg(QUERY_LIMITS.maxGraphLimit),
      }),
      minCitations: t.arg.int({ required: true, defaultValue: 1, validate: countArg(1_000_000) }),
      references: t.arg.boolean({
        required: true,
        defaultValue: false,
        description:
          'Also the reference edges between the drawn papers (`referenceEdges`), from the metadata providers',
      }),
      ...showFilterArg,
    },
    complexity: (args) => ({ field: 1, multiplier: args.limit }),
    resolve: async (_root, args, context) => {
      const named = eitherName('graph', ['around', args.around], ['focus', args.focus]);
      const show = showFilterOf('graph', args.show, { around: named?.ref });
      const focus =
        named === undefined ? undefined : await knownNode(context, named.argument, named.ref);
      const query: GraphQuery = {
        focus,
        depth: args.depth,
        limit: args.limit,
        minCitations: args.minCitations,
        references: args.references,
        show,
      };
      return context.store.graph(query);
    },
  }),
  path: t.field({
    type: GraphRef,
    nullable: true,
    description:
      'The shortest chain of episodes and papers from `start` to `end`, in order; null when they are not connected. An unknown end is a NOT_FOUND error naming `start` or `end`.',
    args: endArgs,
    complexity: { field: 1, multiplier: LIST_BOUNDS.pathNodes },
    resolve: async (_root, args, context) => {
      const [start, end] = await pathEnds(context, 'path', args);
      return context.store.path(start, end);
    },
  }),
}));
