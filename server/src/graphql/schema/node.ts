// Relay's refetch fields over the ids clients already hold: `node(id:)` and `nodes(ids:)` answer
// exactly an episode id (ep_…) or a canonical paper key; `papersByRefs` takes any identifier form.
import { MAX_REF_LENGTH } from '../../ids/paperId.ts';
import { findNode } from '../../queries/nodeRef.ts';
import { builder } from '../builder.ts';
import { QUERY_LIMITS } from '../limits.ts';
import { lookupListArg, lookupSizeOf, textArg } from './args.ts';

const NodeInterface = builder.nodeInterfaceRef();

builder.queryFields((t) => ({
  node: t.field({
    type: NodeInterface,
    nullable: true,
    description: 'The episode or paper with this id (an `id` field as returned), or null.',
    args: { id: t.arg.id({ required: true, validate: textArg(MAX_REF_LENGTH) }) },
    resolve: (_root, args, { loaders }) => findNode(loaders, String(args.id)),
  }),
  nodes: t.field({
    type: [NodeInterface],
    nullable: { list: false, items: true },
    description: `The episode or paper for each id, in order, null where none has it. At most ${QUERY_LIMITS.maxLookupIds} ids.`,
    args: { ids: t.arg.idList({ required: true, validate: lookupListArg }) },
    complexity: (args) => ({ field: 1, multiplier: lookupSizeOf(args.ids) }),
    resolve: (_root, args, { loaders }) => args.ids.map((id) => findNode(loaders, String(id))),
  }),
}));
