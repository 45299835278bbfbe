// The one admin check every mutation makes first.
import type { Context } from '../context.ts';
import { NotAuthorizedError } from './errors.ts';

export function assertAdmin(context: Context, mutation: string): void {
  if (!context.mutationsEnabled)
    throw new NotAuthorizedError(
      'Mutations are disabled: the server has no ADMIN_TOKEN configured.',
    );
  if (!context.isAdmin)
    throw new NotAuthorizedError(
      `${mutation} needs the header "Authorization: Bearer <ADMIN_TOKEN>".`,
    );
}
