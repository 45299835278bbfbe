// The second of an episode at which each paper it mentions is first discussed, read from its
// transcript. The rule, earliest match wins:
//  - identifier: a cue contains the paper's arXiv id or DOI;
//  - name: one of the paper's names, a name being one of its titles (its title, the words the notes
//    linked it under) before the first colon, or the whole title without one, is said as consecutive
//    words (case and punctuation ignored, running across cues if need be); a one-word name counts
//    only when it stood before a colon ("Mamba: …"), since one ordinary word says nothing;
//  - acronym: the initials of a name of three or more words ("DPO" for Direct Preference
//    Optimization) said as an upper-case word.
// The time is the start of the cue where the match begins; cues without a time (in an HTML
// transcript) are not searched.
import type { PaperKey } from '../../ids/paperId.ts';
import type { TranscriptCue } from './transcript.ts';

export interface MentionedPaper {
  key: PaperKey;
  /** Its title and any other wording it is known under (the words the notes linked it under). */
  titles: readonly string[];
}

export type DiscussedBy = 'identifier' | 'name' | 'acronym';

export interface FirstDiscussed {
  paperId: string;
  /** Seconds from the start of the audio. */
  seconds: number;
  cueIndex: number;
  by: DiscussedBy;
}

const WORD = /[\p{L}\p{N}]+/gu;

function wordsOf(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

interface Name {
  words: string[];
  acronym: string | null;
}

function nameOf(title: string): Name | null {
  const colon = title.indexOf(':');
  const name = colon > 0 ? title.slice(0, colon) : title;
  const words = wordsOf(name);
  if (words.length === 0 || (words.length === 1 && colon <= 0)) return null;
  const initials = (name.match(WORD) ?? []).map((word) => word[0]?.toUpperCase() ?? '').join('');
  return { words, acronym: words.length >= 3 ? initials : null };
}

interface TimedCue {
  index: number;
  start: number;
  text: string;
}

/** Words of the cues in order, with the cue each came from. */
function transcriptWords(cues: readonly TimedCue[]): { words: string[]; cueOf: TimedCue[] } {
  const words: string[] = [];
  const cueOf: TimedCue[] = [];
  for (const cue of cues) {
    for (const word of wordsOf(cue.text)) {
      words.push(word);
      cueOf.push(cue);
    }
  }
  return { words, cueOf };
}

function phraseAt(words: readonly string[], phrase: readonly string[]): number {
  outer: for (let start = 0; start + phrase.length <= words.length; start++) {
    for (let offset = 0; offset < phrase.length; offset++)
      if (words[start + offset] !== phrase[offset]) continue outer;
    return start;
  }
  return -1;
}

function identifierOf(key: PaperKey): string | null {
  return key.arxivId ?? key.doi;
}

/** When each paper is first discussed; papers the transcript never matches are left out. */
export function firstDiscussed(
  cues: readonly TranscriptCue[],
  papers: readonly MentionedPaper[],
): FirstDiscussed[] {
  const timed = cues
    .flatMap((cue, index) =>
      cue.start === null ? [] : [{ index, start: cue.start, text: cue.text }],
    )
    .sort((a, b) => a.start - b.start);
  const { words, cueOf } = transcriptWords(timed);
  const found: FirstDiscussed[] = [];
  for (const paper of papers) {
    const matches: { cue: TimedCue; by: DiscussedBy }[] = [];
    const identifier = identifierOf(paper.key);
    const byIdentifier =
      identifier === null
        ? undefined
        : timed.find((cue) => cue.text.toLowerCase().includes(identifier));
    if (byIdentifier) matches.push({ cue: byIdentifier, by: 'identifier' });
    for (const title of paper.titles) {
      const name = nameOf(title);
      if (name === null) continue;
      const byName = cueOf[phraseAt(words, name.words)];
      if (byName) matches.push({ cue: byName, by: 'name' });
      const acronym = name.acronym;
      const byAcronym =
        acronym === null
          ? undefined
          : timed.find((cue) => cue.text.match(WORD)?.includes(acronym) === true);
      if (byAcronym) matches.push({ cue: byAcronym, by: 'acronym' });
    }
    const earliest = matches.sort((a, b) => a.cue.start - b.cue.start)[0];
    if (earliest)
      found.push({
        paperId: paper.key.id,
        seconds: earliest.cue.start,
        cueIndex: earliest.cue.index,
        by: earliest.by,
      });
  }
  return found;
}
