// Show notes as blocks of visible text with the links inside them, so a link found in the notes can
// be given the sentence around it. htmlparser2 tokenises and decodes entities; text stays as written
// (whitespace runs included, since the note is cut from it later).
import { Parser } from 'htmlparser2';

import { BLOCK_TAGS, INVISIBLE_TAGS } from '../html.ts';

export interface NoteLink {
  href: string;
  /** Where the link's visible text sits in its block's text ([start, end)). */
  start: number;
  end: number;
}

export interface NoteBlock {
  text: string;
  links: NoteLink[];
}

/** Elements that end a run of text: a sentence never continues across them, nor across a list item
 * or a table cell. */
const SENTENCE_BREAK_TAGS: ReadonlySet<string> = new Set([...BLOCK_TAGS, 'li', 'td', 'th']);

/** The blocks of an HTML fragment (plain text is a fragment without tags), blank ones left out. */
export function noteBlocks(html: string): NoteBlock[] {
  const blocks: NoteBlock[] = [];
  let text = '';
  let links: NoteLink[] = [];
  const openLinks: { href: string; start: number }[] = [];
  let invisibleDepth = 0;

  function endBlock(): void {
    // A link left open across a block boundary ends where its block ends.
    for (const open of openLinks.splice(0))
      links.push({ href: open.href, start: open.start, end: text.length });
    if (text.trim() !== '') blocks.push({ text, links });
    text = '';
    links = [];
  }

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (INVISIBLE_TAGS.has(name)) invisibleDepth++;
        else if (SENTENCE_BREAK_TAGS.has(name)) endBlock();
        else if (name === 'a' && attributes['href'] !== undefined)
          openLinks.push({ href: attributes['href'], start: text.length });
      },
      onclosetag(name) {
        if (INVISIBLE_TAGS.has(name)) invisibleDepth = Math.max(0, invisibleDepth - 1);
        else if (SENTENCE_BREAK_TAGS.has(name)) endBlock();
        else if (name === 'a') {
          const open = openLinks.pop();
          if (open) links.push({ href: open.href, start: open.start, end: text.length });
        }
      },
      ontext(data) {
        if (invisibleDepth === 0) text += data;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  endBlock();
  return blocks;
}
