// Podcasts other than "AI Papers", through importFeed on both stores: a research show whose notes
// link papers in the ways real notes do becomes episodes with MENTIONS citations (the sentence as the
// note); shows whose notes link no paper (a feed parser's public test feeds) become episodes without
// papers, never a refusal.
import { readFile } from 'node:fs/promises';

import { afterEach, expect, it } from 'vitest';

import { ADMIN_TOKEN, createTestApi, describeForEachStore, type TestApi } from './testApi.ts';

const fixture = (path: string) => new URL(`../import/fixtures/${path}`, import.meta.url);
const RESEARCH_FEED = fixture('research-podcast/feed.xml');
/** podcast-feed-parser's test feeds (MIT, LICENSE.md beside them) with their episode counts. */
const NON_RESEARCH_FEEDS = [
  ['podcast-feed-parser/bc-sample.xml', 4],
  ['podcast-feed-parser/bc-sample-custom-tags.xml', 4],
  ['podcast-feed-parser/bc-sample-new-feed-url.xml', 4],
  ['podcast-feed-parser/bc-sample-order.xml', 4],
  ['podcast-feed-parser/replyall-sample-ordering.xml', 3],
] as const;
const NO_SOURCE = new URL('../reliability/fixtures/no-source.xml', import.meta.url);

const IMPORT = /* GraphQL */ `
  mutation Import($content: String!) {
    importFeed(content: $content) {
      __typename
      ... on ImportSummary {
        added
      }
      ... on Error {
        message
      }
    }
  }
`;
const EPISODES = /* GraphQL */ `
  {
    stats {
      episodes
      papers
      citations
    }
    episodes(first: 50) {
      edges {
        node {
          title
          source {
            id
          }
          recommendations {
            note
          }
          mentions {
            note
            paper {
              id
            }
          }
        }
      }
    }
  }
`;
const CITED_BY = /* GraphQL */ `
  query CitedBy($at: NodeRef!) {
    paper(at: $at) {
      citationCount
      citedBy {
        kind
        note
        episode {
          title
        }
      }
    }
  }
`;
const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
/** A store's first import here also builds its schema and relations: slow on a busy Neo4j. */
const FIRST_IMPORT_TIMEOUT_MS = 120_000;

interface EpisodeNode {
  title: string;
  source: { id: string } | null;
  recommendations: { note: string | null }[];
  mentions: { note: string | null; paper: { id: string } }[];
}

let api: TestApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

async function importFile(target: TestApi, url: URL): Promise<Record<string, unknown>> {
  const content = await readFile(url, 'utf8');
  const { data, errors } = await target.query(IMPORT, { content }, admin);
  expect(errors).toBeUndefined();
  return data!.importFeed as Record<string, unknown>;
}

async function episodesOf(target: TestApi) {
  const { data } = await target.query(EPISODES);
  const episodes = (data!.episodes.edges as { node: EpisodeNode }[]).map((edge) => edge.node);
  return { stats: data!.stats as Record<string, number>, episodes };
}

describeForEachStore('other podcasts', (storeFactory) => {
  it(
    'imports a research show: every paper its notes link is a mention with its sentence',
    async () => {
      api = await createTestApi({ storeFactory, seed: false });
      expect(await importFile(api, RESEARCH_FEED)).toMatchObject({
        __typename: 'ImportSummary',
        added: expect.any(Array),
      });
      const { stats, episodes } = await episodesOf(api);
      expect(stats.episodes).toBe(4);
      const dpoEpisode = episodes.find((e) => e.title.startsWith('Ep. 41'))!;
      expect(dpoEpisode.source).toBeNull();
      expect(dpoEpisode.recommendations).toEqual([]);
      const mentioned = new Map(dpoEpisode.mentions.map((m) => [m.paper.id, m.note]));
      // An anchor in an HTML list, with a version: the sentence is the list item's.
      expect(mentioned.get('arxiv:2305.18290')).toBe(
        'Direct Preference Optimization: Your Language Model is Secretly a Reward Model (Rafailov et al. 2023)',
      );
      // A PDF link with a version, a bare PDF URL in the text, a DOI in parentheses, a doi: id.
      expect(mentioned.get('arxiv:1707.06347')).toBe(
        'The PPO paper, Proximal Policy Optimization Algorithms.',
      );
      expect(mentioned.get('arxiv:2203.02155')).toMatch(/^Ouyang et al\., InstructGPT/);
      expect(mentioned.get('doi:10.1145/3442188.3445922')).toBe(
        'A critique from FAccT (10.1145/3442188.3445922), which Ben keeps quoting.',
      );
      expect(mentioned.has('arxiv:1706.03741')).toBe(true);
      // OpenReview and ACL Anthology pages; the PDF and the landing page are one paper.
      expect(mentioned.has('url:https://openreview.net/forum?id=iUwHnoENnl')).toBe(true);
      expect(mentioned.has('url:https://aclanthology.org/2024.acl-long.662')).toBe(true);
      // Bare arXiv ids of both schemes, in another language's notes.
      const german = episodes.find((e) => e.title.startsWith('Folge 12'))!;
      expect(german.mentions.map((m) => m.paper.id)).toEqual(
        expect.arrayContaining(['arxiv:1706.03762', 'arxiv:hep-th/9711200', 'arxiv:2001.08361']),
      );
      // An episode whose notes link no paper is kept, without citations.
      const mailbag = episodes.find((e) => e.title === 'Ep. 39 — Listener mailbag')!;
      expect(mailbag).toMatchObject({ source: null, recommendations: [], mentions: [] });

      const { data } = await api.query(CITED_BY, { at: 'https://arxiv.org/abs/2305.18290' });
      expect(data!.paper).toEqual({
        citationCount: 1,
        citedBy: [
          {
            kind: 'MENTIONS',
            note: mentioned.get('arxiv:2305.18290'),
            episode: { title: dpoEpisode.title },
          },
        ],
      });
    },
    FIRST_IMPORT_TIMEOUT_MS,
  );

  it(
    'imports an "AI Papers" episode and a research show side by side, the shared paper citing both',
    async () => {
      api = await createTestApi({ storeFactory, seed: false });
      const aiPapers = `${await readFile(new URL('../../seed/ai-papers-deep-dive.txt', import.meta.url), 'utf8')}`;
      expect(await importFile(api, RESEARCH_FEED)).toMatchObject({ __typename: 'ImportSummary' });
      const { data } = await api.query(IMPORT, { content: aiPapers }, admin);
      expect(data!.importFeed.__typename).toBe('ImportSummary');
      const { episodes } = await episodesOf(api);
      // The "AI Papers" format keeps its reading: a source and recommendations, no mentions.
      const withSource = episodes.filter((e) => e.source !== null);
      expect(withSource.length).toBeGreaterThan(0);
      for (const episode of withSource) expect(episode.mentions).toEqual([]);
      expect(withSource.some((e) => e.recommendations.length > 0)).toBe(true);
    },
    FIRST_IMPORT_TIMEOUT_MS,
  );

  it.each(NON_RESEARCH_FEEDS)('imports %s as episodes without papers', async (path, count) => {
    api = await createTestApi({ storeFactory, seed: false });
    expect(await importFile(api, fixture(path))).toMatchObject({ __typename: 'ImportSummary' });
    const { stats, episodes } = await episodesOf(api);
    expect(stats).toEqual({ episodes: count, papers: 0, citations: 0 });
    for (const episode of episodes) {
      expect(episode.title).not.toBe('');
      expect(episode).toMatchObject({ source: null, recommendations: [], mentions: [] });
    }
  });

  it('keeps an episode whose notes name no paper, instead of refusing the feed', async () => {
    api = await createTestApi({ storeFactory, seed: false });
    expect(await importFile(api, NO_SOURCE)).toMatchObject({ __typename: 'ImportSummary' });
    const { stats, episodes } = await episodesOf(api);
    expect(stats).toEqual({ episodes: 1, papers: 0, citations: 0 });
    expect(episodes[0]?.title).toBe('An episode about nothing in particular');
  });
});
