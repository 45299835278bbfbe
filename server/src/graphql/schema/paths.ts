// `paths(from:, to:)`: every shortest chain between two nodes, not only the one `path` picks.
import type { GraphView } from '../../domain/model.ts';
import { builder } from '../builder.ts';
import { LIST_BOUNDS, QUERY_LIMITS } from '../limits.ts';
import { countArg, textArg } from './args.ts';
import { MAX_REF_LENGTH } from '../../ids/paperId.ts';
import { GraphRef, knownNode } from './graph.ts';

interface ShortestPaths {
  paths: GraphView[];
  truncated: boolean;
}

const ShortestPathsRef = builder.objectRef<ShortestPaths>('ShortestPaths').implement({
  fields: (t) => ({
    paths: t.expose('paths', {
      type: [GraphRef],
      // `paths(limit:)` already multiplies by every node a path may hold.
      complexity: { field: 1, multiplier: 1 },
      description:
        'Each path with its nodes in order from `from` to `to`, ordered by their sequences of node ids; empty when unconnected.',
    }),
    length: t.int({
      nullable: true,
      description:
        'Hops of every path (0 when `from` and `to` are one node); null when unconnected.',
      resolve: ({ paths }) => (paths[0] === undefined ? null : paths[0].nodes.length - 1),
    }),
    truncated: t.exposeBoolean('truncated', {
      description: 'True when more shortest paths exist than `limit` let through.',
    }),
  }),
});

builder.queryFields((t) => ({
  paths: t.field({
    type: ShortestPathsRef,
    description:
      'Every shortest chain of episodes and papers between two nodes, up to `limit` (`truncated` says when more exist). An unknown end is a NOT_FOUND error naming `from` or `to`.',
    args: {
      from: t.arg.id({ required: true, validate: textArg(MAX_REF_LENGTH) }),
      to: t.arg.id({ required: true, validate: textArg(MAX_REF_LENGTH) }),
      limit: t.arg.int({
        required: true,
        defaultValue: QUERY_LIMITS.defaultShortestPaths,
        validate: countArg(QUERY_LIMITS.maxShortestPaths),
      }),
    },
    complexity: (args) => ({ field: 1, multiplier: args.limit * LIST_BOUNDS.pathNodes }),
    resolve: async (_root, args, context) => {
      const [from, to] = await Promise.all([
        knownNode(context, 'from', String(args.from)),
        knownNode(context, 'to', String(args.to)),
      ]);
      // One path more than asked says whether `limit` cut the list.
      const found = await context.store.shortestPaths(from, to, args.limit + 1);
      return { paths: found.slice(0, args.limit), truncated: found.length > args.limit };
    },
  }),
}));
