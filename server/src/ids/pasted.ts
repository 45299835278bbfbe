// What a pasted link carries around it: `<…>` (RFC 3986 appendix C), brackets and quotes from the
// sentence it came from, and the sentence's own punctuation after it. Written by hand: URL parsers
// keep these characters, because each is legal inside a URL.

/** Opening and closing characters that may wrap a whole identifier. */
const WRAPPERS: ReadonlyMap<string, string> = new Map([
  ['<', '>'],
  ['(', ')'],
  ['[', ']'],
  ['{', '}'],
  ['"', '"'],
  ["'", "'"],
  ['“', '”'],
  ['‘', '’'],
  ['«', '»'],
  ['（', '）'],
  ['「', '」'],
  ['【', '】'],
]);

/** Sentence punctuation (Latin and CJK) that ends a pasted link but practically never ends a real one. */
const TRAILING_PUNCTUATION = /[.,;:!?…。，、；：！？]$/;
const CLOSERS: ReadonlyMap<string, string> = new Map([
  [')', '('],
  [']', '['],
  ['}', '{'],
  ['>', '<'],
  ['”', '“'],
  ['’', '‘'],
  ['»', '«'],
  ['）', '（'],
  ['」', '「'],
  ['】', '【'],
]);
const QUOTES = new Set(['"', "'"]);

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** A closer or quote at the end belongs to the sentence when nothing inside opened it. */
function unbalancedCloser(text: string): boolean {
  const last = text.at(-1) ?? '';
  const opener = CLOSERS.get(last);
  if (opener !== undefined) return count(text, last) > count(text, opener);
  return QUOTES.has(last) && count(text, last) % 2 === 1;
}

/** The identifier inside pasted text: wrappers, quotes and trailing punctuation removed. */
export function unwrapPasted(raw: string): string {
  let text = raw.trim();
  for (;;) {
    const closer = WRAPPERS.get(text[0] ?? '');
    if (closer !== undefined && text.length >= 2 && text.endsWith(closer))
      text = text.slice(1, -1).trim();
    else if (closer !== undefined && !text.includes(closer, 1)) text = text.slice(1).trim();
    else if (TRAILING_PUNCTUATION.test(text) || unbalancedCloser(text))
      text = text.slice(0, -1).trimEnd();
    else return text;
  }
}
