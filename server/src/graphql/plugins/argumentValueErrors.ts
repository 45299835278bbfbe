// graphql-js refuses an argument value of the wrong type (`first: "a"`, a blank NodeRef) by its
// position only. This plugin names the field and argument first (`search.first: Int cannot represent
// …`), as argumentErrors.ts does for the arguments' own checks. Duck-typed schema reads: test runners
// may load two copies of graphql.
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLSchema,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

interface TypeWithFields {
  name: string;
  getFields?(): Record<string, { type: unknown }>;
}

function namedType(type: unknown): TypeWithFields | undefined {
  let current = type;
  while (typeof current === 'object' && current !== null && 'ofType' in current)
    current = current.ofType;
  return current as TypeWithFields | undefined;
}

/** `search` for a root field, `Episode.related` otherwise: the names argument errors use. */
const fieldName = (type: TypeWithFields, field: string, root: boolean) =>
  root ? field : `${type.name}.${field}`;

/** The field and argument whose value covers `offset` in the document, or null. */
function argumentAt(
  schema: GraphQLSchema,
  document: DocumentNode,
  offset: number,
): { field: string; argument: string } | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments.set(definition.name.value, definition);

  const search = (
    selectionSet: SelectionSetNode,
    type: TypeWithFields | undefined,
    root: boolean,
  ): { field: string; argument: string } | null => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        for (const argument of selection.arguments ?? []) {
          const { loc } = argument.value;
          if (type !== undefined && loc !== undefined && loc.start <= offset && offset < loc.end)
            return { field: fieldName(type, name, root), argument: argument.name.value };
        }
        const definition = type?.getFields?.()[name];
        const found =
          selection.selectionSet &&
          search(selection.selectionSet, namedType(definition?.type), false);
        if (found) return found;
        continue;
      }
      const fragment =
        selection.kind === Kind.FRAGMENT_SPREAD ? fragments.get(selection.name.value) : selection;
      if (fragment === undefined) continue;
      const condition = fragment.typeCondition?.name.value;
      const found = search(
        fragment.selectionSet,
        condition === undefined ? type : (schema.getType(condition) as TypeWithFields | undefined),
        root,
      );
      if (found) return found;
    }
    return null;
  };

  for (const definition of document.definitions) {
    const found =
      definition.kind === Kind.OPERATION_DEFINITION
        ? search(
            definition.selectionSet,
            (schema.getRootType(definition.operation) ?? undefined) as TypeWithFields | undefined,
            true,
          )
        : definition.kind === Kind.FRAGMENT_DEFINITION
          ? search(
              definition.selectionSet,
              schema.getType(definition.typeCondition.name.value) as TypeWithFields | undefined,
              false,
            )
          : null;
    if (found) return found;
  }
  return null;
}

function withArgumentNamed(
  schema: GraphQLSchema,
  document: DocumentNode,
  error: GraphQLError,
): GraphQLError {
  const offset = error.nodes?.[0]?.loc?.start;
  if (offset === undefined) return error;
  const found = argumentAt(schema, document, offset);
  if (found === null || error.message.startsWith(`${found.field}.`)) return error;
  return createGraphQLError(`${found.field}.${found.argument}: ${error.message}`, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, field: found.field, argument: found.argument },
  });
}

export function useArgumentValueErrors(schema: GraphQLSchema): Plugin {
  return {
    onValidate({ params }) {
      return ({ result, setResult }) => {
        if (result.length === 0) return;
        setResult(result.map((error) => withArgumentNamed(schema, params.documentAST, error)));
      };
    },
  };
}
