// Text clean-up shared by every reader. Control characters are stripped (not rejected): feeds pick
// them up from copy-paste and they carry no meaning, while rejecting would block otherwise good data.

/** C0 controls except tab and newline, DEL, and C1 controls. */
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/** Anything cleanControlCharacters would change; most text has none, and one scan is cheaper than three. */
const NEEDS_CLEANING = /^\uFEFF|[\r\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** CRLF/CR become LF, a leading byte-order mark goes, other control characters are removed. */
export function cleanControlCharacters(text: string): string {
  if (!NEEDS_CLEANING.test(text)) return text;
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL_CHARACTERS, '');
}

/**
 * Whitespace that is not already a lone space: a run of two or more, or one tab/newline/other space.
 * Matching only these (lone spaces are already right) saves a replacement per word.
 */
const WHITESPACE_TO_COLLAPSE = /[^\S ]\s*| \s+/g;

/** Every run of whitespace (newlines included) becomes one space; ends trimmed. */
export function collapseWhitespace(text: string): string {
  return text.replace(WHITESPACE_TO_COLLAPSE, ' ').trim();
}

/** A short excerpt for error messages. */
export function excerpt(text: string, max = 60): string {
  const flat = collapseWhitespace(text);
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
