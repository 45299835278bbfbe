// Depth, breadth and cost limits, checked once per operation before it runs, with the complexity
// plugin's own estimate (the fields' `complexity` options). Not the plugin's built-in check: that one
// runs inside every root resolver and reads graphql 17's `info.variableValues`, which graphql-jit's
// resolve info does not have (see jit.ts). An operation whose estimate cannot change with its variables
// (no variable reaches a field whose complexity is a function of its arguments, which must read nothing
// else) is estimated once. Only AST helpers of graphql here: test runners may load two copies of it.
import { PothosValidationError } from '@pothos/core';
import { complexityFromQuery, type ComplexityResult } from '@pothos/plugin-complexity';
import {
  BREAK,
  type DocumentNode,
  type GraphQLError,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  visit,
} from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

import { costliestPath, deepestPath, mostRepeatedField } from './costBlame.ts';
import { isGraphQLError, withCode } from './maskErrors.ts';
import { useMaxTokens } from './maxTokens.ts';
import { operationCache } from './operationCache.ts';

export type Limits = { [K in keyof ComplexityResult as `max${Capitalize<K>}`]: number };

interface Operation {
  /** The operation with the document's fragments: complexityFromQuery measures a document's first operation. */
  document: DocumentNode;
  /** Whether the estimate may differ from one set of variables to another. */
  variable: boolean;
  /** The estimate, once known, of an operation that is not `variable`. */
  cost?: ComplexityResult;
}

const LIMIT_CODES = {
  depth: 'QUERY_TOO_DEEP',
  breadth: 'QUERY_TOO_BROAD',
  complexity: 'QUERY_TOO_COSTLY',
} as const;

/** The first breach as an error naming the field to change, or null. */
function breach(cost: ComplexityResult, limits: Limits, blame: () => Blame): GraphQLError | null {
  const error = (
    kind: keyof typeof LIMIT_CODES,
    measured: number,
    max: number,
    advice: (b: Blame) => string,
  ) => {
    const found = blame();
    return createGraphQLError(
      `Query exceeds maximum ${kind} (${kind}: ${measured}, max: ${max}). ${advice(found)}`,
      {
        extensions: { code: LIMIT_CODES[kind], [kind]: measured, max, field: found.field },
      },
    );
  };
  if (cost.depth > limits.maxDepth) {
    return error(
      'depth',
      cost.depth,
      limits.maxDepth,
      (b) =>
        `The deepest chain is ${b.field}: ask for fewer nested levels, or fetch the inner part in a second request.`,
    );
  }
  if (cost.breadth > limits.maxBreadth) {
    return error(
      'breadth',
      cost.breadth,
      limits.maxBreadth,
      (b) =>
        `${b.field} is selected ${b.count} times: select fewer fields or aliases, or split the query.`,
    );
  }
  if (cost.complexity > limits.maxComplexity) {
    return error(
      'complexity',
      cost.complexity,
      limits.maxComplexity,
      (b) =>
        `${b.field} costs most (${b.count} of ${cost.complexity}): ask for smaller \`first\` or \`limit\` values on it (fewer \`ids\` or \`refs\` in a batch), or fewer fields under it.`,
    );
  }
  return null;
}

interface Blame {
  field: string;
  count: number;
}

/** Names of the fields whose complexity is computed from their arguments. */
function argumentCostFields(schema: GraphQLSchema): Set<string> {
  const names = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!('getFields' in type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (typeof field.extensions['complexity'] === 'function') names.add(field.name);
    }
  }
  return names;
}

/** True when a variable is in the arguments of a field by one of `names` (by name alone: on the safe side). */
function hasVariableCost(document: DocumentNode, names: ReadonlySet<string>): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (!names.has(node.name.value)) return;
      for (const argument of node.arguments ?? []) {
        visit(argument.value, {
          Variable() {
            found = true;
            return BREAK;
          },
        });
      }
      return found ? BREAK : undefined;
    },
  });
  return found;
}

function operationOf(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  names: ReadonlySet<string>,
): Operation {
  const alone: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      operation,
      ...document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION),
    ],
  };
  return { document: alone, variable: hasVariableCost(alone, names) };
}

/** Each running operation's estimated cost, by its context: what a cost budget spends (rateLimit.ts). */
const estimates = new WeakMap<object, number>();

export function estimatedCost(context: object): number | undefined {
  return estimates.get(context);
}

/** Depth, breadth and cost per operation, and (through useMaxTokens) tokens per document. */
export function useQueryLimits(
  schema: GraphQLSchema,
  limits: Limits & { maxTokens: number },
): Plugin {
  const names = argumentCostFields(schema);
  const operations = operationCache((document, operation) =>
    operationOf(document, operation, names),
  );
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(useMaxTokens(limits.maxTokens));
    },
    onExecute({ args, setResultAndStopExecution }) {
      const operation = operations(args.document, args.operationName);
      if (operation === null) return;
      let cost = operation.cost;
      if (cost === undefined) {
        try {
          cost = complexityFromQuery(operation.document, {
            schema,
            variables: args.variableValues ?? {},
            ctx: args.contextValue,
          });
        } catch (error) {
          // Arguments the estimate reads failed their validation: refused before anything runs.
          if (error instanceof PothosValidationError) {
            setResultAndStopExecution({ errors: [withCode(error)] });
            return;
          }
          // Variables that do not coerce: the executor refuses them, all errors listed, before any resolver runs.
          if (isGraphQLError(error)) return;
          throw error;
        }
        if (!operation.variable) operation.cost = cost;
      }
      const found = cost;
      const refused = breach(cost, limits, () => {
        const { document } = operation;
        if (found.depth > limits.maxDepth)
          return { field: deepestPath(document), count: found.depth };
        if (found.breadth > limits.maxBreadth) return mostRepeatedField(document);
        const costliest = costliestPath(
          document,
          schema,
          args.variableValues ?? {},
          args.contextValue,
        );
        return { field: costliest.path, count: costliest.cost };
      });
      if (refused !== null) setResultAndStopExecution({ errors: [refused] });
      else estimates.set(args.contextValue, cost.complexity);
    },
  };
}
