// The HTTP side both metadata providers share: a per-attempt timeout, retries with exponential backoff
// on 429/5xx and network errors (Retry-After honoured, capped), and errors that say which provider failed.
import ky, { isHTTPError, isNetworkError, isTimeoutError, type KyInstance, type Options } from 'ky';

export interface ProviderHttpOptions {
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries: number;
  /** First backoff delay; doubles per retry. */
  backoffMs: number;
  /** Longest wait a Retry-After header can impose (a provider asking for an hour is asked again later instead). */
  maxRetryAfterMs: number;
}

export const DEFAULT_PROVIDER_HTTP: ProviderHttpOptions = {
  timeoutMs: 20_000,
  retries: 3,
  backoffMs: 1_000,
  maxRetryAfterMs: 60_000,
};

/** A provider request that failed for good (after retries); `retryable` says whether a later run may succeed. */
export class ProviderError extends Error {
  readonly provider: string;
  readonly retryable: boolean;
  constructor(provider: string, message: string, retryable: boolean, cause?: unknown) {
    super(`${provider}: ${message}`, { cause });
    this.name = 'ProviderError';
    this.provider = provider;
    this.retryable = retryable;
  }
}

export function providerClient(
  http: ProviderHttpOptions = DEFAULT_PROVIDER_HTTP,
  extra: Options = {},
): KyInstance {
  return ky.create({
    timeout: http.timeoutMs,
    retry: {
      limit: http.retries,
      methods: ['get', 'post'],
      statusCodes: [408, 429, 500, 502, 503, 504],
      afterStatusCodes: [429, 503],
      maxRetryAfter: http.maxRetryAfterMs,
      delay: (attempt) => http.backoffMs * 2 ** (attempt - 1),
      backoffLimit: http.maxRetryAfterMs,
      retryOnTimeout: true,
    },
    ...extra,
  });
}

/** Runs one provider request; every failure becomes a ProviderError naming the provider and the cause. */
export async function requestText(
  provider: string,
  send: () => Promise<Response>,
): Promise<string> {
  try {
    const response = await send();
    return await response.text();
  } catch (error) {
    if (isHTTPError(error)) {
      const status = error.response.status;
      throw new ProviderError(
        provider,
        `HTTP ${status} ${error.response.statusText}`.trim(),
        status === 429 || status >= 500,
        error,
      );
    }
    if (isTimeoutError(error)) throw new ProviderError(provider, 'request timed out', true, error);
    if (isNetworkError(error))
      throw new ProviderError(provider, `unreachable (${describeCause(error)})`, true, error);
    throw error;
  }
}

/** The innermost system error code (ECONNREFUSED, ENOTFOUND…) when fetch's cause chain has one. */
function describeCause(error: Error): string {
  for (let cause: unknown = error; cause instanceof Error; cause = cause.cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return code;
  }
  return error.message;
}
