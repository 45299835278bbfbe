// Request bodies over the limit are refused with 413 before a byte of them is parsed: a declared
// Content-Length is checked up front; a chunked body (no length) is counted while it streams by
// yoga's own limiter, which gets the same number (see yoga.ts).
import type { Plugin } from 'graphql-yoga';
import { MAX_FEED_BYTES } from '../../import/pipeline.ts';

/** Room for the largest feed importFeed accepts (20 MB) plus its JSON escaping and the query. */
export const DEFAULT_MAX_BODY_BYTES = MAX_FEED_BYTES + 5 * 1024 * 1024;

const CONTENT_LENGTH = /^\d+$/;

function errorResponse(fetchAPI: { Response: typeof Response }, status: number, code: string, message: string): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

export function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      const declared = request.headers.get('content-length');
      if (declared === null) return;
      if (!CONTENT_LENGTH.test(declared)) {
        endResponse(errorResponse(fetchAPI, 400, 'BAD_REQUEST', 'The Content-Length header is not a single byte count.'));
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
  };
}
