// The `show` argument of the lists (`episodes`, `papers`, `search`, `graph`): narrows them to one show.
import { GraphQLError } from 'graphql';

import { builder } from '../builder.ts';
import { showIdArg } from './args.ts';

/** The `show` argument of a list: a show id, or absent. */
export const showFilterArg = builder.args((t) => ({
  show: t.id({
    description: 'Only this show’s episodes (a Show id), and for papers the ones they cite',
    validate: showIdArg,
  }),
}));

/** The show a list is narrowed to; an error when another argument it cannot go with is also given. */
export function showFilterOf(
  field: string,
  show: string | number | null | undefined,
  conflicting: Record<string, unknown>,
): string | undefined {
  if (show === null || show === undefined) return undefined;
  const other = Object.entries(conflicting).find(([, value]) => value != null);
  if (other !== undefined)
    throw new GraphQLError(`${field}: \`show\` does not go with \`${other[0]}\`.`, {
      extensions: { code: 'BAD_USER_INPUT', field, argument: other[0] },
    });
  return String(show);
}
