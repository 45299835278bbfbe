// What an episode keeps of a fetched podcast:chapters file (its table of contents, cut to the
// domain's limits with a warning), and that chapters read from a description hash as they did
// before chapters could carry a link, so a store's episodes are not all "updated" by the upgrade.
import { describe, expect, it } from 'vitest';

import { MAX_AUDIO_SECONDS } from '../../server/src/domain/audio.ts';
import { chapterSchema, MAX_CHAPTERS } from '../../server/src/domain/model.ts';
import { importFeedContent } from '../../server/src/import/pipeline.ts';
import type { Chapter } from '../../server/src/import/podcasting20/chapters.ts';
import { keptChapters } from '../../server/src/import/podcasting20/keptChapters.ts';
import { episodeContentHash } from '../../server/src/store/shared/contentHash.ts';
import { SEED_RSS } from './seedFiles.ts';

const chapter = (start: number, title?: string, extra: Partial<Chapter> = {}): Chapter => ({
  start,
  end: null,
  ...(title === undefined ? {} : { title }),
  imageUrl: null,
  listed: true,
  ...extra,
});

describe('keptChapters', () => {
  it('lists titled table-of-contents chapters in start order, with printed starts and links', () => {
    const kept = keptChapters([
      chapter(3725.9, 'Listener questions'),
      chapter(600, 'Our sponsor', { url: 'https://sponsor.example.com/', listed: false }),
      chapter(95.5, 'KTO', { url: 'https://arxiv.org/abs/2402.01306' }),
      chapter(120),
      chapter(0, 'Welcome'),
    ]);
    expect(kept.warnings).toEqual([]);
    expect(kept.chapters).toEqual([
      { start: '00:00', startSeconds: 0, title: 'Welcome', summary: null },
      {
        start: '01:35',
        startSeconds: 95,
        title: 'KTO',
        summary: null,
        url: 'https://arxiv.org/abs/2402.01306',
      },
      { start: '1:02:05', startSeconds: 3725, title: 'Listener questions', summary: null },
    ]);
    for (const one of kept.chapters) expect(chapterSchema.parse(one)).toEqual(one);
  });

  it('leaves out or cuts what is past the limits, saying so, and what it keeps is valid', () => {
    const many = Array.from({ length: MAX_CHAPTERS + 5 }, (_, i) => chapter(i * 10, `Part ${i}`));
    const kept = keptChapters([
      ...many,
      chapter(MAX_AUDIO_SECONDS + 1, 'After the end'),
      chapter(MAX_AUDIO_SECONDS, 'x'.repeat(1500)),
    ]);
    expect(kept.chapters).toHaveLength(MAX_CHAPTERS);
    expect(kept.chapters.at(-1)?.title).toBe(`Part ${MAX_CHAPTERS - 1}`);
    expect(kept.warnings).toEqual([
      `1 chapter(s) start past ${MAX_AUDIO_SECONDS} seconds (the limit) and are left out`,
      `${MAX_CHAPTERS + 6} chapters; the first ${MAX_CHAPTERS} (the limit) are kept, 6 left out`,
    ]);
    const last = keptChapters([chapter(MAX_AUDIO_SECONDS, 'x'.repeat(1500))]);
    expect(last.chapters).toEqual([
      {
        start: '48:00:00',
        startSeconds: MAX_AUDIO_SECONDS,
        title: 'x'.repeat(1000),
        summary: null,
      },
    ]);
    expect(last.warnings).toEqual(['1 chapter title(s) cut at 1000 characters (the limit)']);
    for (const one of [...kept.chapters, ...last.chapters])
      expect(chapterSchema.parse(one)).toEqual(one);
  });
});

describe("the description's chapters in the content hash", () => {
  it('hash as before chapters had links (a seed episode with ten chapters)', () => {
    const batch = importFeedContent(SEED_RSS, { file: 'seed.rss.xml' });
    const episode = batch.episodes.find((e) => e.id === 'ep_172e887bc394');
    expect(episode?.chapters).toHaveLength(10);
    // Computed with the content hash of commit b8d8be8, before Chapter.url.
    expect(episodeContentHash(episode!)).toBe(
      'bbfab5043e73e480be98c3472f10f67cf6c0486b4be9cd022b15f6937628fd04',
    );
  });

  it("changes with a chapter's link", () => {
    const batch = importFeedContent(SEED_RSS, { file: 'seed.rss.xml' });
    const episode = batch.episodes.find((e) => e.chapters.length > 0)!;
    const [first, ...rest] = episode.chapters;
    const linked = {
      ...episode,
      chapters: [{ ...first!, url: 'https://arxiv.org/abs/2402.01306' }, ...rest],
    };
    expect(episodeContentHash(linked)).not.toBe(episodeContentHash(episode));
  });
});
