// The schema builder: plugins and their settings only; each type lives in schema/ with its own fields.
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ValidationPlugin from '@pothos/plugin-validation';
import type { Context } from './context.ts';
import { QUERY_LIMITS } from './limits.ts';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Connection: { totalCount: number };
}>({
  defaultFieldNullability: false,
  plugins: [ErrorsPlugin, ValidationPlugin, RelayPlugin, DataloaderPlugin, ComplexityPlugin],
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
  },
  errors: { directResult: true },
  complexity: {
    defaultComplexity: 1,
    defaultListMultiplier: 10,
    limit: {
      complexity: QUERY_LIMITS.maxComplexity,
      depth: QUERY_LIMITS.maxDepth,
      breadth: QUERY_LIMITS.maxBreadth,
    },
  },
});

builder.globalConnectionField('totalCount', (t) =>
  t.int({ nullable: false, resolve: (connection) => connection.totalCount }),
);
