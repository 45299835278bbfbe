// `NodeRef`: the one input type for naming a node. A scalar rather than an input object, so a client
// passes what it holds as it holds it — an episode id, a paper id, an arXiv id or URL, a DOI or
// doi.org URL, a plain URL — and the server works out which node that is (queries/nodeRef.ts).
import { GraphQLError, Kind } from 'graphql';

import { MAX_REF_LENGTH } from '../../ids/paperId.ts';
import { builder } from '../builder.ts';

const ACCEPTS = `an episode id (ep_…), a papergraph paper id, or any paper identifier: arXiv id or URL, DOI or doi.org URL, plain URL; at most ${MAX_REF_LENGTH} characters`;

function parseNodeRef(value: unknown): string {
  const ref = typeof value === 'string' ? value.trim() : '';
  if (ref.length === 0 || ref.length > MAX_REF_LENGTH)
    // A GraphQLError, so the refusal reaches the client as its input's fault (BAD_USER_INPUT).
    throw new GraphQLError(`A NodeRef is ${ACCEPTS}.`);
  return ref;
}

builder.scalarType('NodeRef', {
  description: `A node named any way a client holds it: ${ACCEPTS}.`,
  serialize: (value) => value,
  parseValue: parseNodeRef,
  parseLiteral: (node) => parseNodeRef(node.kind === Kind.STRING ? node.value : undefined),
});

/** Why an argument is deprecated, naming its replacement. */
export const useInstead = (argument: string) =>
  `Use \`${argument}\`, a NodeRef that takes any episode id, paper id or paper identifier.`;
