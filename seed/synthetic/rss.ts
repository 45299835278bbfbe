// Renders synthetic episodes as an RSS 2.0 feed laid out like the real one (seed/ai-papers-deep-dive.rss.xml):
// HTML show notes in CDATA, takeaways and readings as lists, chapters as <br/>-separated lines.
import type { SyntheticEpisode } from './corpus.ts';

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function longDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `${MONTH_NAMES[(month ?? 1) - 1]} ${day}, ${year}`;
}

function rfc822(iso: string): string {
  return new Date(`${iso}T07:00:00Z`).toUTCString().replace('GMT', '+0000');
}

function anchor(link: string): string {
  // Identifiers like "arXiv:2401.12345" are not links; the feed prints them as text.
  return /^https?:/.test(link)
    ? `<a href="${escapeXml(link)}">${escapeXml(link)}</a>`
    : escapeXml(link);
}

function item(e: SyntheticEpisode): string {
  const notes = [
    `<p>${escapeXml(e.title)}</p>`,
    `<p>Source: ${anchor(e.sourceLink)}</p>`,
    `<p>Paper was published on ${e.paperPublishedAt}</p>`,
    `<p>This episode was AI-generated on ${longDate(e.publishedAt)}. The script was written by an AI language model and the host voices were synthesized by Eleven Labs. The producer is not affiliated with Anthropic or Eleven Labs.</p>`,
    `<p>${escapeXml(e.summary)}</p>`,
    '<p><strong>Key Takeaways:</strong></p>',
    `<ul>${e.takeaways.map((t) => `<li>${escapeXml(t)}</li>`).join('')}</ul>`,
    `<p>${e.chapters.map((c) => `${c.start} - ${escapeXml(c.title)}: ${escapeXml(c.summary)}`).join('<br/>\n')}</p>`,
    '<p><strong>Recommended Reading:</strong></p>',
    `<ul>\n${e.readings.map((r) => `<li>${escapeXml(r.title)}: ${escapeXml(r.note)} (${anchor(r.link)})</li>`).join('\n')}\n</ul>`,
  ].join('\n');
  const slug = `episode-${e.index}`;
  return `    <item>
      <title>${escapeXml(e.title)}</title>
      <link>https://paperdive.ai/episodes/${slug}</link>
      <guid isPermaLink="false">paperdive-synthetic-${e.index}</guid>
      <pubDate>${rfc822(e.publishedAt)}</pubDate>
      <itunes:title>${escapeXml(e.title)}</itunes:title>
      <itunes:episode>${e.index + 1}</itunes:episode>
      <itunes:duration>${e.durationMinutes}:00</itunes:duration>
      <enclosure url="https://paperdive.ai/audio/${slug}.mp3" length="${e.durationMinutes * 960_000}" type="audio/mpeg"/>
      <description><![CDATA[${notes}]]></description>
    </item>
`;
}

export function renderRss(episodes: readonly SyntheticEpisode[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:content="http://purl.org/rss/1.0/modules/content/">
  <channel>
    <title>AI Papers: A Deep Dive (synthetic)</title>
    <link>https://paperdive.ai</link>
    <description>Synthetic feed shaped like the real podcast, for benchmarks.</description>
    <language>en-us</language>
${episodes.map(item).join('')}  </channel>
</rss>
`;
}
