// The `graphql()` tag every web document is written with, typed by the schema's introspection.
import { initGraphQLTada } from 'gql.tada';

import type { introspection } from './introspection.ts';

type ScalarName = Extract<
  (typeof introspection)['__schema']['types'][number],
  { kind: 'SCALAR' }
>['name'];

const isString = (value: unknown): value is string => typeof value === 'string';

/**
 * How each scalar of the schema is recognised in an answer; the guarded type is also the scalar's
 * TypeScript type, so a scalar added to the schema fails type-checking until it is listed here.
 */
export const scalarGuards = {
  Boolean: (value: unknown): value is boolean => typeof value === 'boolean',
  Float: (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value),
  ID: isString,
  Int: (value: unknown): value is number => Number.isInteger(value),
  NodeRef: isString,
  String: isString,
} satisfies Record<ScalarName, (value: unknown) => boolean>;

type Guarded<Guard> = Guard extends (value: unknown) => value is infer Type ? Type : never;

export const graphql = initGraphQLTada<{
  introspection: typeof introspection;
  scalars: { [Name in ScalarName]: Guarded<(typeof scalarGuards)[Name]> };
  // Fragments only share selections here; every consumer reads the whole answer.
  disableMasking: true;
}>();
