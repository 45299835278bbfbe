// Expected failures, returned as typed results (errors plugin) instead of GraphQL errors.
import { FeedUrlError } from '../../feeds/feedService.ts';
import { ImportError } from '../../import/errors.ts';
import { builder } from '../builder.ts';
import { LIST_BOUNDS } from '../limits.ts';

export class NotAuthorizedError extends Error {
  override name = 'NotAuthorizedError';
}

/** The same codes clients read from `extensions.code` of GraphQL errors, for errors returned as results. */
const ErrorCodeEnum = builder.enumType('ErrorCode', {
  values: {
    UNAUTHORIZED: {
      description:
        'Send `Authorization: Bearer <ADMIN_TOKEN>`, or configure ADMIN_TOKEN on the server.',
    },
    BAD_FEED: { description: 'The feed was refused; `issues` say which episode and field to fix.' },
  } as const,
});

type ErrorCode = 'UNAUTHORIZED' | 'BAD_FEED';

/** Each error type a mutation returns as a result, with its code; a refused feed URL is a bad feed too. */
const ERROR_CODES: readonly (readonly [new (...args: never[]) => Error, ErrorCode])[] = [
  [NotAuthorizedError, 'UNAUTHORIZED'],
  [ImportError, 'BAD_FEED'],
  [FeedUrlError, 'BAD_FEED'],
];

function errorCode(error: Error): ErrorCode {
  const entry = ERROR_CODES.find(([type]) => error instanceof type);
  if (entry === undefined) throw new Error(`${error.name} is returned as a result but has no code`);
  return entry[1];
}

export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  fields: (t) => ({
    message: t.exposeString('message'),
    code: t.field({ type: ErrorCodeEnum, resolve: errorCode }),
  }),
});

builder.objectType(NotAuthorizedError, {
  name: 'NotAuthorizedError',
  description:
    'The request lacks the admin token, or mutations are disabled because none is configured.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotAuthorizedError,
});

const ImportIssueRef = builder.objectRef<ImportError['issues'][number]>('ImportIssue').implement({
  fields: (t) => ({
    file: t.exposeString('file', { nullable: true }),
    episode: t.exposeString('episode', {
      nullable: true,
      description: 'Episode title or #position',
    }),
    field: t.exposeString('field', { nullable: true }),
    message: t.exposeString('message'),
  }),
});

builder.objectType(ImportError, {
  name: 'FeedValidationError',
  description: 'The feed was rejected; nothing was written.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof ImportError,
  fields: (t) => ({
    issues: t.expose('issues', {
      type: [ImportIssueRef],
      complexity: { field: 1, multiplier: LIST_BOUNDS.importIssues },
    }),
  }),
});
