// Node ids derived from what names a node most stably: hashing keeps them short and URL-safe whatever
// the key looks like.

/** `<prefix>_` and twelve hex digits of `key`'s SHA-256. */
export function shortHashId(prefix: string, key: string): string {
  // Looked up when called, not imported: the web app bundles domain/ for the browser, which has no
  // node:crypto (and never derives ids).
  const { createHash } = process.getBuiltinModule('node:crypto');
  return `${prefix}_${createHash('sha256').update(key).digest('hex').slice(0, 12)}`;
}
