// Web links as paper identity: one spelling per page, so the same link typed two ways is one paper.
import { z } from 'zod';

export const MAX_URL_LENGTH = 2048;

export type WebUrlResult =
  | { ok: true; url: string; host: string; path: string }
  | { ok: false; reason: string };

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/**
 * Lower-cases scheme and host (URL does that), drops `www.`, default ports, credentials-free only,
 * drops the fragment and trailing slashes; keeps path case and the query exactly as given.
 */
export function normaliseWebUrl(raw: string): WebUrlResult {
  const text = raw.trim();
  if (text.length === 0) return { ok: false, reason: 'empty link' };
  if (text.length > MAX_URL_LENGTH) return { ok: false, reason: `link longer than ${MAX_URL_LENGTH} characters` };
  // URL() silently deletes tabs/newlines ("java\nscript:"), so refuse whitespace before parsing.
  if (/\s/.test(text)) return { ok: false, reason: 'link contains whitespace' };
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    return { ok: false, reason: scheme ? `unsupported link scheme "${scheme}:" (only http and https)` : 'not a link' };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'malformed link' };
  }
  if (url.username || url.password) return { ok: false, reason: 'link must not contain credentials' };
  // Same rule as the domain model's webUrlSchema: a registered domain name, not an IP or localhost.
  if (!z.regexes.domain.test(url.hostname)) return { ok: false, reason: `"${url.hostname}" is not a domain name` };
  const hostname = url.hostname.startsWith('www.') && url.hostname.indexOf('.', 4) > 0 ? url.hostname.slice(4) : url.hostname;
  const host = url.port ? `${hostname}:${url.port}` : hostname;
  const path = url.pathname.replace(/\/+$/, '');
  const normalised = `${url.protocol}//${host}${path}${url.search}`;
  if (normalised.length > MAX_URL_LENGTH) return { ok: false, reason: `link longer than ${MAX_URL_LENGTH} characters` };
  return { ok: true, url: normalised, host: hostname, path };
}
