// Checks an answer's data against the document that asked for it and the schema: every selected
// field present, of its type and nullability. The answer's types come from the same two sources,
// so nothing about the schema is written down twice.
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  Kind,
  type SelectionSetNode,
} from '@0no-co/graphql.web';

import { scalarGuards } from './graphql.ts';
import { introspection } from './introspection.ts';

interface TypeRef {
  readonly kind: string;
  readonly name?: string;
  readonly ofType?: TypeRef;
}

interface SchemaType {
  readonly kind: string;
  readonly name: string;
  readonly fields?: readonly { readonly name: string; readonly type: TypeRef }[];
  readonly enumValues?: readonly { readonly name: string }[];
  readonly possibleTypes?: readonly { readonly name: string }[];
}

const schemaTypes: ReadonlyMap<string, SchemaType> = new Map(
  introspection.__schema.types.map((type: SchemaType) => [type.name, type]),
);
const scalarChecks: Readonly<Record<string, (value: unknown) => boolean>> = scalarGuards;

export type DataPath = (string | number)[];

/** The path of the first value that does not fit the document's selection, or null when all do. */
export function findMismatch(document: DocumentNode, data: unknown): DataPath | null {
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: SelectionSetNode | null = null;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) {
      fragments.set(definition.name.value, definition);
    } else if (definition.kind === Kind.OPERATION_DEFINITION && operation === null) {
      if (definition.operation !== 'query') throw new Error('The web client only sends queries.');
      operation = definition.selectionSet;
    }
  }
  if (operation === null) throw new Error('The document has no operation.');
  return checkObject(introspection.__schema.queryType.name, operation, data, [], fragments);
}

function checkObject(
  typeName: string,
  selectionSet: SelectionSetNode,
  value: unknown,
  path: DataPath,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): DataPath | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return path;
  const object = value as Record<string, unknown>;
  const declared = schemaType(typeName);
  // A union or interface answers with one of its object types, named by its __typename (every web
  // document asks for it there: tests/web/documents.test.ts).
  let runtimeType = declared;
  if (declared.kind !== 'OBJECT') {
    const named = object['__typename'];
    if (typeof named !== 'string' || !appliesTo(typeName, named)) return [...path, '__typename'];
    runtimeType = schemaType(named);
  }
  for (const selection of selectionSet.selections) {
    let mismatch: DataPath | null = null;
    if (selection.kind === Kind.FIELD) {
      const key = selection.alias?.value ?? selection.name.value;
      const fieldValue = object[key];
      if (selection.name.value === '__typename') {
        if (fieldValue !== runtimeType.name) mismatch = [...path, key];
      } else {
        const field = runtimeType.fields?.find((f) => f.name === selection.name.value);
        if (!field)
          throw new Error(`${runtimeType.name}.${selection.name.value} is not in the schema.`);
        mismatch = checkValue(
          field.type,
          selection.selectionSet,
          fieldValue,
          [...path, key],
          fragments,
        );
      }
    } else {
      const fragment =
        selection.kind === Kind.INLINE_FRAGMENT ? selection : spreadFragment(selection, fragments);
      const condition = fragment.typeCondition?.name.value ?? typeName;
      if (appliesTo(condition, runtimeType.name)) {
        mismatch = checkObject(runtimeType.name, fragment.selectionSet, object, path, fragments);
      }
    }
    if (mismatch) return mismatch;
  }
  return null;
}

function checkValue(
  type: TypeRef,
  selectionSet: SelectionSetNode | undefined,
  value: unknown,
  path: DataPath,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): DataPath | null {
  if (type.kind === 'NON_NULL') {
    return value === null || value === undefined
      ? path
      : checkValue(ofType(type), selectionSet, value, path, fragments);
  }
  if (value === null) return null;
  if (type.kind === 'LIST') {
    if (!Array.isArray(value)) return path;
    for (const [index, item] of value.entries()) {
      const mismatch = checkValue(ofType(type), selectionSet, item, [...path, index], fragments);
      if (mismatch) return mismatch;
    }
    return null;
  }
  const named = schemaType(type.name ?? '');
  if (named.kind === 'SCALAR') return scalarChecks[named.name]?.(value) ? null : path;
  if (named.kind === 'ENUM') return named.enumValues?.some((v) => v.name === value) ? null : path;
  if (!selectionSet) throw new Error(`${named.name} at ${path.join('.')} needs a selection.`);
  return checkObject(named.name, selectionSet, value, path, fragments);
}

/** Whether a fragment on `condition` applies to an object of type `objectType`. */
function appliesTo(condition: string, objectType: string): boolean {
  if (condition === objectType) return true;
  return schemaType(condition).possibleTypes?.some((t) => t.name === objectType) ?? false;
}

function spreadFragment(
  spread: FragmentSpreadNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): FragmentDefinitionNode {
  const fragment = fragments.get(spread.name.value);
  if (!fragment) throw new Error(`The document has no fragment ${spread.name.value}.`);
  return fragment;
}

function schemaType(name: string): SchemaType {
  const type = schemaTypes.get(name);
  if (!type) throw new Error(`${name} is not a type of the schema.`);
  return type;
}

function ofType(type: TypeRef): TypeRef {
  if (!type.ofType) throw new Error(`A ${type.kind} type without its inner type.`);
  return type.ofType;
}
