// Atom out, checked with a real XML parser against RFC 4287's required elements: per paper (the episodes
// citing it, newest first, with kind and note) and for the whole graph.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterEach, describe, expect, it } from 'vitest';

import { importFeedContent } from '../../server/src/import/pipeline.ts';
import { createTestApi, type TestApi } from '../api/testApi.ts';
import { rssFeed, rssItem } from './feedText.ts';

const SITE = 'http://localhost:3000';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  isArray: (name) => ['entry', 'link'].includes(name),
});

interface Entry {
  id: string;
  title: string;
  updated: string;
  summary?: string;
  category?: { '@_term': string };
  link: { '@_rel': string; '@_href': string }[];
}

/** Parses and checks what RFC 4287 requires of a feed and its entries; the feed's entries back. */
function parseAtom(xml: string): {
  title: string;
  updated: string;
  entries: Entry[];
  self: string;
} {
  expect(XMLValidator.validate(xml)).toBe(true);
  const { feed } = parser.parse(xml) as { feed: Record<string, any> };
  expect(feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
  for (const field of ['id', 'title', 'updated']) expect(typeof feed[field]).toBe('string');
  expect(feed.updated).toMatch(RFC3339);
  expect(feed.author?.name).toBeTruthy(); // feed-level author: entries need none of their own
  const self = feed.link.find((l: { '@_rel': string }) => l['@_rel'] === 'self');
  expect(self).toBeDefined();
  const entries = (feed.entry ?? []) as Entry[];
  const ids = new Set<string>();
  for (const entry of entries) {
    expect(entry.id).toMatch(/^urn:papergraph:/);
    ids.add(entry.id);
    expect(entry.title).toBeTruthy();
    expect(entry.updated).toMatch(RFC3339);
    expect(
      entry.link.some(
        (l) => l['@_rel'] === 'alternate' && l['@_href'].startsWith(`${SITE}/episode/ep_`),
      ),
    ).toBe(true);
  }
  expect(ids.size).toBe(entries.length);
  return { title: feed.title, updated: feed.updated, entries, self: self['@_href'] };
}

let api: TestApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function get(path: string): Promise<{ status: number; type: string | null; body: string }> {
  const response = await api!.fetch(path);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: await response.text(),
  };
}

describe('Atom feeds', () => {
  it('per paper: every citing episode, newest first, with kind and note, by any identifier form', async () => {
    api = await createTestApi({ seed: false });
    // Markup, an entity-looking text and quotes in a title come back as the same characters.
    const title = (n: number) => `Episode ${n} <b>&amp; "quotes"</b> & more`;
    const items = [1, 2, 3].map((n) => rssItem({ n, title: title(n) }));
    await api.store.importBatch(importFeedContent(rssFeed(items)));
    for (const ref of [
      'arxiv:1706.03762',
      'https://arxiv.org/abs/1706.03762v5',
      'arXiv:1706.03762',
    ]) {
      const answer = await get(
        `/atom/paper?ref=${encodeURIComponent(ref)}&site=${encodeURIComponent(SITE)}`,
      );
      expect(answer.status).toBe(200);
      expect(answer.type).toMatch(/^application\/atom\+xml/);
      const feed = parseAtom(answer.body);
      expect(feed.title).toBe('Episodes citing Attention Is All You Need');
      expect(feed.self).toBe(`${SITE}/paper/arxiv%3A1706.03762/feed.atom`);
      // rssItem(n) is AI-generated on June n: newest first.
      expect(feed.entries.map((e) => e.title)).toEqual([3, 2, 1].map(title));
      expect(feed.entries.map((e) => e.updated)).toEqual([
        '2026-06-03T00:00:00Z',
        '2026-06-02T00:00:00Z',
        '2026-06-01T00:00:00Z',
      ]);
      expect(feed.entries[0]).toMatchObject({
        category: { '@_term': 'recommended' },
        summary: 'Recommended reading: The transformer.',
      });
    }
    const source = parseAtom((await get(`/atom/paper?ref=arxiv:2601.00002&site=${SITE}`)).body);
    expect(source.entries).toHaveLength(1);
    expect(source.entries[0]).toMatchObject({ category: { '@_term': 'source' } });
  });

  it('answers 404 for a paper no episode cites and 400 without a usable site or ref', async () => {
    api = await createTestApi({ seed: true });
    expect((await get(`/atom/paper?ref=arxiv:9999.99999&site=${SITE}`)).status).toBe(404);
    expect((await get('/atom/paper?ref=arxiv:1706.03762&site=javascript:alert(1)')).status).toBe(
      400,
    );
    expect((await get(`/atom/paper?site=${SITE}`)).status).toBe(400);
  });

  it('for the whole graph: the newest episodes', async () => {
    api = await createTestApi({ seed: true });
    const answer = await get(`/atom/episodes?site=${encodeURIComponent(SITE)}`);
    expect(answer.status).toBe(200);
    const feed = parseAtom(answer.body);
    const newest = (await api.store.listEpisodes({ offset: 0, limit: 50 })).items;
    expect(feed.entries.map((e) => e.title)).toEqual(newest.map((e) => e.title));
    expect(feed.entries.length).toBe(8);
    // Its <updated> is when the graph last changed (the seeding import), not the newest episode's date.
    const changedAt = await api.store.graphChangedAt();
    expect(changedAt).not.toBeNull();
    expect(Date.parse(feed.updated)).toBe(Date.parse(changedAt!));
    expect(feed.updated.slice(0, 10)).not.toBe(feed.entries[0]!.updated.slice(0, 10));
  });
});
