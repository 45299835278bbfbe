// The schema builder: plugins and their settings only; each type lives in schema/ with its own fields.
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ValidationPlugin from '@pothos/plugin-validation';
import type { Context } from './context.ts';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Connection: { totalCount: number };
}>({
  defaultFieldNullability: false,
  plugins: [ErrorsPlugin, ValidationPlugin, RelayPlugin, ComplexityPlugin],
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false },
    nodeFieldOptions: { nullable: false },
  },
  errors: { directResult: true },
  // Fields carry their cost estimates; plugins/queryLimits.ts checks them once per operation.
  complexity: { defaultComplexity: 1, defaultListMultiplier: 10, disabled: true },
});

builder.globalConnectionField('totalCount', (t) =>
  t.int({ nullable: false, resolve: (connection) => connection.totalCount }),
);
