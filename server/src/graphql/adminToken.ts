import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time check of an `Authorization: Bearer <token>` header against the configured token. */
export function carriesAdminToken(
  authorization: string | null,
  adminToken: string | undefined,
): boolean {
  if (adminToken === undefined || authorization === null) return false;
  const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
  if (!match?.[1]) return false;
  // Hashing first gives equal-length buffers, so the comparison time says nothing about the token.
  return timingSafeEqual(digest(match[1]), digest(adminToken));
}
