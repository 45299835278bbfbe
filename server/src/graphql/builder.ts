// The schema builder: plugins and their settings only; each type lives in schema/ with its own fields.
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import ErrorsPlugin from '@pothos/plugin-errors';
import RelayPlugin from '@pothos/plugin-relay';
import ValidationPlugin from '@pothos/plugin-validation';

import { argumentError, ArgumentErrorsPlugin } from './argumentErrors.ts';
import type { Context } from './context.ts';
import { nodeTypeName } from './nodeType.ts';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  Connection: { totalCount: number };
  Scalars: { NodeRef: { Input: string; Output: string } };
}>({
  defaultFieldNullability: false,
  // First, so it wraps the argument checks every later plugin adds (plugins configure fields last to first).
  plugins: [ArgumentErrorsPlugin, ErrorsPlugin, ValidationPlugin, RelayPlugin, ComplexityPlugin],
  validation: { validationError: (result) => argumentError(result.issues) },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // A connection's cost already multiplies by its page size (pagination.ts: pageSizeOf).
    edgesFieldOptions: { nullable: false, complexity: { field: 1, multiplier: 1 } },
    nodeFieldOptions: { nullable: false },
    // `nodes` beside `edges`, as GitHub's API and Relay clients offer: the page's nodes without cursors.
    nodesOnConnection: {
      description: 'The nodes of `edges`, for clients that need no cursors.',
      complexity: { field: 1, multiplier: 1 },
    },
    // Episode and Paper keep the ids clients already store (ep_…, canonical paper keys) instead of the
    // plugin's base64 "Type:id": schema/node.ts declares node(id:) and nodes(ids:) over plain IDs.
    nodeTypeOptions: {
      description:
        'Anything papergraph can refetch by its id: an episode (ep_…) or a paper (canonical key).',
      resolveType: (node) => nodeTypeName(node as object),
    },
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
  errors: { directResult: true },
  // Fields carry their cost estimates; plugins/queryLimits.ts checks them once per operation.
  // Every list field states its bound (limits.ts LIST_BOUNDS, or its `first`); one that does not
  // is costed as the largest list the domain model allows.
  complexity: { defaultComplexity: 1, defaultListMultiplier: 200, disabled: true },
});

builder.globalConnectionField('totalCount', (t) =>
  t.int({ nullable: false, resolve: (connection) => connection.totalCount }),
);
