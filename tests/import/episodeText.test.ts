import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { chapterSchema, isoDateSchema } from '../../server/src/domain/model.ts';
import { parseDateText } from '../../server/src/import/dates.ts';
import { parseDuration } from '../../server/src/import/duration.ts';
import { parseEpisode } from '../../server/src/import/episodeText.ts';
import { ImportError } from '../../server/src/import/errors.ts';
import { importFeedContent } from '../../server/src/import/pipeline.ts';
import { splitTitleAndNote } from '../../server/src/import/titleSplit.ts';

describe('splitTitleAndNote', () => {
  it('finds where a colon-containing title ends and the note begins', () => {
    expect(
      splitTitleAndNote(
        'EAGLE: Speculative Sampling Requires Rethinking Feature Uncertainty: The autoregressive drafter lineage (Eagle3) that DSpark benchmarks.',
      ),
    ).toEqual({
      title: 'EAGLE: Speculative Sampling Requires Rethinking Feature Uncertainty',
      note: 'The autoregressive drafter lineage (Eagle3) that DSpark benchmarks.',
    });
    expect(
      splitTitleAndNote(
        'Centaur: a foundation model of human cognition: The Helmholtz Munich line of work on behavioral foundation models.',
      ),
    ).toEqual({
      title: 'Centaur: a foundation model of human cognition',
      note: 'The Helmholtz Munich line of work on behavioral foundation models.',
    });
    expect(
      splitTitleAndNote(
        "Let's Verify Step by Step: The canonical process reward model paper: grounding the framing.",
      ),
    ).toEqual({
      title: "Let's Verify Step by Step",
      note: 'The canonical process reward model paper: grounding the framing.',
    });
    // No sentence-like segment: the last segment is the note.
    expect(splitTitleAndNote('Alpha: Beta Gamma Delta: Epsilon Zeta')).toEqual({
      title: 'Alpha: Beta Gamma Delta',
      note: 'Epsilon Zeta',
    });
    expect(splitTitleAndNote('Just A Title')).toEqual({ title: 'Just A Title', note: null });
  });
});

describe('dates and durations', () => {
  it('reads every date spelling the feeds use, and refuses impossible dates', () => {
    for (const text of [
      '2026-06-24',
      '2026/06/24',
      'June 24, 2026',
      'Jun 24, 2026',
      'Jun. 24, 2026',
      '24 June 2026',
      'Wed, 24 Jun 2026 07:00:00 GMT',
      '24 Jun 26 07:00 +0200',
    ]) {
      expect(parseDateText(text), text).toBe('2026-06-24');
    }
    expect(parseDateText('2024-02-29')).toBe('2024-02-29');
    for (const bad of [
      '2026-02-29',
      'June 31, 2026',
      '2026-13-01',
      'Juneteenth',
      'yesterday',
      '9 hr ago',
    ]) {
      expect(parseDateText(bad), bad).toBeNull();
    }
  });

  it('reads page and itunes durations in whole minutes', () => {
    const cases: [string, number | null][] = [
      ['23 min', 23],
      ['1 hr 5 min', 65],
      ['2 hrs', 120],
      ['23:00', 23],
      ['00:23:00', 23],
      ['1:05:30', 66],
      ['1380', 23],
      ['20', 1],
      ['0', null],
    ];
    for (const [text, minutes] of cases)
      expect(parseDuration(text), text).toEqual({ ok: true, minutes });
    for (const bad of ['23:75', 'soon', '1:60:00']) expect(parseDuration(bad).ok, bad).toBe(false);
  });
});

describe('parseEpisode', () => {
  it('takes the title from the description when the reader has none', () => {
    const episode = parseEpisode({
      position: 2,
      description: 'A Title: With Colon Source: https://arxiv.org/abs/2401.15077 The summary.',
    });
    expect(episode).toMatchObject({
      title: 'A Title: With Colon',
      summary: 'The summary.',
      source: { ref: 'https://arxiv.org/abs/2401.15077' },
    });
  });

  it('reports all of an episode’s problems in one ImportError', () => {
    let caught: unknown;
    try {
      parseEpisode({
        position: 7,
        title: 'Broken',
        description:
          'Source: ftp://example.org/p.pdf Key Takeaways: - one 01:75 - Bad clock: x Recommended Reading: - A: Note. (https://arxiv.org/abs/2401.15077) - Dangling note without link',
        durationText: 'forever',
        pubDateText: 'someday',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ImportError);
    expect((caught as ImportError).issues).toEqual([
      {
        episode: '#7 "Broken"',
        field: 'source',
        message:
          '"ftp://example.org/p.pdf" is not a paper link: unsupported link scheme "ftp:" (only http and https)',
      },
      { episode: '#7 "Broken"', field: 'chapter #1', message: 'invalid timestamp "01:75"' },
      { episode: '#7 "Broken"', field: 'publishedAt', message: 'unrecognised pubDate "someday"' },
      { episode: '#7 "Broken"', field: 'duration', message: 'unrecognised duration "forever"' },
    ]);
  });
});

// ---- properties ----

/** Pieces of the real format mixed with noise, so generated text reaches every branch of the parser. */
const fragment = fc.oneof(
  fc.constantFrom(
    'Source: ',
    'https://arxiv.org/abs/2305.18290',
    'javascript:alert(1)',
    'Paper was published on ',
    'June 24, 2026',
    '2026-02-30',
    'This episode was AI-generated on ',
    '.',
    'The script was written by x.',
    'Key Takeaways:',
    ' - ',
    '—',
    '01:30 - ',
    '1:02:03 - ',
    '99:99 - ',
    ': ',
    'Recommended Reading:',
    '(https://doi.org/10.1038/nature16961)',
    '(',
    ')',
    '(data:x)',
    ' ',
    '\n',
    'Title',
    'The note.',
    '<p>',
    '&amp;',
  ),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
const text = fc.array(fragment, { maxLength: 40 }).map((parts) => parts.join(''));
/** The real layout with noise in every slot, so parses also succeed and their output gets checked. */
const structured = fc
  .tuple(text, text, text, text, text, text)
  .map(
    ([summary, takeaway, chapterTitle, chapterSummary, readingTitle, note]) =>
      `Source: https://arxiv.org/abs/2305.18290 ${summary} Key Takeaways: - ${takeaway} 12:34 - ${chapterTitle}: ${chapterSummary} Recommended Reading: - ${readingTitle}: ${note} (https://doi.org/10.1038/nature16961)`,
  );

function onlyImportErrors(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    if (error instanceof ImportError) return undefined;
    throw error;
  }
}

describe('parser properties', () => {
  it('never throws anything but ImportError, and what it returns is well-formed', () => {
    fc.assert(
      fc.property(
        fc.oneof(text, structured),
        fc.option(text, { nil: undefined }),
        fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
        (description, title, durationText) => {
          const episode = onlyImportErrors(() =>
            parseEpisode({
              position: 1,
              description,
              ...(title === undefined ? {} : { title }),
              ...(durationText === undefined ? {} : { durationText }),
            }),
          );
          if (episode === undefined) return;
          const parsed = episode as ReturnType<typeof parseEpisode>;
          expect(parsed.title.length).toBeGreaterThan(0);
          for (const chapter of parsed.chapters)
            expect(chapterSchema.safeParse(chapter).success).toBe(true);
          for (const date of [parsed.publishedAt, parsed.paperPublishedAt])
            if (date !== null) expect(isoDateSchema.safeParse(date).success).toBe(true);
          if (parsed.source !== null) expect(parsed.source.key.url).toMatch(/^https?:\/\//);
          for (const paper of [...parsed.readings, ...parsed.mentions])
            expect(paper.key.url).toMatch(/^https?:\/\//);
          // Mentions are read from the notes of an episode without a source only.
          if (parsed.source !== null) expect(parsed.mentions).toEqual([]);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('the whole pipeline never throws anything but ImportError on arbitrary content', () => {
    const content = fc.oneof(
      text,
      text.map((t) => `  1. 9 hr ago\n\n    Title\n\n    ${t}\n\n    23 min\n`),
      text.map(
        (t) =>
          `<rss><channel><item><title>T</title><description>${t}</description></item></channel></rss>`,
      ),
      text.map((t) => `{"format":"papergraph","version":1,"episodes":[${t}],"papers":[]}`),
      fc.json(),
    );
    fc.assert(
      fc.property(content, (feed) => void onlyImportErrors(() => importFeedContent(feed))),
      { numRuns: 1500 },
    );
  });
});
