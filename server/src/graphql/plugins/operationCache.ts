// Per-operation state kept with its parsed document: yoga caches documents by query text, so a repeated
// query finds its state again, and the state goes when yoga drops the document.
import type { DocumentNode } from 'graphql';

export function operationCache<T>(create: (document: DocumentNode, operationName: string | null | undefined) => T) {
  const byDocument = new WeakMap<DocumentNode, Map<string, T>>();
  return (document: DocumentNode, operationName: string | null | undefined): T => {
    let byName = byDocument.get(document);
    if (!byName) byDocument.set(document, (byName = new Map()));
    const key = operationName ?? '';
    let state = byName.get(key);
    if (state === undefined) byName.set(key, (state = create(document, operationName)));
    return state;
  };
}
