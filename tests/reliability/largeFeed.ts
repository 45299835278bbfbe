// RSS feeds of any size built from one episode template, for the crash and load tests. Each episode
// has its own source paper (arXiv 2501.NNNNN) and recommends papers from a shared pool, so imports
// create, merge and re-count papers the way a real feed does. `revision` changes every episode's
// text: importing revision B over revision A updates every episode.
const xmlEscape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface LargeFeedOptions {
  episodes: number;
  /** First episode number; two feeds with disjoint ranges add disjoint episodes. */
  firstEpisode?: number;
  /** Recommendation pool size; smaller pools mean more shared papers. */
  pool?: number;
  recommendations?: number;
  revision?: string;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function item(n: number, options: Required<LargeFeedOptions>): string {
  const { pool, recommendations, revision } = options;
  const readings = Array.from({ length: recommendations }, (_, k) => {
    const paper = (n * 7 + k * 13) % pool;
    const url = `https://arxiv.org/abs/2401.${pad(paper, 5)}`;
    return `<li>Pooled Paper ${paper}: Background on topic ${paper % 17}${revision}. (<a href="${url}">${url}</a>)</li>`;
  }).join('');
  const day = (n % 28) + 1;
  const month = (n % 12) + 1;
  const html = [
    `<p>Source: https://arxiv.org/abs/2501.${pad(n, 5)}</p>`,
    `<p>Paper was published on 2025-${pad(month, 2)}-${pad(day, 2)}</p>`,
    `<p>This episode was AI-generated on 2026-${pad(month, 2)}-${pad(day, 2)}.</p>`,
    `<p>Synthetic episode ${n}${revision} walks through rewards, search and verification for topic ${n % 41}.</p>`,
    `<p><strong>Key Takeaways:</strong></p><ul><li>First takeaway of ${n}${revision}</li><li>Second takeaway of ${n}</li></ul>`,
    `<p>00:00 - Opening: Why topic ${n % 41} matters.<br/>03:10 - Method: How it works${revision}.</p>`,
    `<p><strong>Recommended Reading:</strong></p><ul>${readings}</ul>`,
  ].join('');
  return `<item><title>${xmlEscape(`Synthetic episode ${n}${revision}: topic ${n % 41}`)}</title><itunes:duration>${10 + (n % 50)}:00</itunes:duration><description>${xmlEscape(html)}</description></item>`;
}

export function largeRssFeed(options: LargeFeedOptions): string {
  const full: Required<LargeFeedOptions> = {
    firstEpisode: 1,
    pool: 500,
    recommendations: 6,
    revision: '',
    ...options,
  };
  const items: string[] = [];
  for (let i = 0; i < full.episodes; i += 1) items.push(item(full.firstEpisode + i, full));
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
<channel><title>Synthetic podcast</title>
${items.join('\n')}
</channel></rss>
`;
}
