// Neo4j failures the API can explain to a person, mapped to the store-neutral errors; programming
// errors keep their original form so they show up as bugs, not as "database down".
import {
  StoreAuthError,
  StoreConflictError,
  StoreError,
  StoreUnavailableError,
} from '../errors.ts';

// Driver-side codes (no server involved) and server status codes, see
// https://neo4j.com/docs/status-codes/current/errors/all-errors/
const UNAVAILABLE_CODES = new Set([
  'ServiceUnavailable',
  'SessionExpired',
  'Neo.ClientError.Database.DatabaseNotFound',
  'Neo.TransientError.General.DatabaseUnavailable',
  'Neo.ClientError.Cluster.NotALeader',
  'Neo.TransientError.Cluster.NotALeader',
]);
const AUTH_CODES = new Set([
  'Neo.ClientError.Security.Unauthorized',
  'Neo.ClientError.Security.AuthenticationRateLimit',
  'Neo.ClientError.Security.CredentialsExpired',
  'Neo.ClientError.Security.TokenExpired',
]);
const CONFLICT_CODES = new Set(['Neo.ClientError.Schema.ConstraintValidationFailed']);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The store error for a Neo4j failure, or the error itself when it is not one we can explain. */
export function toStoreError(error: unknown): unknown {
  if (error instanceof StoreError) return error;
  const code = errorCode(error);
  if (code === undefined) return error;
  const detail = `${errorMessage(error)} (${code})`;
  if (UNAVAILABLE_CODES.has(code))
    return new StoreUnavailableError(`Neo4j is unreachable: ${detail}`, { cause: error });
  if (AUTH_CODES.has(code))
    return new StoreAuthError(`Neo4j rejected the credentials: ${detail}`, { cause: error });
  if (CONFLICT_CODES.has(code))
    return new StoreConflictError(`Neo4j refused a conflicting write: ${detail}`, { cause: error });
  return error;
}

/** Runs `work`, rethrowing Neo4j failures as store errors. */
export async function mappingStoreErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toStoreError(error);
  }
}
