// Small RSS feeds for the feed tests: each item is one valid episode of the podcast's format.
export interface ItemSpec {
  n: number;
  title?: string;
  /** null leaves the element out. */
  link?: string | null;
  guid?: string | null;
  /** Raw <enclosure …/> markup; null leaves it out. */
  enclosure?: string | null;
  /** Extra markup inside the item. */
  extra?: string;
  description?: string;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Episode n cites arXiv 2601.0000n as its source and recommends 1706.03762. */
export function rssItem(spec: ItemSpec): string {
  const n = spec.n;
  const source = `https://arxiv.org/abs/2601.${String(n).padStart(5, '0')}`;
  const description =
    spec.description ??
    `Source: ${source} Paper was published on 2026-01-0${(n % 9) + 1} This episode was AI-generated on June ${n}, 2026. Episode ${n} summary. ` +
      'Key Takeaways: - A point 00:00 - Start: the beginning 00:30 - Middle: the method ' +
      'Recommended Reading: - Attention Is All You Need: The transformer. (https://arxiv.org/abs/1706.03762)';
  const link = spec.link === undefined ? `https://example.org/episodes/${n}` : spec.link;
  const guid = spec.guid === undefined ? `episode-${n}` : spec.guid;
  const enclosure =
    spec.enclosure === undefined
      ? `<enclosure url="https://example.org/audio/${n}.wav" length="1000" type="audio/wav"/>`
      : spec.enclosure;
  return [
    '<item>',
    `<title>${escapeXml(spec.title ?? `Episode ${n}`)}</title>`,
    link === null ? '' : `<link>${escapeXml(link)}</link>`,
    guid === null ? '' : `<guid isPermaLink="false">${escapeXml(guid)}</guid>`,
    enclosure ?? '',
    spec.extra ?? '',
    `<description>${escapeXml(description)}</description>`,
    '</item>',
  ].join('\n');
}

export function rssFeed(items: string[], title = 'Test Podcast'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>${escapeXml(title)}</title><link>https://example.org/</link><description>A test feed.</description>
${items.join('\n')}
</channel></rss>
`;
}
