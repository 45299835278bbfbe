// Reference edges of a drawn view in the order both stores give them: by the citing paper's place
// in the view, each paper's references in the order the store read them (the provider's).
import type { GraphView } from '../../domain/model.ts';
import type { ReferenceEdge } from '../store.ts';

export function inViewOrder(
  view: GraphView,
  edges: readonly { source: string; target: string }[],
): ReferenceEdge[] {
  const place = new Map(view.nodes.map((node, i) => [node.id, i]));
  return edges
    .map((edge) => ({ source: edge.source, target: edge.target, kind: 'REFERENCES' as const }))
    .sort((a, b) => place.get(a.source)! - place.get(b.source)!);
}
