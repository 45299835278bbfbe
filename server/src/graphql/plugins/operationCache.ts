// Per-operation state kept with its parsed document: yoga caches documents by query text, so a repeated
// query finds its state again, and the state goes when yoga drops the document. Keyed by the operation
// node, not the client's operation name, so made-up names cannot grow it.
import { type DocumentNode, getOperationAST, type OperationDefinitionNode } from 'graphql';

export function operationCache<T>(
  create: (document: DocumentNode, operation: OperationDefinitionNode) => T,
) {
  const states = new WeakMap<OperationDefinitionNode, T>();
  /** The state of the operation that runs, or null when there is none (the executor refuses it). */
  return (document: DocumentNode, operationName: string | null | undefined): T | null => {
    const operation = getOperationAST(document, operationName);
    if (!operation) return null;
    let state = states.get(operation);
    if (state === undefined) states.set(operation, (state = create(document, operation)));
    return state;
  };
}
