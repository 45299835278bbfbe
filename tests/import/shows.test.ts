// What becomes of a feed's show: an RSS channel's title, site, image, author and address; a page's
// heading (the seed's is the "AI Papers" show, also when the page has none); the URL a feed was
// fetched from names the show first; the JSON export keeps shows.
import { readFile } from 'node:fs/promises';

import { describe, expect, it } from 'vitest';

import { aiPapersShow, showIdFor } from '../../server/src/domain/show.ts';
import { importFeedContent } from '../../server/src/import/pipeline.ts';
import { readJsonExport, toJsonExport } from '../../server/src/import/readers/json.ts';
import { pageOf, SEED_PAGE, SEED_RSS } from './seedFiles.ts';

const RESEARCH_FEED = await readFile(
  new URL('./fixtures/research-podcast/feed.xml', import.meta.url),
  'utf8',
);

describe('shows of imported feeds', () => {
  it('reads an RSS channel as the show of every item', () => {
    const batch = importFeedContent(RESEARCH_FEED, { file: 'feed.xml' });
    const show = {
      id: showIdFor({
        fetchedFrom: null,
        link: 'https://gradient-descent.example.org',
        title: 'Gradient Descent & Friends',
      }),
      title: 'Gradient Descent & Friends',
      link: 'https://gradient-descent.example.org',
      imageUrl: 'https://gradient-descent.example.org/cover.jpg',
      author: 'Ada Reviewer & Ben Citer',
      feedUrl: 'https://feeds.gradient-descent.example.org/rss',
    };
    expect(batch.shows).toEqual([show]);
    for (const episode of batch.episodes) expect(episode.showId).toBe(show.id);
  });

  it('names a fetched feed’s show by the URL it was fetched from', () => {
    const url = 'http://127.0.0.1:8080/feeds/gradient.xml';
    const batch = importFeedContent(RESEARCH_FEED, { file: url });
    expect(batch.shows?.[0]).toMatchObject({
      id: showIdFor({ fetchedFrom: url, link: null, title: '' }),
      title: 'Gradient Descent & Friends',
      feedUrl: url,
    });
    expect(batch.shows?.[0]?.id).not.toBe(importFeedContent(RESEARCH_FEED).shows?.[0]?.id);
  });

  it('gives the seed page and the seed feed the one "AI Papers" show', () => {
    const page = importFeedContent(SEED_PAGE);
    expect(page.shows).toEqual([aiPapersShow()]);
    expect(importFeedContent(SEED_RSS).shows?.[0]?.id).toBe(aiPapersShow().id);
  });

  it('names a page’s show by its heading, and a page without one as the "AI Papers" page', () => {
    const episodes = [{ title: 'One', description: 'Source: https://arxiv.org/abs/2305.18290' }];
    const page = pageOf(episodes);
    expect(importFeedContent(page).shows).toEqual([
      {
        id: showIdFor({ fetchedFrom: null, link: null, title: 'Some Podcast' }),
        title: 'Some Podcast',
        link: null,
        imageUrl: null,
        author: null,
        feedUrl: null,
      },
    ]);
    const headless = page.slice(page.indexOf('  1.'));
    expect(importFeedContent(headless).shows).toEqual([aiPapersShow()]);
  });

  it('keeps shows through the JSON export', () => {
    const batch = importFeedContent(RESEARCH_FEED);
    expect(readJsonExport(toJsonExport(batch))).toEqual(batch);
  });
});
