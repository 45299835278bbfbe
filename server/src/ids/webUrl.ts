// Web links as paper identity: one spelling per page, so the same link typed two ways is one paper.
import { z } from 'zod';

import { unwrapPasted } from './pasted.ts';

export const MAX_URL_LENGTH = 2048;

export type WebUrlResult =
  { ok: true; url: string; host: string; path: string } | { ok: false; reason: string };

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** Query parameters that say how a visitor arrived, never which page they asked for. */
const TRACKING_PARAMETERS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'gbraid',
  'wbraid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'li_fat_id',
  'mc_cid',
  'mc_eid',
  '_hsenc',
  '_hsmi',
  'mkt_tok',
  'oly_anon_id',
  'oly_enc_id',
  'vero_id',
  '_ga',
  '_gl',
  'ref',
  'ref_src',
  'ref_url',
  'referrer',
  'si',
  'spm',
  'trk',
]);
const TRACKING_PREFIX = /^(?:utm_|pk_|mtm_)/;

/** Trailing slashes and a folder's default document: `/a/index.html` is the page `/a` serves. */
const FOLDER_ENDING = /(?:\/(?:index|default)\.(?:html?|shtml|php|aspx?)|\/)+$/i;

function parameterName(part: string): string {
  const name = part.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(name.replace(/\+/g, ' ')).toLowerCase();
  } catch {
    return name.toLowerCase();
  }
}

/** The query without tracking parameters or empty parts, the rest exactly as given (order, escapes). */
function withoutTracking(search: string): string {
  const kept = search
    .slice(1)
    .split('&')
    .filter((part) => {
      if (part === '') return false;
      const name = parameterName(part);
      return !TRACKING_PARAMETERS.has(name) && !TRACKING_PREFIX.test(name);
    });
  return kept.length === 0 ? '' : `?${kept.join('&')}`;
}

/**
 * Lower-cases scheme and host (URL does that), serves every page over https (http and https forms
 * are one page), drops `www.`, default ports, the fragment, tracking parameters, a directory index
 * file and trailing slashes; refuses credentials; keeps path case and the rest of the query as given.
 */
export function normaliseWebUrl(raw: string): WebUrlResult {
  const text = unwrapPasted(raw);
  if (text.length === 0) return { ok: false, reason: 'empty link' };
  if (text.length > MAX_URL_LENGTH)
    return { ok: false, reason: `link longer than ${MAX_URL_LENGTH} characters` };
  // URL() silently deletes tabs/newlines ("java\nscript:"), so refuse whitespace before parsing.
  if (/\s/.test(text)) return { ok: false, reason: 'link contains whitespace' };
  const scheme = SCHEME.exec(text)?.[1]?.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    return {
      ok: false,
      reason: scheme ? `unsupported link scheme "${scheme}:" (only http and https)` : 'not a link',
    };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, reason: 'malformed link' };
  }
  if (url.username || url.password)
    return { ok: false, reason: 'link must not contain credentials' };
  // Same rule as the domain model's webUrlSchema: a registered domain name, not an IP or localhost.
  if (!z.regexes.domain.test(url.hostname))
    return { ok: false, reason: `"${url.hostname}" is not a domain name` };
  // Switching the scheme also drops a port that is https's default (http://host:443).
  url.protocol = 'https:';
  const hostname =
    url.hostname.startsWith('www.') && url.hostname.indexOf('.', 4) > 0
      ? url.hostname.slice(4)
      : url.hostname;
  const host = url.port ? `${hostname}:${url.port}` : hostname;
  const path = url.pathname.replace(FOLDER_ENDING, '');
  const normalised = `https://${host}${path}${withoutTracking(url.search)}`;
  if (normalised.length > MAX_URL_LENGTH)
    return { ok: false, reason: `link longer than ${MAX_URL_LENGTH} characters` };
  // Dropping parts can leave sentence punctuation at the end (`/a./`, `?x=1.&utm_source=y`): go again.
  if (unwrapPasted(normalised) !== normalised) return normaliseWebUrl(normalised);
  return { ok: true, url: normalised, host: hostname, path };
}
