// One id per HTTP request, carried through everything the request does (AsyncLocalStorage), so the
// context, the error masker and the log lines all name the same request, and the client gets it back
// in `x-request-id` to quote when reporting a problem.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { inspect } from 'node:util';

import type { Plugin, YogaLogger } from 'graphql-yoga';

const REQUEST_ID_HEADER = 'x-request-id';

/** What a client may choose as its own id: short and harmless in a log line. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

const requestIds = new AsyncLocalStorage<string>();

/** The client's `x-request-id` when it is a sane token, else a fresh UUID. */
export function requestIdFor(headers: Headers): string {
  const given = headers.get(REQUEST_ID_HEADER);
  return given !== null && CLIENT_REQUEST_ID.test(given) ? given : randomUUID();
}

/** The id of the request whose work is running now, or undefined outside any request. */
export function currentRequestId(): string | undefined {
  return requestIds.getStore();
}

/** Runs the rest of each request inside its id and echoes the id in the response. */
export function useRequestId(): Plugin {
  return {
    onRequest({ request, requestHandler, setRequestHandler }) {
      const id = requestIdFor(request.headers);
      setRequestHandler((req, serverContext) =>
        requestIds.run(id, async () => {
          const response = await requestHandler(req, serverContext);
          response.headers.set(REQUEST_ID_HEADER, id);
          return response;
        }),
      );
    },
  };
}

export type LogSink = (line: string) => void;

function render(args: unknown[]): string {
  return args
    .map((arg) =>
      typeof arg === 'string' ? arg : inspect(arg, { depth: 4, breakLength: Infinity }),
    )
    .join(' ');
}

/**
 * Yoga's logger, with the request id on every line. Errors keep their stack here — the log is for
 * operators; what the client sees is decided by the error masker.
 */
export function requestLogger(
  sink: LogSink = (line) => console.error(line),
  debug = false,
): YogaLogger {
  const line =
    (level: string) =>
    (...args: unknown[]) => {
      const id = currentRequestId();
      sink(`[api] ${level}${id === undefined ? '' : ` request=${id}`} ${render(args)}`);
    };
  return {
    debug: debug ? line('debug') : () => {},
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
  };
}
