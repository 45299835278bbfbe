// What a person importing a feed sees: a batch, or one error naming every problem by file/episode/field.
import { describe, expect, it } from 'vitest';

import { episodeIdFor } from '../../server/src/domain/episodeId.ts';
import { MAX_FEED_BYTES } from '../../server/src/domain/feedLimits.ts';
import { showIdFor } from '../../server/src/domain/show.ts';
import { ImportError } from '../../server/src/import/errors.ts';
import { importFeedContent } from '../../server/src/import/pipeline.ts';
import { toJsonExport } from '../../server/src/import/readers/json.ts';
import { editDescription, pageOf, SEED_PAGE } from './seedFiles.ts';

function importError(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError');
}

const EPISODE_3 = '#3 "How an AI Reviewer Learned to Stop Going Easy on AI Writing"';
const EPISODE_5 = '#5 "One Crosscoder Feature Flips a Stalling Chatbot Into a Working Agent"';

describe('feed errors', () => {
  it('names the file, episode and field of a broken episode', () => {
    const broken = editDescription(SEED_PAGE, 3, (d) =>
      d.replace(' Source: https://arxiv.org/abs/2606.26294', ' Source: our-blog'),
    );
    const error = importError(() => importFeedContent(broken, { file: 'seed.txt' }));
    const message = '"our-blog" is not a paper link: not an arXiv id, DOI or http(s) link';
    expect(error.issues).toEqual([
      { file: 'seed.txt', episode: EPISODE_3, field: 'source', message },
    ]);
    expect(error.message).toBe(`seed.txt: episode ${EPISODE_3}: field source: ${message}`);
  });

  it('reads an episode without a "Source:" line as show notes: its paper links are mentions', () => {
    const sourceless = editDescription(SEED_PAGE, 3, (d) =>
      d.replace(' Source: https://arxiv.org/abs/2606.26294', ''),
    );
    const batch = importFeedContent(sourceless);
    const episode = batch.episodes.find((e) => e.title === EPISODE_3.slice(4, -1))!;
    expect(episode.sourcePaperId).toBeNull();
    expect(episode.recommendations).toEqual([]);
    expect(episode.takeaways).toEqual([]);
    // The page's reading links are now links in the notes, each with its sentence.
    expect(episode.mentions?.length).toBeGreaterThan(0);
    for (const mention of episode.mentions ?? []) {
      expect(batch.papers.some((p) => p.id === mention.paperId)).toBe(true);
      expect(mention.note).not.toBeNull();
    }
    // The other episodes are read as before.
    expect(batch.episodes.filter((e) => e.sourcePaperId !== null)).toHaveLength(
      batch.episodes.length - 1,
    );
  });

  it('collects every problem across episodes, not just the first', () => {
    let broken = editDescription(SEED_PAGE, 3, (d) =>
      d.replace('Source: https://arxiv.org/abs/2606.26294', 'Source: javascript:alert(1)'),
    );
    broken = editDescription(broken, 5, (d) =>
      d
        .replace('Paper was published on June 25, 2026', 'Paper was published on Juneteenth')
        .replace('AI-generated on June 26, 2026', 'AI-generated on June 31, 2026'),
    );
    broken = editDescription(broken, 5, (d) =>
      d
        .replace('(https://arxiv.org/abs/2410.20268)', '(javascript:alert(1))')
        .replace(
          '(https://transformer-circuits.pub/2024/crosscoders/index.html)',
          '(data:text/html,x)',
        ),
    );
    const error = importError(() => importFeedContent(broken, { file: 'seed.txt' }));
    expect(error.issues.map(({ episode, field }) => `${episode} ${field}`)).toEqual([
      `${EPISODE_3} source`,
      `${EPISODE_5} paperPublishedAt`,
      `${EPISODE_5} publishedAt`,
      `${EPISODE_5} reading #2`,
    ]);
    expect(error.issues[0]?.message).toBe(
      '"javascript:alert(1)" is not a paper link: unsupported link scheme "javascript:" (only http and https)',
    );
    expect(error.issues[1]?.message).toBe('unrecognised date "Juneteenth This episode…"');
    expect(error.issues[2]?.message).toBe('unrecognised date "June 31, 2026"');
    expect(error.message.split('\n')).toHaveLength(5);
    expect(error.message).toMatch(/^import failed with 4 problems:\n {2}- seed\.txt: episode #3 /);
  });

  it('refuses a javascript: link in a recommended reading', () => {
    const broken = editDescription(SEED_PAGE, 4, (d) =>
      d.replace('(https://arxiv.org/abs/2410.20268)', '(javascript:alert(document.cookie))'),
    );
    const error = importError(() => importFeedContent(broken));
    expect(error.issues).toEqual([
      expect.objectContaining({
        episode: expect.stringMatching(/^#4 /),
        field: 'reading #1',
        message: expect.stringMatching(/unsupported link scheme "javascript:"/),
      }),
    ]);
  });

  it('refuses two episodes about the same source paper, naming both', () => {
    const twice = pageOf([
      {
        title: 'First take',
        description: 'First take Source: https://arxiv.org/abs/2305.18290 Summary one.',
      },
      { title: 'Other paper', description: 'Source: https://arxiv.org/abs/2401.15077' },
      {
        title: 'Second take',
        description: 'Second take Source: arxiv.org/pdf/2305.18290v2.pdf Summary two.',
      },
    ]);
    const error = importError(() => importFeedContent(twice, { file: 'dup.txt' }));
    expect(error.issues).toEqual([
      {
        file: 'dup.txt',
        episode: '#3 "Second take"',
        field: 'source',
        message:
          'same source paper arxiv:2305.18290 as episode #1 "First take"; a feed has one episode per paper',
      },
    ]);
  });

  it('refuses an empty feed and content in no known format', () => {
    expect(() =>
      importFeedContent('My Podcast\n\nAbout\n\nNothing yet.\n', { format: 'PAGE', file: 'p.txt' }),
    ).toThrow('p.txt: feed contains no episodes');
    expect(() =>
      importFeedContent('{"format":"papergraph","version":1,"episodes":[],"papers":[]}'),
    ).toThrow('feed contains no episodes');
    const unknown =
      'unrecognised feed format: expected an RSS 2.0 feed, a papergraph JSON export or a podcast page';
    expect(() => importFeedContent('hello world', { file: 'x.bin' })).toThrow(`x.bin: ${unknown}`);
    expect(() =>
      importFeedContent('<feed xmlns="http://www.w3.org/2005/Atom"><entry/></feed>'),
    ).toThrow(unknown);
    expect(() => importFeedContent('')).toThrow(unknown);
  });

  it('requires a title of at most 500 characters, and keeps an episode with only a title', () => {
    const long = 'T'.repeat(501);
    const page = pageOf([
      { title: 'Only a title', description: '' },
      { title: long, description: `${long} Source: https://arxiv.org/abs/2305.18290` },
    ]);
    const error = importError(() => importFeedContent(page));
    expect(error.issues).toEqual([
      // Messages shorten the long title to keep the episode recognisable, not to repeat 501 characters.
      {
        episode: `#2 "${'T'.repeat(79)}…"`,
        field: 'title',
        message: 'title is 501 characters long; the limit is 500',
      },
    ]);
  });

  it('rejects content over 20 MB before parsing it', () => {
    const huge = `{${' '.repeat(MAX_FEED_BYTES)}}`;
    expect(() => importFeedContent(huge, { file: 'huge.json' })).toThrow(
      /^huge\.json: feed is 20971522 bytes; the limit is 20971520 bytes \(20 MB\)$/,
    );
  });

  it('strips control characters and stores HTML-looking text as plain text', () => {
    const page = pageOf([
      {
        title: 'Bell\u0007 and <b>bold</b>',
        description:
          'Source: https://arxiv.org/abs/2305.18290 A \u0000null and a <script>alert(1)</script> tag.\u001b',
      },
    ]);
    const [episode] = importFeedContent(page).episodes;
    expect(episode?.title).toBe('Bell and <b>bold</b>');
    expect(episode?.summary).toBe('A null and a <script>alert(1)</script> tag.');
  });
});

describe('episodes with few or odd parts', () => {
  it('leaves missing optional parts absent instead of inventing them', () => {
    const [episode] = importFeedContent(
      pageOf([{ title: 'Bare', description: 'Source: https://example.org/paper.pdf' }]),
    ).episodes;
    expect(episode).toEqual({
      id: episodeIdFor('url:https://example.org/paper.pdf'),
      title: 'Bare',
      publishedAt: null,
      paperPublishedAt: null,
      durationMinutes: null,
      summary: null,
      takeaways: [],
      chapters: [],
      sourcePaperId: 'url:https://example.org/paper.pdf',
      recommendations: [],
      // The page's heading names its show.
      showId: showIdFor({ fetchedFrom: null, link: null, title: 'Some Podcast' }),
    });
  });

  it('accepts the other date spellings and hour-long durations', () => {
    const dates = ['24 June 2026', 'Jun 24, 2026', '2026/06/24', 'June 24th, 2026'];
    const page = pageOf(
      dates.map((date, i) => ({
        title: `E${i}`,
        description: `Source: https://arxiv.org/abs/2401.1507${i} Paper was published on ${date} This episode was AI-generated on 2026-06-2${i + 5}.`,
        duration: ['1 hr 5 min', '1 hr', '45 min', '2 hrs 30 min'][i] ?? '',
      })),
    );
    const batch = importFeedContent(page);
    expect(batch.episodes.map((e) => e.paperPublishedAt)).toEqual(Array(4).fill('2026-06-24'));
    expect(batch.episodes.map((e) => e.publishedAt)).toEqual([
      '2026-06-25',
      '2026-06-26',
      '2026-06-27',
      '2026-06-28',
    ]);
    expect(batch.episodes.map((e) => e.durationMinutes)).toEqual([65, 60, 45, 150]);
  });

  it('keeps one recommendation per paper and none of the episode’s own source', () => {
    const description = [
      'Source: https://arxiv.org/abs/2305.18290',
      'Recommended Reading:',
      '- Direct Preference Optimization: Your Language Model is Secretly a Reward Model: The paper itself. (https://arxiv.org/pdf/2305.18290v2.pdf)',
      '- EAGLE: Speculative Sampling Requires Rethinking Feature Uncertainty: First mention. (https://arxiv.org/abs/2401.15077)',
      '- EAGLE again: Second mention - with a dash. (arXiv:2401.15077v2)',
    ].join(' ');
    const batch = importFeedContent(pageOf([{ title: 'Self reference', description }]));
    expect(batch.episodes[0]?.recommendations).toEqual([
      { paperId: 'arxiv:2401.15077', note: 'First mention.' },
    ]);
    expect(batch.papers).toEqual([
      {
        id: 'arxiv:2305.18290',
        title: 'Direct Preference Optimization: Your Language Model is Secretly a Reward Model',
        url: 'https://arxiv.org/abs/2305.18290',
        arxivId: '2305.18290',
        doi: null,
        aliases: ['https://arxiv.org/abs/2305.18290', 'https://arxiv.org/pdf/2305.18290v2.pdf'],
      },
      {
        id: 'arxiv:2401.15077',
        title: 'EAGLE: Speculative Sampling Requires Rethinking Feature Uncertainty',
        url: 'https://arxiv.org/abs/2401.15077',
        arxivId: '2401.15077',
        doi: null,
        aliases: ['https://arxiv.org/abs/2401.15077', 'arXiv:2401.15077v2'],
      },
    ]);
  });
});

describe('papergraph JSON export', () => {
  it('round-trips: export then import gives the same batch', () => {
    const batch = importFeedContent(SEED_PAGE);
    const json = toJsonExport(batch);
    expect(JSON.parse(json)).toMatchObject({ format: 'papergraph', version: 1 });
    expect(importFeedContent(json, { file: 'export.json' })).toEqual(batch);
    expect(importFeedContent(json, { format: 'JSON' })).toEqual(batch);
  });

  it('re-checks ids: non-canonical paper ids and wrong episode ids are refused', () => {
    const batch = importFeedContent(SEED_PAGE);
    const document = JSON.parse(toJsonExport(batch));
    const dpo = document.papers.find((p: { id: string }) => p.id === 'arxiv:2305.18290');
    dpo.id = 'arxiv:2305.18290v2';
    for (const episode of document.episodes) {
      for (const r of episode.recommendations)
        if (r.paperId === 'arxiv:2305.18290') r.paperId = 'arxiv:2305.18290v2';
    }
    document.episodes[0].id = 'ep_000000000000';
    const error = importError(() =>
      importFeedContent(JSON.stringify(document), { file: 'export.json' }),
    );
    expect(error.issues).toEqual([
      expect.objectContaining({
        file: 'export.json',
        field: expect.stringMatching(/^papers\.\d+\.id$/),
        message: '"arxiv:2305.18290v2" is not canonical; it normalises to "arxiv:2305.18290"',
      }),
      expect.objectContaining({
        episode: '#1 "How DeepSeek Made One User Faster Without Slowing Down the Crowd"',
        field: 'id',
      }),
    ]);
  });

  it('explains schema violations by episode and field', () => {
    const document = JSON.parse(toJsonExport(importFeedContent(SEED_PAGE)));
    document.episodes[1].publishedAt = 'June 26';
    document.episodes[1].recommendations.push({ paperId: 'arxiv:9999.99999', note: null });
    const error = importError(() => importFeedContent(JSON.stringify(document)));
    expect(error.issues).toEqual([
      expect.objectContaining({
        episode: '#2 "Why Raw Profiler Data Made an AI Worse at Writing GPU Code"',
        field: 'publishedAt',
      }),
      expect.objectContaining({
        episode: '#2 "Why Raw Profiler Data Made an AI Worse at Writing GPU Code"',
        message: 'cites paper arxiv:9999.99999 missing from the batch',
      }),
    ]);
    expect(() => importFeedContent('{"format":"other"}')).toThrow(/not a papergraph export/);
    expect(() => importFeedContent('{"format":', { file: 'cut.json' })).toThrow(
      /^cut\.json: invalid JSON: /,
    );
  });
});
