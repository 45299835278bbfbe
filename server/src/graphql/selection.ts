// Looking ahead from a resolver at what the request selects below it, so one store read can answer a
// field and its children. Fields are collected by @graphql-tools/utils as the executor collects them
// (fragments, inline fragments with their type conditions, @skip/@include, one entry per alias) and
// their arguments coerced by its getArgumentValues (literals, variables, defaults). Only the library
// touches the schema's types: test runners may load two copies of graphql, and graphql's own
// helpers refuse a type built by the other copy.
import { collectSubFields, getArgumentValues } from '@graphql-tools/utils';
import type {
  FieldNode,
  GraphQLField,
  GraphQLObjectType,
  GraphQLOutputType,
  GraphQLResolveInfo,
  VariableValues,
} from 'graphql';

/** graphql-jit hands resolvers the coerced variables themselves; graphql-js wraps them. */
const wrapped = new WeakMap<object, VariableValues>();

function variableValuesOf(info: GraphQLResolveInfo): VariableValues {
  const given = info.variableValues as unknown as Record<string, unknown>;
  if ('coerced' in given && 'sources' in given) return info.variableValues;
  let variables = wrapped.get(given);
  if (variables === undefined) {
    variables = { sources: {}, coerced: given };
    wrapped.set(given, variables);
  }
  return variables;
}

/** The object type under lists and non-nulls; undefined for a scalar, enum, interface or union. */
function objectTypeOf(type: GraphQLOutputType): GraphQLObjectType | undefined {
  let named: GraphQLOutputType = type;
  while ('ofType' in named) named = named.ofType;
  // The tag every graphql copy gives its object types (what graphql's own checks compare).
  return Object.prototype.toString.call(named) === '[object GraphQLObjectType]'
    ? (named as GraphQLObjectType)
    : undefined;
}

/**
 * The fields selected at the end of `path` below this resolver (a field name per step, each step
 * through every alias of it), as the schema defines them; empty when the path is not selected.
 * `['edges', 'node']` from a connection's resolver names the fields its items are asked for.
 */
export function selectedFieldsAt(
  info: GraphQLResolveInfo,
  path: readonly string[],
): GraphQLField<unknown, unknown>[] {
  const variables = variableValuesOf(info);
  let level: { type: GraphQLObjectType; nodes: readonly FieldNode[] }[] = [];
  const top = objectTypeOf(info.returnType);
  if (top !== undefined) level.push({ type: top, nodes: info.fieldNodes });
  const collect = ({ type, nodes }: (typeof level)[number]) =>
    [
      ...collectSubFields(
        info.schema,
        info.fragments,
        variables as unknown as Record<string, unknown>,
        type,
        nodes as FieldNode[],
      ).fields.values(),
    ].flatMap((selected) => {
      const definition = selected[0] && type.getFields()[selected[0].name.value];
      return definition === undefined ? [] : [{ definition, nodes: selected }];
    });
  for (const step of path) {
    level = level.flatMap((parent) =>
      collect(parent).flatMap(({ definition, nodes }) => {
        const type = definition.name === step ? objectTypeOf(definition.type) : undefined;
        return type === undefined ? [] : [{ type, nodes }];
      }),
    );
  }
  return level.flatMap((parent) => collect(parent).map(({ definition }) => definition));
}

/**
 * The arguments of every selection of `field` on the object this resolver returns, one per response
 * name (an alias is its own selection); empty when the request does not select it, or skips it.
 */
export function selectedArguments(
  info: GraphQLResolveInfo,
  field: string,
): Record<string, unknown>[] {
  const type = objectTypeOf(info.returnType);
  const definition = type?.getFields()[field];
  if (type === undefined || definition === undefined) return [];
  const variables = variableValuesOf(info);
  const { fields } = collectSubFields(
    info.schema,
    info.fragments,
    // Typed for graphql 16's plain map; it hands them on to graphql's getDirectiveValues, which in
    // graphql 17 reads this wrapped form (a plain map throws on `@skip(if: $variable)`).
    variables as unknown as Record<string, unknown>,
    type,
    // Not changed; the same array each time keeps collectSubFields' memo.
    info.fieldNodes as FieldNode[],
  );
  const found: Record<string, unknown>[] = [];
  for (const [first] of fields.values())
    if (first?.name.value === field)
      found.push(getArgumentValues(definition, first, variables.coerced));
  return found;
}
