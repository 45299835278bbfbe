// What an RSS item says about its episode: read, checked, stored and served as Episode { url audio guid }.
import { readFile } from 'node:fs/promises';

import { afterEach, describe, expect, it } from 'vitest';

import { ImportError } from '../../server/src/import/errors.ts';
import { importFeedContent } from '../../server/src/import/pipeline.ts';
import { createTestApi, type TestApi } from '../api/testApi.ts';
import { rssFeed, rssItem } from './feedText.ts';

const SEED_RSS = new URL('../../seed/ai-papers-deep-dive.rss.xml', import.meta.url);

function issuesOf(content: string): { episode?: string; field?: string; message: string }[] {
  try {
    importFeedContent(content);
  } catch (error) {
    if (error instanceof ImportError) return error.issues;
    throw error;
  }
  throw new Error('expected the import to fail');
}

describe('RSS episode fields', () => {
  it('reads guid, link, enclosure and itunes:image', () => {
    const batch = importFeedContent(
      rssFeed([rssItem({ n: 1, extra: '<itunes:image href="https://example.org/ep1.jpg"/>' })]),
    );
    expect(batch.episodes[0]).toMatchObject({
      guid: 'episode-1',
      url: 'https://example.org/episodes/1',
      audio: { url: 'https://example.org/audio/1.wav', type: 'audio/wav', bytes: 1000 },
      imageUrl: 'https://example.org/ep1.jpg',
    });
  });

  it('treats length="0" as unknown and leaves out what the item does not say', () => {
    const item = rssItem({
      n: 1,
      link: null,
      guid: null,
      enclosure: '<enclosure url="https://example.org/a.mp3" length="0" type="audio/mpeg"/>',
    });
    const [episode] = importFeedContent(rssFeed([item])).episodes;
    expect(episode?.audio).toEqual({
      url: 'https://example.org/a.mp3',
      type: 'audio/mpeg',
      bytes: null,
    });
    expect(episode).not.toHaveProperty('guid');
    expect(episode).not.toHaveProperty('url');
  });

  it('refuses links that are not web links, naming the episode and the field', () => {
    const items = [
      rssItem({ n: 1, link: 'javascript:alert(1)' }),
      rssItem({
        n: 2,
        enclosure: '<enclosure url="data:audio/wav;base64,AAAA" type="audio/wav"/>',
      }),
      rssItem({
        n: 3,
        enclosure: '<enclosure url="https://example.org/3.mp3" length="about 3 MB"/>',
      }),
      rssItem({ n: 4, enclosure: '<enclosure type="audio/mpeg"/>' }),
    ];
    expect(issuesOf(rssFeed(items))).toEqual([
      {
        episode: '#1 "Episode 1"',
        field: 'link',
        message:
          '"javascript:alert(1)" is not a web link (http or https, at most 2,048 characters)',
      },
      {
        episode: '#2 "Episode 2"',
        field: 'enclosure',
        message:
          '"data:audio/wav;base64,AAAA" is not a web link (http or https, at most 2,048 characters)',
      },
      {
        episode: '#3 "Episode 3"',
        field: 'enclosure',
        message: 'length "about 3 MB" is not a byte count',
      },
      {
        episode: '#4 "Episode 4"',
        field: 'enclosure',
        message: '<enclosure> has no url attribute',
      },
    ]);
  });
});

describe('Episode { url audio guid } in GraphQL', () => {
  let api: TestApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('serves what the seed RSS says about each episode, from the store', async () => {
    api = await createTestApi({ seed: false });
    await api.store.importBatch(importFeedContent(await readFile(SEED_RSS, 'utf8')));
    const { data, errors } = await api.query(
      '{ episodes(first: 100) { edges { node { title url guid audio { url type bytes } unlinkedReadings { title } } } } }',
    );
    expect(errors).toBeUndefined();
    const nodes = data!.episodes.edges.map((edge: { node: unknown }) => edge.node);
    expect(nodes).toHaveLength(8);
    expect(nodes).toContainEqual({
      title: 'How DeepSeek Made One User Faster Without Slowing Down the Crowd',
      url: 'https://paperdive.ai/episodes/how-deepseek-made-one-user-faster-without-slowing-down-the-crowd',
      guid: 'paperdive-20260627-how-deepseek-made-one-user-faster-withou',
      audio: {
        url: 'https://paperdive.ai/audio/how-deepseek-made-one-user-faster-without-slowing-down-the-crowd.mp3',
        type: 'audio/mpeg',
        bytes: 22080000,
      },
      unlinkedReadings: [],
    });
  });
});
