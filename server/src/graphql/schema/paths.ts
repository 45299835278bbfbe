// `paths(from:, to:)`: every shortest chain between two nodes, not only the one `path` picks.
import type { GraphView } from '../../domain/model.ts';
import { builder } from '../builder.ts';
import { LIST_BOUNDS, QUERY_LIMITS } from '../limits.ts';
import { countArg } from './args.ts';
import { endArgs, GraphRef, pathEnds } from './graph.ts';

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
        'Each path with its nodes in order from `start` to `end`, ordered by their sequences of node ids; empty when unconnected.',
    }),
    length: t.int({
      nullable: true,
      description:
        'Hops of every path (0 when `start` and `end` are one node); null when unconnected.',
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
      'Every shortest chain of episodes and papers from `start` to `end`, up to `limit` (`truncated` says when more exist). An unknown end is a NOT_FOUND error naming `start` or `end`.',
    args: {
      ...endArgs,
      limit: t.arg.int({
        required: true,
        defaultValue: QUERY_LIMITS.defaultShortestPaths,
        validate: countArg(QUERY_LIMITS.maxShortestPaths),
      }),
    },
    complexity: (args) => ({ field: 1, multiplier: args.limit * LIST_BOUNDS.pathNodes }),
    resolve: async (_root, args, context) => {
      const [start, end] = await pathEnds(context, 'paths', args);
      // One path more than asked says whether `limit` cut the list.
      const found = await context.store.shortestPaths(start, end, args.limit + 1);
      return { paths: found.slice(0, args.limit), truncated: found.length > args.limit };
    },
  }),
}));
