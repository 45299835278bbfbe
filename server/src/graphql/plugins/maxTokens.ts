// Parse cost bounded: graphql's parser stops at the first token past the limit, so a hostile 20 MB
// `{ __typename __typename … }` is refused after a few thousand tokens instead of being parsed whole.
// Variables are JSON, not tokens: a feed passed as `$content` costs one token, its `$content`.
// graphql's own `maxTokens` option, not graphql-armor's max-tokens plugin: that one wraps the lexer
// of a second copy of graphql (16, beside the server's 17) in a Proxy.
import type { Plugin } from 'graphql-yoga';

import { isGraphQLError } from './maskErrors.ts';

const TOO_MANY_TOKENS = 'TOO_MANY_TOKENS';

export function useMaxTokens(maxTokens: number): Plugin {
  const tooMany = `more than ${maxTokens} tokens`;
  return {
    onParse({ parseFn, setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parseFn(source, { ...options, maxTokens });
        } catch (error) {
          if (!isGraphQLError(error) || !error.message.includes(tooMany)) throw error;
          // Reworded in place: yoga gives parse errors their code and HTTP status by looking at this object.
          throw Object.assign(error, {
            message:
              `The document has ${tooMany} (names, punctuation and literal values each count). ` +
              'Pass large values such as feeds as variables, split the query, or use fragments.',
            extensions: { ...error.extensions, code: TOO_MANY_TOKENS, maxTokens },
          });
        }
      });
    },
  };
}
