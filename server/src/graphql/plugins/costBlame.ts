// Which field to change when a query is over a limit: the deepest chain for depth, the most repeated
// field for breadth, and for cost the chain of fields that contributes most (found by removing each
// candidate in turn and keeping the one whose removal saves most). Only run for refused queries.
import { complexityFromQuery } from '@pothos/plugin-complexity';
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  Kind,
  type SelectionSetNode,
  visit,
} from 'graphql';

type Fragments = ReadonlyMap<string, FragmentDefinitionNode>;

function fragmentsOf(document: DocumentNode): Fragments {
  return new Map(
    document.definitions
      .filter(
        (definition): definition is FragmentDefinitionNode =>
          definition.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((fragment) => [fragment.name.value, fragment]),
  );
}

/** The fields a selection set selects, through inline fragments and fragment spreads. */
function fieldsOf(
  selectionSet: SelectionSetNode | undefined,
  fragments: Fragments,
  seen = new Set<string>(),
): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) fields.push(selection);
    else if (selection.kind === Kind.INLINE_FRAGMENT)
      fields.push(...fieldsOf(selection.selectionSet, fragments, seen));
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      fields.push(...fieldsOf(fragments.get(selection.name.value)?.selectionSet, fragments, seen));
    }
  }
  return fields;
}

const nameOf = (field: FieldNode) => field.name.value;

function operationSelections(document: DocumentNode): SelectionSetNode | undefined {
  return document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION)
    ?.selectionSet;
}

/** The longest chain of nested fields, e.g. `episodes.edges.node.related.episode`. */
export function deepestPath(document: DocumentNode): string {
  const fragments = fragmentsOf(document);
  const longest = (selectionSet: SelectionSetNode | undefined, depth: number): string[] => {
    if (depth > 64) return [];
    let best: string[] = [];
    for (const field of fieldsOf(selectionSet, fragments)) {
      const path = [nameOf(field), ...longest(field.selectionSet, depth + 1)];
      if (path.length > best.length) best = path;
    }
    return best;
  };
  return longest(operationSelections(document), 0).join('.');
}

/** The field selected most often (aliases count), with that count. */
export function mostRepeatedField(document: DocumentNode): { field: string; count: number } {
  const counts = new Map<string, number>();
  visit(document, {
    Field(node) {
      counts.set(nameOf(node), (counts.get(nameOf(node)) ?? 0) + 1);
    },
  });
  let top = { field: '', count: 0 };
  for (const [field, count] of counts) if (count > top.count) top = { field, count };
  return top;
}

/** The chain of fields that costs most, with the share of the estimate it accounts for. */
export function costliestPath(
  document: DocumentNode,
  schema: GraphQLSchema,
  variables: Record<string, unknown>,
  ctx: object,
): { path: string; cost: number } {
  const fragments = fragmentsOf(document);
  const costWithout = (removed: FieldNode) =>
    complexityFromQuery(
      visit(document, { Field: (node) => (node === removed ? null : undefined) }),
      { schema, variables, ctx },
    ).complexity;
  const total = complexityFromQuery(document, { schema, variables, ctx }).complexity;
  const path: string[] = [];
  let share = total;
  let candidates = fieldsOf(operationSelections(document), fragments);
  while (candidates.length > 0) {
    let best: { field: FieldNode; saves: number } | null = null;
    for (const field of candidates) {
      const saves = total - costWithout(field);
      if (best === null || saves > best.saves) best = { field, saves };
    }
    if (best === null) break;
    path.push(
      best.field.alias ? `${best.field.alias.value}:${nameOf(best.field)}` : nameOf(best.field),
    );
    share = best.saves;
    candidates = fieldsOf(best.field.selectionSet, fragments).filter(
      (field) => field.selectionSet !== undefined,
    );
  }
  return { path: path.join('.'), cost: share };
}
