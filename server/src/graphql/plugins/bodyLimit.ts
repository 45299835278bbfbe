// Request bodies over the limit are refused with 413 before a byte of them is parsed: a declared
// Content-Length is checked up front (Node's HTTP parser never reads past it); a body of unknown length
// (chunked) is counted while it is read. Yoga's own limiter is off (see yoga.ts): it pipes every body,
// declared or not, through a TransformStream into a new Request, ~10 µs per request.
import { createGraphQLError, type FetchAPI, type Plugin } from 'graphql-yoga';

import { MAX_FEED_BYTES } from '../../domain/feedLimits.ts';

/** Room for the largest feed importFeed accepts (20 MB) plus its JSON escaping and the query. */
export const DEFAULT_MAX_BODY_BYTES = MAX_FEED_BYTES + 5 * 1024 * 1024;

const CONTENT_LENGTH = /^\d+$/;

function errorResponse(
  fetchAPI: { Response: typeof Response },
  status: number,
  code: string,
  message: string,
): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

const tooLarge = (maxBytes: number) =>
  createGraphQLError(`The request body is over the limit of ${maxBytes} bytes.`, {
    extensions: { http: { status: 413 }, code: 'PAYLOAD_TOO_LARGE' },
  });

/** The request with its body read into memory, failing as soon as it passes `maxBytes`. */
async function readWithin(
  request: Request,
  maxBytes: number,
  fetchAPI: FetchAPI,
): Promise<Request> {
  const reader = request.body!.getReader();
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    bytes += chunk.value.byteLength;
    if (bytes > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(chunk.value);
  }
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body: Buffer.concat(chunks),
  });
}

export function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const declared = request.headers.get('content-length');
      if (declared === null) return;
      if (!CONTENT_LENGTH.test(declared)) {
        endResponse(
          errorResponse(
            fetchAPI,
            400,
            'BAD_REQUEST',
            'The Content-Length header is not a single byte count.',
          ),
        );
        return;
      }
      const bytes = Number(declared);
      if (bytes > maxBytes) {
        endResponse(
          errorResponse(
            fetchAPI,
            413,
            'PAYLOAD_TOO_LARGE',
            `The request body is ${bytes} bytes; the limit is ${maxBytes} bytes.`,
          ),
        );
      }
    },
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (
        request.headers.has('content-length') ||
        request.body === null ||
        requestParser === undefined
      )
        return;
      setRequestParser(async (unread) =>
        requestParser(await readWithin(unread, maxBytes, fetchAPI)),
      );
    },
  };
}
