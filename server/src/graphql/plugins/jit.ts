// Runs repeated operations with graphql-jit: the `after`-th execution of a document compiles it into one
// function, without graphql-js's per-field machinery. Compiling costs tens of executions, so one-off
// documents stay with yoga's executor and a flood of distinct queries cannot make the server compile each.
//
// graphql-jit passes resolvers graphql 16's `info.variableValues` (the coerced map), not graphql 17's
// { sources, coerced }: code reading it breaks, as the complexity plugin's in-resolver check did (it
// threw when a variable fed an argument it reads), so limits are checked before execution
// (queryLimits.ts). Two other differences are adapted so that no answer depends on the executor:
// variables that do not coerce are reported by yoga's executor (its wording, HTTP 400), and
// graphql-jit's errors, which have `locations` but no AST nodes (yoga drops such locations when it
// serialises), are rebuilt on their nodes.
import {
  type ASTNode,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLError,
  visit,
} from 'graphql';
import type { CompiledQuery } from 'graphql-jit';
import { createGraphQLError, type Plugin } from 'graphql-yoga';

import { operationCache } from './operationCache.ts';

interface Operation {
  /** Executions so far, until it is compiled. */
  runs: number;
  /** null: graphql-jit could not compile it (yoga's executor reports why). */
  compiled?: CompiledQuery | null;
  /** The outermost node starting at each "line:column" of the document, for errors; built on the first one. */
  nodesAt?: Map<string, ASTNode>;
}

const at = (line: number, column: number) => `${line}:${column}`;

function nodesByPosition(document: DocumentNode): Map<string, ASTNode> {
  const nodes = new Map<string, ASTNode>();
  visit(document, {
    enter(node) {
      const start = node.loc?.startToken;
      if (start && !nodes.has(at(start.line, start.column)))
        nodes.set(at(start.line, start.column), node);
    },
  });
  return nodes;
}

function locatedErrors(
  errors: readonly GraphQLError[],
  operation: Operation,
  document: DocumentNode,
): GraphQLError[] {
  const nodesAt = (operation.nodesAt ??= nodesByPosition(document));
  return errors.map((error) =>
    createGraphQLError(error.message, {
      nodes: (error.locations ?? []).flatMap(
        ({ line, column }) => nodesAt.get(at(line, column)) ?? [],
      ),
      path: error.path,
      originalError: error.originalError ?? undefined,
      extensions: error.extensions,
    }),
  );
}

type Execute = Parameters<NonNullable<Plugin['onExecute']>>[0]['executeFn'];

/** Runs the operation's compiled function, with graphql-jit's errors put back on their nodes. */
function compiledExecute(
  compiled: CompiledQuery,
  operation: Operation,
  executeFn: Execute,
): Execute {
  return (execution) => {
    const adapt = (result: ExecutionResult): ExecutionResult | Promise<ExecutionResult> => {
      if (!result.errors) return result;
      // No data at all: the variables did not coerce, and nothing ran.
      if (!('data' in result))
        return executeFn(execution) as ExecutionResult | Promise<ExecutionResult>;
      return {
        errors: locatedErrors(result.errors, operation, execution.document),
        data: result.data,
      };
    };
    const result = compiled.query(
      execution.rootValue,
      execution.contextValue,
      execution.variableValues ?? {},
    );
    return 'then' in result ? result.then(adapt) : adapt(result);
  };
}

export function useJit(after: number): Plugin {
  const operations = operationCache((): Operation => ({ runs: 0 }));
  // Deliberately lazy: graphql-jit (with ajv and fast-json-stringify) loads on the first compile, not at start.
  let graphqlJit: Promise<typeof import('graphql-jit')> | undefined;
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const operation = operations(args.document, args.operationName);
      if (operation === null) return;
      const run = () => {
        if (operation.compiled)
          setExecuteFn(compiledExecute(operation.compiled, operation, executeFn));
      };
      if (operation.compiled === undefined && ++operation.runs >= after) {
        return (graphqlJit ??= import('graphql-jit')).then(({ compileQuery, isCompiledQuery }) => {
          const compiled = compileQuery(
            args.schema,
            args.document,
            args.operationName ?? undefined,
          );
          operation.compiled = isCompiledQuery(compiled) ? compiled : null;
          run();
        });
      }
      run();
    },
  };
}
