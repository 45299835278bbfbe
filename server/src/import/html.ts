// Feed descriptions are HTML; the episode parser reads text. Blocks become lines and list items
// become " - " items, the same conventions the podcast page uses, so one parser serves both.
import { collapseWhitespace } from './text.ts';

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'br', 'dd', 'div', 'dl', 'dt', 'figcaption', 'figure',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'ol', 'p', 'pre', 'section', 'table',
  'tbody', 'thead', 'tr', 'ul',
]);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', hellip: '…',
  lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', laquo: '«', raquo: '»',
  bull: '•', middot: '·', copy: '©', reg: '®', trade: '™', deg: '°', times: '×', divide: '÷',
  euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§', para: '¶', shy: '', zwj: '\u200D', zwnj: '\u200C',
  auml: 'ä', ouml: 'ö', uuml: 'ü', Auml: 'Ä', Ouml: 'Ö', Uuml: 'Ü', szlig: 'ß', eacute: 'é', egrave: 'è',
  aacute: 'á', agrave: 'à', iacute: 'í', oacute: 'ó', uacute: 'ú', ntilde: 'ñ', ccedil: 'ç',
  Eacute: 'É', alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', lambda: 'λ', mu: 'μ',
  pi: 'π', sigma: 'σ', theta: 'θ', rarr: '→', larr: '←', le: '≤', ge: '≥', ne: '≠', asymp: '≈',
  minus: '−', plusmn: '±', infin: '∞',
};

function codePoint(value: number): string {
  const valid = value > 0 && value <= 0x10ffff && !(value >= 0xd800 && value <= 0xdfff);
  return valid ? String.fromCodePoint(value) : '\uFFFD';
}

function decodeWith(text: string, named: Record<string, string>): string {
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) return codePoint(Number.parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return codePoint(Number(ref.slice(1)));
    return Object.hasOwn(named, ref) ? (named[ref] ?? whole) : whole;
  });
}

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** One pass of XML entity decoding (the five predefined entities and character references). */
export function decodeXmlEntities(text: string): string {
  return decodeWith(text, XML_ENTITIES);
}

/** One pass of HTML entity decoding; unknown named entities stay as written. */
export function decodeHtmlEntities(text: string): string {
  return decodeWith(text, NAMED_ENTITIES);
}

/** Visible text of an HTML fragment: one line per block, ` - ` before each list item. */
export function htmlToText(html: string): string {
  const withoutInvisible = html
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    // Script and style bodies are code, not text anyone reads in a show note.
    .replace(/<(script|style|template|noscript)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, '');
  const marked = withoutInvisible.replace(/<\/?([A-Za-z][A-Za-z0-9-]*)\b[^>]*>/g, (tag, name: string) => {
    const lower = name.toLowerCase();
    if (lower === 'li') return tag.startsWith('</') ? '\n' : '\n - ';
    return BLOCK_TAGS.has(lower) ? '\n' : '';
  });
  return decodeHtmlEntities(marked)
    .split('\n')
    .map(collapseWhitespace)
    .filter((line) => line !== '')
    .join('\n');
}
