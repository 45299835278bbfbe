// `{ episodes { title } }` is the commonest first mistake with a Relay connection: graphql-js answers
// only that the connection type has no `title`. This plugin adds what to write instead (`nodes` or
// `edges { node }`), when the field exists on the connection's items. Duck-typed schema reads: test
// runners may load two copies of graphql.
import type { GraphQLError, GraphQLSchema } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

interface FieldsHolder {
  name: string;
  getFields(): Record<string, { type: unknown }>;
}

function namedType(type: unknown): unknown {
  let current = type;
  while (typeof current === 'object' && current !== null && 'ofType' in current)
    current = current.ofType;
  return current;
}

function hasFields(type: unknown): type is FieldsHolder {
  return typeof type === 'object' && type !== null && 'getFields' in type;
}

/** The type of a connection's items, or null when `typeName` is not a connection. */
function itemTypeOf(schema: GraphQLSchema, typeName: string): FieldsHolder | null {
  const connection = schema.getType(typeName);
  if (!hasFields(connection)) return null;
  const fields = connection.getFields();
  if (fields['pageInfo'] === undefined || fields['edges'] === undefined) return null;
  const edge = namedType(fields['edges'].type);
  if (!hasFields(edge)) return null;
  const node = edge.getFields()['node'];
  const item = node === undefined ? null : namedType(node.type);
  return hasFields(item) ? item : null;
}

const CANNOT_QUERY = /^Cannot query field "(\w+)" on type "(\w+)"\./;

/** The error with a hint when it is a plain field selected on a connection; otherwise unchanged. */
function withConnectionHint(schema: GraphQLSchema, error: GraphQLError): GraphQLError {
  const match = CANNOT_QUERY.exec(error.message);
  if (match === null) return error;
  const [, field = '', typeName = ''] = match;
  const item = itemTypeOf(schema, typeName);
  if (item === null || item.getFields()[field] === undefined) return error;
  return createGraphQLError(
    `Cannot query field "${field}" on type "${typeName}". It is a connection, a page of ${item.name}: select \`nodes { ${field} }\`, or \`edges { node { ${field} } }\` for each item's cursor too.`,
    {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      extensions: { ...error.extensions, connectionOf: item.name },
    },
  );
}

export function useConnectionHint(schema: GraphQLSchema): Plugin {
  return {
    onValidate() {
      return ({ result, setResult }) => {
        if (result.length === 0) return;
        setResult(result.map((error) => withConnectionHint(schema, error)));
      };
    },
  };
}
