// What both stores keep of a transcript and how they read it back: passages of whole cues, the stored
// transcript and times an import that does not know its transcript keeps, and the line a search lands
// on; and what an import keeps of fetched cues (the cap, cut at a cue).
import { describe, expect, it } from 'vitest';

import type { EpisodeRecord } from '../../server/src/domain/model.ts';
import { MAX_TRANSCRIPT_CHARS, type TranscriptLine } from '../../server/src/domain/transcript.ts';
import { keptTranscript } from '../../server/src/import/podcasting20/keptTranscript.ts';
import {
  passageLines,
  transcriptMatch,
  transcriptPassages,
  withStoredTranscript,
} from '../../server/src/store/shared/transcripts.ts';
import { arxivPaper, episode } from '../helpers/batchBuilder.ts';

const lines: TranscriptLine[] = Array.from({ length: 60 }, (_, i) => ({
  start: i % 7 === 3 ? null : i * 5,
  text: `Line ${i}: ${'words '.repeat(i % 9)}end.`,
}));

describe('passages', () => {
  it('groups whole cues into passages of about 1,000 characters and reads them back', () => {
    const passages = transcriptPassages(lines);
    expect(passages.length).toBeGreaterThan(1);
    expect(passages.map((p) => p.position)).toEqual(passages.map((_, i) => i));
    for (const passage of passages.slice(0, -1)) expect(passage.text.length).toBeGreaterThan(900);
    expect(passages.flatMap(passageLines)).toEqual(lines);
    expect(transcriptPassages([])).toEqual([]);
  });
});

describe('an import that does not know the transcript', () => {
  const dpo = arxivPaper('2305.18290', 'DPO');
  const ppo = arxivPaper('1707.06347', 'PPO');
  const record: EpisodeRecord = {
    ...episode({ title: 'E', source: dpo }),
    recommendations: [{ paperId: ppo.id, note: null }],
    mentions: [{ paperId: dpo.id, note: null }],
  };
  const stored = {
    lines: [{ start: 1, text: 'Hello.' }],
    times: [
      { kind: 'RECOMMENDED' as const, paperId: ppo.id, discussedAt: 12 },
      // A time of another kind is not this citation's.
      { kind: 'RECOMMENDED' as const, paperId: dpo.id, discussedAt: 30 },
    ],
  };

  it('keeps the stored transcript and the times of the papers it still cites as the same kind', () => {
    expect(withStoredTranscript(record, stored)).toEqual({
      ...record,
      recommendations: [{ paperId: ppo.id, note: null, discussedAt: 12 }],
      transcript: stored.lines,
    });
    expect(withStoredTranscript(record, { lines: null, times: [] })).toEqual({
      ...record,
      mentions: record.mentions,
    });
    expect(withStoredTranscript(record, undefined)).toBe(record);
  });

  it('is as it says when it knows: a transcript, or none', () => {
    const none = { ...record, transcript: null };
    expect(withStoredTranscript(none, stored)).toBe(none);
  });
});

describe('where a search matched', () => {
  const passage = transcriptPassages([
    { start: 10, text: 'We talk about reward models first.' },
    { start: 20, text: 'Then direct preference optimization and its preferences.' },
    { start: 30, text: 'The cue1990 marker.' },
    { start: null, text: `A long line ${'filler '.repeat(60)}with the quokka near its end.` },
  ])[0]!;

  it('is the line holding most of the words, by prefix or a stem-like start', () => {
    expect(transcriptMatch('direct preferences', passage)).toEqual({
      excerpt: 'Then direct preference optimization and its preferences.',
      startSeconds: 20,
    });
    expect(transcriptMatch('optim', passage).startSeconds).toBe(20);
    expect(transcriptMatch('Reward', passage).startSeconds).toBe(10);
    // Numbers match as typed or as a prefix, never by a near start.
    expect(transcriptMatch('cue1999', passage).startSeconds).toBe(10);
    expect(transcriptMatch('cue199', passage).startSeconds).toBe(30);
  });

  it('cuts a long line around the match', () => {
    const match = transcriptMatch('quokka', passage);
    expect(match.startSeconds).toBeNull();
    expect(match.excerpt.length).toBeLessThanOrEqual(202);
    expect(match.excerpt).toMatch(/^….*quokka near its end\.$/);
  });
});

describe('what an import keeps of fetched cues', () => {
  it('collapses whitespace, floors seconds and drops empty cues', () => {
    expect(
      keptTranscript([
        { start: 1.9, end: 3, speaker: 'Ada', text: '  Hello\n  there. ' },
        { start: 4, end: 5, speaker: null, text: ' \n ' },
        { start: null, end: null, speaker: null, text: 'Untimed.' },
      ]),
    ).toEqual({
      lines: [
        { start: 1, text: 'Hello there.' },
        { start: null, text: 'Untimed.' },
      ],
      charsLeftOut: 0,
    });
  });

  it('cuts at the last cue that fits under the cap', () => {
    const cue = (i: number) => ({
      start: i,
      end: i + 1,
      speaker: null,
      text: 'x'.repeat(999) + (i % 10),
    });
    const count = MAX_TRANSCRIPT_CHARS / 1000 + 3;
    const kept = keptTranscript(Array.from({ length: count }, (_, i) => cue(i)));
    expect(kept.lines).toHaveLength(MAX_TRANSCRIPT_CHARS / 1000);
    expect(kept.charsLeftOut).toBe(3000);
  });
});
