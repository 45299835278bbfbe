import { describe, expect, it } from 'vitest';

import { ImportError } from '../../server/src/import/errors.ts';
import { importFeedContent } from '../../server/src/import/pipeline.ts';
import { readRss } from '../../server/src/import/readers/rss.ts';
import { SEED_PAGE, SEED_RSS } from './seedFiles.ts';

function feed(items: string[], doctype = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>${doctype}
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Test</title>${items.join('\n')}</channel></rss>`;
}

function importError(run: () => unknown): ImportError {
  try {
    run();
  } catch (error) {
    if (error instanceof ImportError) return error;
    throw error;
  }
  throw new Error('expected an ImportError');
}

describe('RSS feed', () => {
  it('the RSS fixture yields the batch the seed page yields, plus what each item says about its episode', () => {
    const fromRss = importFeedContent(SEED_RSS, { file: 'ai-papers-deep-dive.rss.xml' });
    const fromPage = importFeedContent(SEED_PAGE, { file: 'ai-papers-deep-dive.txt' });
    expect(fromRss.episodes).toHaveLength(8);
    const withoutFeedFields = fromRss.episodes.map(
      ({ guid, url, audio, imageUrl, ...rest }) => rest,
    );
    // One show, named by the same site: the feed also says its image, author and address.
    expect({ ...fromRss, episodes: withoutFeedFields, shows: fromPage.shows }).toEqual(fromPage);
    expect(fromRss.shows).toEqual([
      {
        ...fromPage.shows![0],
        imageUrl: 'https://paperdive.ai/cover.jpg',
        author: 'paperdive.ai',
        feedUrl: 'https://paperdive.ai/feed.xml',
      },
    ]);
    expect(fromRss.episodes[0]).toMatchObject({
      guid: 'paperdive-20260627-how-deepseek-made-one-user-faster-withou',
      url: 'https://paperdive.ai/episodes/how-deepseek-made-one-user-faster-without-slowing-down-the-crowd',
      audio: {
        url: 'https://paperdive.ai/audio/how-deepseek-made-one-user-faster-without-slowing-down-the-crowd.mp3',
        type: 'audio/mpeg',
        bytes: 22080000,
      },
    });
    expect(fromRss.episodes.every((e) => e.guid && e.url && e.audio)).toBe(true);
  });

  it('reads item fields: title, guid, pubDate and every itunes:duration form', () => {
    const items = readRss(SEED_RSS);
    expect(items[0]).toMatchObject({
      position: 1,
      title: 'How DeepSeek Made One User Faster Without Slowing Down the Crowd',
      pubDateText: 'Sat, 27 Jun 2026 07:00:00 +0000',
      durationText: '23:00',
    });
    expect(items[0]?.guid).toMatch(/^paperdive-20260627-/);
    // The fixture spells durations as 23:00, 1500 (seconds) and 00:23:00 on purpose.
    expect(items.slice(0, 3).map((item) => item.durationText)).toEqual([
      '23:00',
      '1500',
      '00:23:00',
    ]);
    expect(
      importFeedContent(SEED_RSS)
        .episodes.slice(0, 3)
        .map((e) => e.durationMinutes),
    ).toEqual([23, 25, 23]);
  });

  it('turns HTML lists and paragraphs into the page conventions, for escaped HTML as well as CDATA', () => {
    const escaped = `&lt;p&gt;Source: &lt;a href="https://arxiv.org/abs/2305.18290"&gt;https://arxiv.org/abs/2305.18290&lt;/a&gt;&lt;/p&gt;
      &lt;p&gt;Tom &amp;amp; Jerry&amp;#8217;s &amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt; summary.&lt;/p&gt;&lt;script&gt;steal()&lt;/script&gt;
      &lt;p&gt;Key Takeaways:&lt;/p&gt;&lt;ul&gt;&lt;li&gt;First — one&lt;/li&gt;&lt;li&gt;Second&lt;/li&gt;&lt;/ul&gt;
      &lt;p&gt;00:00 - Intro: Starts.&lt;br&gt;1:02:03 - Late: Ends.&lt;/p&gt;`;
    const batch = importFeedContent(
      feed([
        `<item><title>DPO &amp; friends</title><description>${escaped}</description><pubDate>Mon, 01 Jun 2026 10:00:00 GMT</pubDate><itunes:duration>1:05:00</itunes:duration></item>`,
      ]),
    );
    expect(batch.episodes[0]).toMatchObject({
      title: 'DPO & friends',
      summary: 'Tom & Jerry’s <script>alert(1)</script> summary.',
      takeaways: ['First — one', 'Second'],
      chapters: [
        { start: '00:00', startSeconds: 0, title: 'Intro', summary: 'Starts.' },
        { start: '1:02:03', startSeconds: 3723, title: 'Late', summary: 'Ends.' },
      ],
      publishedAt: '2026-06-01', // no "AI-generated on" sentence: the pubDate is used
      durationMinutes: 65,
      sourcePaperId: 'arxiv:2305.18290',
    });
  });

  it('prefers content:encoded over description', () => {
    const batch = importFeedContent(
      feed([
        `<item><title>T</title><description>Short teaser</description>
         <content:encoded><![CDATA[<p>Source: https://arxiv.org/abs/2401.15077</p><p>The full notes.</p>]]></content:encoded></item>`,
      ]),
    );
    expect(batch.episodes[0]?.summary).toBe('The full notes.');
  });

  it('refuses a DOCTYPE declaring entities (billion laughs) before expanding anything', () => {
    const laughs = `<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>`;
    const error = importError(() =>
      importFeedContent(
        feed(
          [
            `<item><title>&lol3;</title><description>Source: https://arxiv.org/abs/2401.15077</description></item>`,
          ],
          laughs,
        ),
        { file: 'evil.xml' },
      ),
    );
    expect(error.message).toBe(
      'evil.xml: XML entity declarations (<!DOCTYPE … <!ENTITY …>) are not accepted in feeds',
    );
    const external = `<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`;
    expect(() => importFeedContent(feed([`<item><title>&xxe;</title></item>`], external))).toThrow(
      /entity declarations/,
    );
  });

  it('reports malformed XML with its position, and a channel without items as an empty feed', () => {
    expect(() =>
      importFeedContent(
        '<?xml version="1.0"?>\n<rss version="2.0"><channel><item></channel></rss>',
      ),
    ).toThrow(/^invalid XML at line 2, column \d+: /);
    expect(() => importFeedContent(feed([]), { file: 'empty.xml' })).toThrow(
      /^empty\.xml: feed contains no episodes$/,
    );
  });
});
