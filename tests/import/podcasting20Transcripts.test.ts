// podcast:transcript files in the namespace's four formats, what each fixture yields cue by cue, the
// places a broken file is refused, and the second each paper is first discussed.
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { normalisePaperRef, type PaperKey } from '../../server/src/ids/paperId.ts';
import { firstDiscussed } from '../../server/src/import/podcasting20/firstDiscussed.ts';
import { parseHtmlTranscript } from '../../server/src/import/podcasting20/htmlTranscript.ts';
import {
  parseJsonTranscript,
  parseSrt,
  parseTranscript,
  parseVtt,
  type TranscriptCue,
  transcriptFormat,
} from '../../server/src/import/podcasting20/transcript.ts';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/research-podcast/${name}`, import.meta.url), 'utf8');
}

function key(ref: string): PaperKey {
  const parsed = normalisePaperRef(ref);
  if (!parsed) throw new Error(`${ref} is no paper reference`);
  return parsed;
}

describe('WebVTT', () => {
  it('reads cues with voice spans as speakers, skipping NOTE and STYLE blocks, cue ids, settings and markup', () => {
    expect(parseVtt(fixture('41.vtt'))).toEqual([
      {
        start: 0,
        end: 4.5,
        speaker: 'Ada Reviewer',
        text: 'Welcome back to Gradient Descent & Friends.',
      },
      {
        start: 4.5,
        end: 9.25,
        speaker: 'Ada Reviewer',
        text: 'Today: direct preference optimization, the paper everyone calls DPO.',
      },
      {
        start: 9.25,
        end: 15,
        speaker: 'Ben Citer',
        text: 'Before that, remember proximal policy optimization algorithms?',
      },
      {
        start: 15,
        end: 21,
        speaker: 'Ben Citer',
        text: 'The arXiv id is 1707.06347, for the people at home.',
      },
      {
        start: 62,
        end: 70.5,
        speaker: 'Ada Reviewer',
        text: 'KTO came later and drops pairs altogether.',
      },
    ]);
  });

  it('refuses a file without the WEBVTT header', () => {
    expect(() => parseVtt('00:00.000 --> 00:01.000\nHello')).toThrow(
      'field podcast:transcript: WebVTT line 1: the file does not start with "WEBVTT"',
    );
  });

  it('names every line whose timing is broken', () => {
    const broken =
      'WEBVTT\n\n00:00.000 -> 00:01.000\nHello\n\n00:01.000 --> 00:02.000\nFine\n\n1\n00:02 --> 00:03\nBad';
    expect(() => parseVtt(broken)).toThrow(
      [
        'import failed with 2 problems:',
        '  - field podcast:transcript: WebVTT line 3: "00:00.000 -> 00:01.000" is not a cue timing (00:01.000 --> 00:04.000)',
        '  - field podcast:transcript: WebVTT line 10: "00:02 --> 00:03" is not a cue timing (00:01.000 --> 00:04.000)',
      ].join('\n'),
    );
  });
});

describe('SRT', () => {
  it('reads cards, a speaker named at a card start lasting until the next name, hours and fractions as written', () => {
    expect(parseSrt(fixture('de-12.srt'))).toEqual([
      { start: 0, end: 3.2, speaker: 'Ada Reviewer', text: 'Willkommen zu Folge zwölf.' },
      {
        start: 3.2,
        end: 8.9,
        speaker: 'Ada Reviewer',
        text: 'Heute lesen wir noch einmal „Attention Is All You Need“.',
      },
      {
        start: 8.9,
        end: 12,
        speaker: 'Ben Citer',
        text: 'Und danach Scaling Laws, also Kaplan und andere.',
      },
      {
        start: 90.5,
        end: 95,
        speaker: 'Ben Citer',
        text: 'Die Skalierungsgesetze aus 2001.08361.',
      },
    ]);
  });

  it('reads CRLF files and cards without a number', () => {
    expect(parseSrt('00:00:01,000 --> 00:00:02,500\r\nno speaker here\r\n')).toEqual([
      { start: 1, end: 2.5, speaker: null, text: 'no speaker here' },
    ]);
  });

  it('names the line of a broken timing', () => {
    expect(() =>
      parseSrt('1\n00:00:00,000 --> 00:00:01,000\nok\n\n2\nthirty seconds in\nwords'),
    ).toThrow(
      'field podcast:transcript: SRT line 6: "thirty seconds in" is not a cue timing (00:00:01,000 --> 00:00:04,000)',
    );
  });
});

describe('Podcasting 2.0 JSON', () => {
  it('reads segments with speakers; endTime is optional', () => {
    expect(parseJsonTranscript(fixture('41.json'))).toEqual([
      {
        start: 0,
        end: 4.5,
        speaker: 'Ada Reviewer',
        text: 'Welcome back to Gradient Descent & Friends.',
      },
      { start: 4.5, end: 9.25, speaker: 'Ada Reviewer', text: 'Today: direct preference' },
      { start: 9.25, end: 12, speaker: 'Ada Reviewer', text: 'optimization.' },
      {
        start: 12.5,
        end: null,
        speaker: 'Ben Citer',
        text: 'And InstructGPT, the one with the three steps.',
      },
    ]);
  });

  it('names the segment and field that break the format, or the JSON error', () => {
    expect(() =>
      parseJsonTranscript(
        '{"version":"1.0.0","segments":[{"startTime":1,"body":"a"},{"body":"b"}]}',
      ),
    ).toThrow(/^field podcast:transcript: JSON transcript at segments\.1\.startTime: /);
    expect(() => parseJsonTranscript('{"segments": [')).toThrow(
      /^field podcast:transcript: JSON transcript: /,
    );
  });
});

describe('the HTML format', () => {
  it('reads monologues with their speaker and time; one without a time has no start', () => {
    expect(parseHtmlTranscript(fixture('41.html'))).toEqual([
      {
        start: 0,
        end: null,
        speaker: 'Ada Reviewer',
        text: 'Welcome back to Gradient Descent & Friends.',
      },
      {
        start: 4,
        end: null,
        speaker: 'Ada Reviewer',
        text: 'Today: direct preference optimization, the paper everyone calls DPO.',
      },
      {
        start: null,
        end: null,
        speaker: 'Ben Citer',
        text: '(No time here: the transcriber lost the clock.) Proximal policy optimization algorithms, remember?',
      },
      { start: 3723.5, end: null, speaker: 'Ben Citer', text: 'KTO came much later.' },
    ]);
  });

  it('names a time it cannot read', () => {
    expect(() => parseHtmlTranscript('<time>about a minute in</time><p>Hi</p>')).toThrow(
      'field podcast:transcript: HTML transcript: <time>about a minute in</time> is not a time (0:09 or 1:02:03)',
    );
  });
});

describe('which format a file is', () => {
  it.each([
    ['text/vtt', '', 'vtt'],
    ['application/x-subrip', '', 'srt'],
    ['application/srt', '', 'srt'],
    ['application/json', '', 'json'],
    ['text/plain', 'WEBVTT\n\n', 'vtt'],
    ['text/plain', '1\n00:00:00,000 --> 00:00:01,000\nx', 'srt'],
    ['application/octet-stream', '{"segments":[]}', 'json'],
    ['text/html', '<cite>Kevin:</cite><time>0:00</time><p>Hi</p>', 'html'],
    ['text/plain', 'Just words.', null],
    ['application/pdf', '%PDF-1.7', null],
  ] as const)('%s starting %j is %s', (type, text, format) => {
    expect(transcriptFormat([type], text)).toBe(format);
  });

  it('trusts the first type that names a format', () => {
    expect(transcriptFormat(['text/vtt', 'text/html'], '')).toBe('vtt');
    expect(transcriptFormat(['application/octet-stream', 'application/x-subrip'], '')).toBe('srt');
  });
});

describe('the second a paper is first discussed', () => {
  const DPO = {
    key: key('2305.18290'),
    titles: ['Direct Preference Optimization: Your Language Model is Secretly a Reward Model'],
  };
  const PPO = { key: key('1707.06347'), titles: ['Proximal Policy Optimization Algorithms'] };
  const KTO = {
    key: key('2402.01306'),
    titles: ['KTO: Model Alignment as Prospect Theoretic Optimization'],
  };
  const ATTENTION = { key: key('1706.03762'), titles: ['Attention Is All You Need'] };
  const SCALING = { key: key('2001.08361'), titles: ['Scaling Laws for Neural Language Models'] };
  const UNSAID = {
    key: key('10.1038/nature16961'),
    titles: ['Mastering the game of Go with deep neural networks and tree search'],
  };

  it('finds each paper in the VTT transcript by its name, its id or its one-word name before a colon', () => {
    expect(firstDiscussed(parseVtt(fixture('41.vtt')), [DPO, PPO, KTO, UNSAID])).toEqual([
      { paperId: 'arxiv:2305.18290', seconds: 4.5, cueIndex: 1, by: 'name' },
      { paperId: 'arxiv:1707.06347', seconds: 9.25, cueIndex: 2, by: 'name' },
      { paperId: 'arxiv:2402.01306', seconds: 62, cueIndex: 4, by: 'name' },
    ]);
  });

  it('matches a name said across two cues at the cue where it starts', () => {
    expect(firstDiscussed(parseJsonTranscript(fixture('41.json')), [DPO])).toEqual([
      { paperId: 'arxiv:2305.18290', seconds: 4.5, cueIndex: 1, by: 'name' },
    ]);
  });

  it('falls back to the id when only part of a title is said (German SRT)', () => {
    expect(firstDiscussed(parseSrt(fixture('de-12.srt')), [ATTENTION, SCALING])).toEqual([
      { paperId: 'arxiv:1706.03762', seconds: 3.2, cueIndex: 1, by: 'name' },
      { paperId: 'arxiv:2001.08361', seconds: 90.5, cueIndex: 3, by: 'identifier' },
    ]);
  });

  it('takes the acronym of a three-word name only as an upper-case word', () => {
    const cues: TranscriptCue[] = [
      {
        start: 0,
        end: 5,
        speaker: null,
        text: 'We will get to dpo later, lower-case does not count.',
      },
      { start: 5, end: 9, speaker: null, text: "So, DPO's loss." },
    ];
    expect(firstDiscussed(cues, [DPO])).toEqual([
      { paperId: 'arxiv:2305.18290', seconds: 5, cueIndex: 1, by: 'acronym' },
    ]);
  });

  it('does not take one ordinary title word for the paper, nor a paper without a title or id said', () => {
    const cues: TranscriptCue[] = [{ start: 0, end: 5, speaker: null, text: 'Attention, please.' }];
    expect(
      firstDiscussed(cues, [
        { key: key('1706.03762'), titles: ['Attention'] },
        { key: key('https://openreview.net/forum?id=HyxCxhRcY7'), titles: [] },
      ]),
    ).toEqual([]);
  });

  it('gives no second for a paper said only where the transcript has no time', () => {
    const cues = parseHtmlTranscript(fixture('41.html'));
    expect(firstDiscussed(cues, [DPO, PPO, KTO])).toEqual([
      { paperId: 'arxiv:2305.18290', seconds: 4, cueIndex: 1, by: 'name' },
      { paperId: 'arxiv:2402.01306', seconds: 3723.5, cueIndex: 3, by: 'name' },
    ]);
  });

  it('searches only cues with a time, so a later timed mention still counts', () => {
    const cues: TranscriptCue[] = [
      { start: null, end: null, speaker: null, text: 'Proximal policy optimization algorithms!' },
      {
        start: 70,
        end: null,
        speaker: null,
        text: 'Back to proximal policy optimization algorithms.',
      },
    ];
    expect(firstDiscussed(cues, [PPO])).toEqual([
      { paperId: 'arxiv:1707.06347', seconds: 70, cueIndex: 1, by: 'name' },
    ]);
  });

  it('reads every format through one entry point', () => {
    expect(parseTranscript('vtt', fixture('41.vtt'))).toEqual(parseVtt(fixture('41.vtt')));
  });
});
