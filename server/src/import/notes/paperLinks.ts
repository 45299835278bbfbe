// Every paper an episode's notes link to, each with the sentence it is linked from. Notes are the
// description, `content:encoded`, `itunes:summary` and the chapters' titles and links; a link counts
// as a paper only when the identifier module says it names one (arXiv, DOI, a venue's or index's
// paper page), so sponsors, social profiles, the show's own site and podcast apps are never papers.
import { namesAPaper, type PaperKey, parsePaperRef } from '../../ids/paperId.ts';
import type { ImportIssue } from '../errors.ts';
import { collapseWhitespace, excerpt } from '../text.ts';
import { type Candidate, identifierCandidates } from './identifierCandidates.ts';
import { type NoteBlock, noteBlocks, type NoteLink } from './noteBlocks.ts';
import { sentenceFinder } from './sentences.ts';

export type NoteField = 'description' | 'content:encoded' | 'itunes:summary' | 'podcast:chapters';

/** One field of notes: HTML (plain text is HTML without tags) or, for chapters, blocks as given. */
export type NoteSource =
  | { field: Exclude<NoteField, 'podcast:chapters'>; html: string }
  | { field: 'podcast:chapters'; chapters: readonly { title?: string; url?: string }[] };

export interface NotePaperLink {
  key: PaperKey;
  /** The sentence the paper is linked from, as written (tags dropped, entities decoded). */
  note: string;
  field: NoteField;
  /** The link or identifier as the notes wrote it. */
  written: string;
  /**
   * Every wording the paper was linked under, in order (anchors' texts, chapters' titles), often its
   * title or short name; identifiers in the text and anchors whose text is a link add none.
   */
  linkTexts: string[];
}

export interface NotePaperLinks {
  /** One per paper, from the first place it is linked (fields in the order given). */
  papers: NotePaperLink[];
  /** Identifiers written out as such (`arXiv:`, `doi:`, a DOI) that name no paper, and refused links. */
  problems: ImportIssue[];
}

/** A chapter is a block: its title is the sentence, its link covers all of it. */
function chapterBlocks(chapters: readonly { title?: string; url?: string }[]): NoteBlock[] {
  return chapters.map(({ title = '', url }) => ({
    text: title,
    links: url === undefined ? [] : [{ href: url, start: 0, end: title.length }],
  }));
}

interface Found {
  written: string;
  start: number;
  end: number;
  /** Whether the text claims to be an identifier, so failing to read it is worth saying. */
  claimed: boolean;
  linkText: string | null;
}

function candidateFound(candidate: Candidate): Found {
  return { ...candidate, claimed: candidate.form !== 'arxiv id', linkText: null };
}

function linkFound(block: NoteBlock, link: NoteLink): Found {
  const text = collapseWhitespace(block.text.slice(link.start, link.end));
  const isLink = text === '' || identifierCandidates(text).some((found) => found.form === 'link');
  return { ...link, written: link.href, claimed: true, linkText: isLink ? null : text };
}

/** Where the notes come from, for problems: the feed file (when known) and the episode's label. */
export interface NotesPlace {
  file?: string;
  episode: string;
}

/** Paper links in the notes of one episode. */
export function paperLinksInNotes(
  sources: readonly NoteSource[],
  place: NotesPlace,
): NotePaperLinks {
  const papers = new Map<string, NotePaperLink>();
  const problems: ImportIssue[] = [];
  for (const source of sources) {
    const blocks =
      source.field === 'podcast:chapters'
        ? chapterBlocks(source.chapters)
        : noteBlocks(source.html);
    for (const block of blocks) {
      const found: Found[] = [
        ...block.links.map((link) => linkFound(block, link)),
        ...identifierCandidates(block.text).map(candidateFound),
      ];
      const sentenceAround = sentenceFinder(block.text);
      for (const { written, start, end, claimed, linkText } of found) {
        const parsed = parsePaperRef(written);
        if (!parsed.ok) {
          // Anchors with mailto:, tel: or in-page targets are links, just not to papers.
          if (claimed && /^(?:https?:|arxiv|doi|10\.)/i.test(written.trim()))
            problems.push({
              ...place,
              field: source.field,
              message: `"${excerpt(written)}" is not read as a paper: ${parsed.reason}`,
            });
          continue;
        }
        if (!namesAPaper(parsed.key)) continue;
        const known = papers.get(parsed.key.id);
        if (known) {
          if (linkText !== null && !known.linkTexts.includes(linkText))
            known.linkTexts.push(linkText);
          continue;
        }
        papers.set(parsed.key.id, {
          key: parsed.key,
          note: sentenceAround(start, end),
          field: source.field,
          written,
          linkTexts: linkText === null ? [] : [linkText],
        });
      }
    }
  }
  return { papers: [...papers.values()], problems };
}
