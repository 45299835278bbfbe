// Argument checks that teach: a refused argument is named with its field (`search.first must be ≤ 50`),
// whether the check ran while estimating the query's cost or while resolving it. The validation
// plugin's issues become one sentence per argument; a Pothos plugin adds the field they belong to.
import SchemaBuilder, {
  BasePlugin,
  type PothosOutputFieldConfig,
  PothosValidationError,
  type SchemaTypes,
} from '@pothos/core';

interface Problem {
  argument: string;
  requirement: string;
}

interface Issue {
  readonly message: string;
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
  readonly code?: unknown;
  readonly origin?: unknown;
  readonly maximum?: unknown;
  readonly minimum?: unknown;
  readonly inclusive?: unknown;
  readonly expected?: unknown;
}

/** What the argument must be, from zod's issue (its message as a last resort). */
function requirement(issue: Issue): string {
  const { code, origin, maximum, minimum, inclusive } = issue;
  if (code === 'too_big' && origin === 'number')
    return `must be ${inclusive === false ? '<' : '≤'} ${String(maximum)}`;
  if (code === 'too_small' && origin === 'number')
    return `must be ${inclusive === false ? '>' : '≥'} ${String(minimum)}`;
  if (code === 'too_small' && origin === 'string') return 'must not be blank';
  if (code === 'too_big' && origin === 'string')
    return `must be at most ${String(maximum)} characters`;
  if (code === 'too_big' && origin === 'array') return `takes at most ${String(maximum)} entries`;
  if (code === 'invalid_type' && issue.expected === 'int') return 'must be a whole number';
  return `is refused: ${issue.message}`;
}

/** `first`, `ids[3]`: the argument (and entry) an issue is about. */
function argumentPath(issue: Issue): string {
  const keys = (issue.path ?? []).map((step) =>
    typeof step === 'object' && step !== null ? step.key : step,
  );
  return keys
    .map((key, index) =>
      typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`,
    )
    .join('');
}

/** A refused argument; the field is added once known (the plugin below). */
export class ArgumentError extends PothosValidationError {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[], field?: string) {
    const prefix = field === undefined ? '' : `${field}.`;
    super(problems.map((p) => `${prefix}${p.argument} ${p.requirement}`).join('; '), {
      extensions: {
        code: 'BAD_USER_INPUT',
        ...(field === undefined ? {} : { field }),
        // The argument itself, without the entry (`ids`, not `ids[3]`).
        argument: problems[0]?.argument.replace(/[.[].*$/, ''),
      },
    });
    this.problems = problems;
  }

  /** The same problems, named with their field: `search` for a root field, `Episode.related` otherwise. */
  ofField(field: string): ArgumentError {
    return new ArgumentError(this.problems, field);
  }
}

/** The validation plugin's `validationError`: every issue as one argument and what it must be. */
export function argumentError(issues: readonly Issue[]): ArgumentError {
  return new ArgumentError(
    issues.map((issue) => ({ argument: argumentPath(issue), requirement: requirement(issue) })),
  );
}

function fieldName(config: PothosOutputFieldConfig<SchemaTypes>): string {
  return config.parentType === 'Query' || config.parentType === 'Mutation'
    ? config.name
    : `${config.parentType}.${config.name}`;
}

const renamed = (field: string) => (error: unknown) => {
  throw error instanceof ArgumentError ? error.ofField(field) : error;
};

class PothosArgumentErrorsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override onOutputFieldConfig(
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): PothosOutputFieldConfig<Types> {
    if (fieldConfig.argMappers.length === 0) return fieldConfig;
    const field = fieldName(fieldConfig as PothosOutputFieldConfig<SchemaTypes>);
    return {
      ...fieldConfig,
      argMappers: fieldConfig.argMappers.map((mapper) => (args, context, info) => {
        try {
          const mapped = mapper(args, context, info);
          return mapped instanceof Promise ? mapped.catch(renamed(field)) : mapped;
        } catch (error) {
          return renamed(field)(error);
        }
      }),
    };
  }
}

// Pothos knows its plugins through this global namespace; a module cannot declare it otherwise.
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Pothos' plugin registry is a namespace
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      argumentErrors: PothosArgumentErrorsPlugin<Types>;
    }
  }
}

export const ArgumentErrorsPlugin = 'argumentErrors';
SchemaBuilder.registerPlugin(ArgumentErrorsPlugin, PothosArgumentErrorsPlugin);
