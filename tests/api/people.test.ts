// People (podcast:person) through the API on both stores: two shows' feeds imported as files, the
// first naming its host on the channel and a guest on one item (a name with markup and CJK, a page
// with a long unbroken URL), the second naming the same host by the same page as its guest.
// `Episode.people` lists each episode's people as its feed tags them (its own, else the channel's);
// `person(id:)` is one person across both shows, with their episodes newest first, keyset paged;
// a page of episodes reads its people and their persons in one store call each.
import { rm } from 'node:fs/promises';

import { afterAll, beforeAll, expect, it } from 'vitest';

import { rssItem } from '../feeds/feedText.ts';
import {
  ADMIN_TOKEN,
  countingStore,
  createTestApi,
  describeForEachStore,
  type TestApi,
} from './testApi.ts';

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };
/** A store's first import also builds its schema: slow on a busy Neo4j. */
const SETUP_TIMEOUT_MS = 180_000;

const ADA_PAGE = 'https://people.example.org/ada';
/** A page whose URL is one unbroken run, as long as a web link may be less a little. */
const GUEST_PAGE = `https://example.edu/~zoe/${'x'.repeat(1_900)}`;
const GUEST_NAME = '<b>Zoë</b> & 张伟';

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function person(name: string, attributes: Record<string, string>): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join('');
  return `<podcast:person${attrs}>${escapeXml(name)}</podcast:person>`;
}

function feed(title: string, link: string, channelPeople: string, items: string[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0">
<channel><title>${title}</title><link>${link}</link><description>A show.</description>
${channelPeople}
${items.join('\n')}
</channel></rss>
`;
}

/** Host on the channel; episode 1 has its own guest, episode 2 none (so the channel's host). */
const FIRST_SHOW = feed(
  'Gradient Pods',
  'https://gradient-pods.example.org/',
  person('Ada Reviewer', { role: 'host', href: ADA_PAGE, img: `${ADA_PAGE}.jpg` }),
  [
    rssItem({
      n: 1,
      title: 'Guest week',
      extra: person(GUEST_NAME, { role: 'guest', group: 'cast', href: GUEST_PAGE }),
    }),
    rssItem({ n: 2, title: 'Host alone' }),
  ],
);
/** Another show naming Ada by the same page: the same person. */
const SECOND_SHOW = feed('Other Pods', 'https://other-pods.example.org/', '', [
  rssItem({
    n: 3,
    title: 'Ada visits',
    extra: person('Ada R.', { role: 'guest', href: ADA_PAGE }),
  }),
]);

const IMPORT = /* GraphQL */ `
  mutation Import($content: String!) {
    importFeed(content: $content) {
      __typename
      ... on ImportSummary {
        added
      }
    }
  }
`;
const EPISODES_WITH_PEOPLE = /* GraphQL */ `
  {
    episodes(first: 10) {
      nodes {
        title
        show {
          title
        }
        people {
          personId
          name
          role
          group
          href
          imageUrl
          person {
            id
            name
            episodeCount
          }
        }
      }
    }
  }
`;
const PERSON = /* GraphQL */ `
  query Person($id: ID!, $first: Int, $after: String, $last: Int) {
    person(id: $id) {
      id
      name
      href
      imageUrl
      episodeCount
      episodes(first: $first, after: $after, last: $last) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          title
          show {
            title
          }
        }
      }
    }
  }
`;

interface EpisodeNode {
  title: string;
  show: { title: string };
  people: {
    personId: string;
    name: string;
    role: string;
    group: string;
    href: string | null;
    imageUrl: string | null;
    person: { id: string; name: string; episodeCount: number };
  }[];
}

describeForEachStore('people', (storeFactory) => {
  let api: TestApi;
  let calls: Map<string, number>;
  let episodes: Map<string, EpisodeNode>;

  beforeAll(async () => {
    const plain = await createTestApi({ storeFactory, seed: false });
    const counted = countingStore(plain.store);
    calls = counted.calls;
    api = await createTestApi({ store: counted.store, dataDir: plain.dataDir, seed: false });
    for (const content of [FIRST_SHOW, SECOND_SHOW]) {
      const { data, errors } = await api.query(IMPORT, { content }, admin);
      expect(errors).toBeUndefined();
      expect(data!.importFeed.__typename).toBe('ImportSummary');
    }
    calls.clear();
    const { data, errors } = await api.query(EPISODES_WITH_PEOPLE);
    expect(errors).toBeUndefined();
    const nodes = data!.episodes.nodes as EpisodeNode[];
    episodes = new Map(nodes.map((node) => [node.title, node]));
  }, SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await api?.close();
    if (api) await rm(api.dataDir, { recursive: true, force: true });
  });

  it('lists each episode’s people as its feed tags them: its own, else the channel’s', () => {
    expect([...episodes.keys()].sort()).toEqual(['Ada visits', 'Guest week', 'Host alone']);
    const [guest] = episodes.get('Guest week')!.people;
    // Markup and CJK come back as the text the tag held; the long page exactly.
    expect(guest).toMatchObject({
      name: GUEST_NAME,
      role: 'guest',
      group: 'cast',
      href: GUEST_PAGE,
      imageUrl: null,
      person: { name: GUEST_NAME, episodeCount: 1 },
    });
    expect(guest?.personId).toMatch(/^person_[0-9a-f]{12}$/);
    expect(episodes.get('Guest week')!.people).toHaveLength(1);
    expect(episodes.get('Host alone')!.people).toEqual([
      {
        personId: expect.stringMatching(/^person_[0-9a-f]{12}$/),
        name: 'Ada Reviewer',
        role: 'host',
        // The group a tag leaves out is the taxonomy's default.
        group: 'cast',
        href: ADA_PAGE,
        imageUrl: `${ADA_PAGE}.jpg`,
        person: expect.objectContaining({ episodeCount: 2 }),
      },
    ]);
  });

  it('keeps one person across shows by their page, each episode with its own wording', () => {
    const [host] = episodes.get('Host alone')!.people;
    const [visit] = episodes.get('Ada visits')!.people;
    expect(visit).toMatchObject({ name: 'Ada R.', role: 'guest', imageUrl: null });
    expect(visit?.personId).toBe(host?.personId);
    expect(visit?.person.id).toBe(host?.personId);
  });

  it('reads a page’s people and their persons in one store call each', () => {
    expect(calls.get('peopleByEpisodeIds')).toBe(1);
    expect(calls.get('peopleByIds')).toBe(1);
  });

  it('answers person(id:) with their episodes across shows, newest first, by keyset', async () => {
    const adaId = episodes.get('Host alone')!.people[0]!.personId;
    const first = await api.query(PERSON, { id: adaId, first: 1 });
    expect(first.errors).toBeUndefined();
    const ada = first.data!.person;
    expect(ada).toMatchObject({ id: adaId, href: ADA_PAGE, imageUrl: `${ADA_PAGE}.jpg` });
    expect(ada.episodeCount).toBe(2);
    expect(ada.episodes.totalCount).toBe(2);
    // Episode 3 (June 3) is newer than episode 2 (June 2).
    expect(ada.episodes.nodes).toEqual([{ title: 'Ada visits', show: { title: 'Other Pods' } }]);
    expect(ada.episodes.pageInfo.hasNextPage).toBe(true);
    const next = await api.query(PERSON, {
      id: adaId,
      first: 1,
      after: ada.episodes.pageInfo.endCursor,
    });
    expect(next.data!.person.episodes.nodes).toEqual([
      { title: 'Host alone', show: { title: 'Gradient Pods' } },
    ]);
    expect(next.data!.person.episodes.pageInfo.hasNextPage).toBe(false);
    const last = await api.query(PERSON, { id: adaId, last: 1 });
    expect(last.data!.person.episodes.nodes).toEqual([
      { title: 'Host alone', show: { title: 'Gradient Pods' } },
    ]);
  });

  it('answers null for an unknown or malformed person id', async () => {
    for (const id of ['person_000000000000', 'nobody', 'ep_000000000000']) {
      const { data, errors } = await api.query(PERSON, { id, first: 1 });
      expect(errors, id).toBeUndefined();
      expect(data, id).toEqual({ person: null });
    }
  });
});
