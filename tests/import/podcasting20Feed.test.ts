// The show's own fields and the Podcasting 2.0 tags of each fixture feed: what is read, and problems
// named by file, episode and field.
import { readdirSync, readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { ImportError } from '../../server/src/import/errors.ts';
import { parseChapters } from '../../server/src/import/podcasting20/chapters.ts';
import {
  episodePersons,
  readPodcastFeed,
} from '../../server/src/import/podcasting20/podcastFeed.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url);

function fixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

const RESEARCH_FEED = 'research-podcast/feed.xml';

describe('the research-podcast fixture', () => {
  const feed = readPodcastFeed(fixture(RESEARCH_FEED), RESEARCH_FEED);

  it('reads the show from the channel', () => {
    expect(feed.show).toEqual({
      title: 'Gradient Descent & Friends',
      link: 'https://gradient-descent.example.org',
      imageUrl: 'https://gradient-descent.example.org/cover.jpg',
      author: 'Ada Reviewer & Ben Citer',
      feedUrl: 'https://feeds.gradient-descent.example.org/rss',
      language: 'en',
    });
  });

  it('reads people with their role and group (host and cast unless said), links and images', () => {
    expect(feed.persons).toEqual([
      {
        name: 'Ada Reviewer',
        role: 'host',
        group: 'cast',
        href: 'https://gradient-descent.example.org/ada',
        imageUrl: 'https://gradient-descent.example.org/ada.jpg',
      },
      { name: 'Ben Citer', role: 'host', group: 'cast', href: null, imageUrl: null },
    ]);
    const [dpo, german] = feed.episodes;
    expect(dpo && episodePersons(feed, dpo)).toEqual([
      {
        name: 'Rafa Guest',
        role: 'guest',
        group: 'cast',
        href: 'https://example.edu/~rafa',
        imageUrl: 'https://example.edu/~rafa/photo.jpg',
      },
      { name: 'Ada Reviewer', role: 'host', group: 'cast', href: null, imageUrl: null },
    ]);
    // An episode without its own people has the show's.
    expect(german && episodePersons(feed, german)).toEqual(feed.persons);
  });

  it('reads each episode’s transcripts and chapters links', () => {
    expect(
      feed.episodes.map((episode) => [episode.raw.title, episode.transcripts, episode.chaptersUrl]),
    ).toEqual([
      [
        'Ep. 41 — Preference optimisation without a reward model',
        [
          {
            url: 'https://media.gradient-descent.example.org/41.vtt',
            type: 'text/vtt',
            language: 'en',
            rel: 'captions',
          },
          {
            url: 'https://media.gradient-descent.example.org/41.json',
            type: 'application/json',
            language: null,
            rel: null,
          },
        ],
        'https://media.gradient-descent.example.org/41-chapters.json',
      ],
      [
        'Folge 12: Transformer auf Deutsch',
        [
          {
            url: 'https://media.gradient-descent.example.org/de-12.srt',
            type: 'application/x-subrip',
            language: 'de',
            rel: null,
          },
        ],
        null,
      ],
      ['Ep. 40 — LoRA, and a link that never ends', [], null],
      ['Ep. 39 — Listener mailbag', [], null],
    ]);
  });

  it('keeps each field of the notes as written for the notes reader', () => {
    const [dpo] = feed.episodes;
    expect(dpo?.descriptionHtml).toBe(
      'We read DPO (arXiv:2305.18290v2) and ask what RLHF was for. Full notes on our site.',
    );
    expect(dpo?.contentEncodedHtml).toMatch(
      /^<p>This week: <b>Direct Preference Optimization<\/b>/,
    );
    expect(dpo?.summaryHtml).toBeNull();
  });

  it('names the file, episode and field of each tag it cannot use, and keeps the rest', () => {
    expect(feed.problems).toEqual([
      {
        file: RESEARCH_FEED,
        episode: '#3 "Ep. 40 — LoRA, and a link that never ends"',
        field: 'podcast:transcript',
        message: '"not a link" is not a web link (http or https, at most 2,048 characters)',
      },
      {
        file: RESEARCH_FEED,
        episode: '#3 "Ep. 40 — LoRA, and a link that never ends"',
        field: 'podcast:person',
        message:
          '"mailto:ada@example.org" is not a web link (http or https, at most 2,048 characters)',
      },
    ]);
    expect(feed.episodes[2]?.persons).toEqual([
      { name: 'Ada Reviewer', role: 'host', group: 'cast', href: null, imageUrl: null },
    ]);
  });
});

describe("podcast-feed-parser's test feeds", () => {
  const dir = new URL('podcast-feed-parser/', FIXTURES);
  const read = (name: string) =>
    readPodcastFeed(readFileSync(new URL(name, dir), 'utf8'), `podcast-feed-parser/${name}`);

  it('keeps its licence beside its feeds', () => {
    expect(readdirSync(dir)).toContain('LICENSE.md');
  });

  it('reads the chemistry-policy show, its moved feed URL and its episodes, with no Podcasting 2.0 tags', () => {
    const feed = read('bc-sample.xml');
    expect(feed.show).toEqual({
      title: 'All Things Chemical',
      link: 'http://www.lawbc.com',
      imageUrl:
        'https://ssl-static.libsyn.com/p/assets/0/0/e/b/00eb13bdea311055/AllThingsChemicalLogo1400.png',
      author: 'Bergeson & Campbell, PC',
      feedUrl: 'https://allthingschemical.libsyn.com/rss',
      language: 'en',
    });
    expect(feed.episodes.map((episode) => episode.raw.title)).toEqual([
      'Confidential Business Information under TSCA',
      'Chemical Regulation in the Middle East',
      'Animal Testing and New TSCA',
      'Introducing All Things Chemical',
    ]);
    expect(feed.episodes.every((e) => e.transcripts.length === 0 && e.chaptersUrl === null)).toBe(
      true,
    );
    expect([feed.persons, feed.problems]).toEqual([[], []]);
    // itunes:new-feed-url says the feed moved: it wins over atom:link rel="self".
    expect(read('bc-sample-new-feed-url.xml').show.feedUrl).toBe(
      'http://feeds.gimletmedia.com/hearreplyall',
    );
  });

  it('reads Reply All, which names no feed URL', () => {
    const feed = read('replyall-sample-ordering.xml');
    expect([feed.show.title, feed.show.author, feed.show.feedUrl]).toEqual([
      'Reply All',
      'Gimlet',
      null,
    ]);
    expect(feed.episodes.map((episode) => episode.raw.title)).toEqual([
      '#1 A Stranger Says I Love You',
      '#2 The Secret, Gruesome Internet For Doctors',
      'Reply All Mic Test',
    ]);
  });

  it('refuses the broken feed, naming the file and the place', () => {
    expect(() => read('bc-sample-bad.xml')).toThrow(
      new ImportError([
        {
          file: 'podcast-feed-parser/bc-sample-bad.xml',
          message:
            "invalid XML at line 109, column 2: Expected closing tag 'rss' (opened in line 2, col 1) instead of closing tag 'channel'.",
        },
      ]),
    );
  });
});

describe('podcast:chapters JSON', () => {
  it('reads start, end, title, link, image and whether a chapter is listed', () => {
    const { chapters, problems } = parseChapters(fixture('research-podcast/41-chapters.json'));
    expect(chapters).toEqual([
      { start: 0, end: null, title: 'Intro', imageUrl: null, listed: true },
      {
        start: 9.25,
        end: null,
        title: 'PPO, the baseline',
        url: 'https://arxiv.org/abs/1707.06347',
        imageUrl: null,
        listed: true,
      },
      {
        start: 62,
        end: 300,
        title: 'KTO: Model Alignment as Prospect Theoretic Optimization',
        url: 'https://arxiv.org/pdf/2402.01306v4',
        imageUrl: 'https://media.gradient-descent.example.org/kto.png',
        listed: true,
      },
      {
        start: 300,
        end: null,
        title: 'Our sponsor',
        url: 'https://sponsor-example.com/gradient',
        imageUrl: null,
        listed: false,
      },
      { start: 320, end: null, title: 'Outro', imageUrl: null, listed: true },
    ]);
    expect(problems).toEqual([
      { field: 'podcast:chapters', message: 'chapters.4.img: "/relative.png" is not a web link' },
    ]);
  });

  it('refuses a file that is not JSON chapters, saying where', () => {
    expect(() => parseChapters('{"version":"1.2.0","chapters":[{"title":"x"}]}')).toThrow(
      /^field podcast:chapters: JSON chapters at chapters\.0\.startTime: /,
    );
    expect(() => parseChapters('{"chapters": [')).toThrow(
      /^field podcast:chapters: JSON chapters: /,
    );
  });
});

describe('a hand-written feed', () => {
  const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel>
  <title>  Papers\n  Weekly </title>
  <link href="https://feeds.example.org/papers.rss" rel="self"/>
  <link>https://papers-weekly.example.org</link>
  <itunes:owner><itunes:name>Papers Weekly Ltd</itunes:name></itunes:owner>
  <image><url>https://papers-weekly.example.org/logo.png</url></image>
  <item>
    <title>One</title>
    <podcast:transcript url="https://papers-weekly.example.org/1.srt"/>
    <podcast:transcript type="text/vtt"/>
    <podcast:person role="guest"> </podcast:person>
    <podcast:person role="Guest" group="Writing" img="https://papers-weekly.example.org/c.jpg">Cy  Writer</podcast:person>
  </item>
</channel>
</rss>`;
  const feed = readPodcastFeed(FEED, 'weekly.rss');

  it('takes the first link with text, the image element and the owner when no author is named', () => {
    expect(feed.show).toEqual({
      title: 'Papers Weekly',
      link: 'https://papers-weekly.example.org',
      imageUrl: 'https://papers-weekly.example.org/logo.png',
      author: 'Papers Weekly Ltd',
      feedUrl: null,
      language: null,
    });
  });

  it('keeps a person’s role and group in lower case, and names each unusable tag', () => {
    expect(feed.episodes[0]?.persons).toEqual([
      {
        name: 'Cy Writer',
        role: 'guest',
        group: 'writing',
        href: null,
        imageUrl: 'https://papers-weekly.example.org/c.jpg',
      },
    ]);
    expect(feed.episodes[0]?.transcripts).toEqual([]);
    const where = { file: 'weekly.rss', episode: '#1 "One"' };
    expect(feed.problems).toEqual([
      { ...where, field: 'podcast:transcript', message: 'no type attribute' },
      { ...where, field: 'podcast:transcript', message: 'no url attribute' },
      { ...where, field: 'podcast:person', message: 'a podcast:person has no name' },
    ]);
  });
});
