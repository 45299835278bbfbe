// What a client sees when something fails inside the server. Errors the API raises on purpose
// (syntax, validation, limits, argument checks) are GraphQL errors and pass unchanged. Store failures
// a person can act on get a clear message and a code. Everything else becomes "Unexpected error." —
// no stack, no SQL or Cypher, no file paths — with the request id to find the full error in the log
// (yoga logs the original through requestLogger whenever an error is replaced here).
import type { GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';

import {
  StoreAuthError,
  StoreBusyError,
  StoreConflictError,
  type StoreError,
  StoreUnavailableError,
} from '../../store/errors.ts';
import { currentRequestId } from './requestId.ts';

export const UNEXPECTED_ERROR_MESSAGE = 'Unexpected error.';

interface KnownFailure {
  code: string;
  message: string;
  /** HTTP status for the whole response. */
  status: number;
}

/** The client-facing explanation of each store failure (each store maps its driver's into these). */
const KNOWN_FAILURES: ReadonlyArray<readonly [typeof StoreError, KnownFailure]> = [
  [
    StoreUnavailableError,
    {
      code: 'STORE_UNAVAILABLE',
      status: 503,
      message: 'The database is not reachable right now. Try again shortly.',
    },
  ],
  [
    StoreAuthError,
    {
      code: 'STORE_UNAVAILABLE',
      status: 503,
      message:
        'The server cannot sign in to its database; an operator needs to fix its configuration.',
    },
  ],
  [
    StoreConflictError,
    {
      code: 'CONFLICT',
      status: 409,
      message: 'Another import changed the same data at the same moment. Retry the request.',
    },
  ],
  [
    StoreBusyError,
    {
      code: 'STORE_BUSY',
      status: 503,
      message: 'The database is busy with another import. Try again shortly.',
    },
  ],
];

function knownFailure(error: unknown): KnownFailure | null {
  return KNOWN_FAILURES.find(([failure]) => error instanceof failure)?.[1] ?? null;
}

/**
 * By its tag, not instanceof: test runners may load graphql twice (ESM and CJS builds), and an
 * error from the other copy must still be recognised.
 */
export function isGraphQLError(error: unknown): error is GraphQLError {
  return Object.prototype.toString.call(error) === '[object GraphQLError]';
}

/** GraphQL errors the API raised itself (not wrapping a thrown non-GraphQL error) are safe to show. */
function isOwnGraphQLError(error: unknown): error is GraphQLError {
  if (!isGraphQLError(error)) return false;
  return error.originalError == null || isOwnGraphQLError(error.originalError);
}

/**
 * The code of an error the API raised without one: argument checks and variables that do not coerce
 * are the client's input; anything else is a request the server cannot run as written.
 */
function codeFor(error: GraphQLError): string {
  const cause = error.originalError ?? error;
  if (cause.name === 'PothosValidationError' || error.message.startsWith('Variable "$'))
    return 'BAD_USER_INPUT';
  return 'BAD_REQUEST';
}

/** The same error with a code (the same object: yoga logs every error maskError replaces). */
export function withCode(error: GraphQLError): GraphQLError {
  if (typeof error.extensions['code'] !== 'string')
    (error.extensions as Record<string, unknown>)['code'] = codeFor(error);
  return error;
}

/** yoga's `maskedErrors.maskError`. Every error leaves with an `extensions.code`. */
export function maskError(error: unknown, message: string = UNEXPECTED_ERROR_MESSAGE): Error {
  if (isOwnGraphQLError(error)) return withCode(error);
  const cause = isGraphQLError(error) ? error.originalError : error;
  const known = knownFailure(cause);
  const requestId = currentRequestId();
  const location = isGraphQLError(error)
    ? { nodes: error.nodes, source: error.source, positions: error.positions, path: error.path }
    : {};
  return createGraphQLError(known?.message ?? message, {
    ...location,
    extensions: {
      code: known?.code ?? 'INTERNAL_SERVER_ERROR',
      ...(requestId === undefined ? {} : { requestId }),
      ...(known ? { http: { status: known.status } } : {}),
    },
  });
}
