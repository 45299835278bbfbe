// Argument validators shared by several fields.
import { z } from 'zod';

import { SHOW_ID_PATTERN } from '../../domain/show.ts';
import { MAX_REF_LENGTH } from '../../ids/paperId.ts';
import { QUERY_LIMITS } from '../limits.ts';

export const countArg = (max: number) => z.number().int().min(1).max(max);
export const nonNegativeArg = (max: number) => z.number().int().min(0).max(max);
export const textArg = (max: number) => z.string().trim().min(1).max(max);

/** `related(first:)`: the field validates it, and `episode(id:)` reads ahead with it. */
export const relatedFirstArg = countArg(QUERY_LIMITS.maxRelated);
/** A batch of ids or references, bounded so one request stays a bounded amount of work. */
export const lookupListArg = z.array(textArg(MAX_REF_LENGTH)).max(QUERY_LIMITS.maxLookupIds);
/** The entries a batch lookup returns, for cost estimates: an over-long list is refused by its validator, not costed. */
export const lookupSizeOf = (list: readonly unknown[]) =>
  Math.min(list.length, QUERY_LIMITS.maxLookupIds);

/** A show's id (show_…), as `Show.id` gives it. */
export const showIdArg = z
  .string()
  .regex(SHOW_ID_PATTERN, 'a show id looks like show_ and 12 hex digits');
