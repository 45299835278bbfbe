// The light read of episode list pages (listEpisodeListings) on every store: for every kind of page
// (offset, keyset both ways, search, one show's, by source paper metadata) the same episodes, order and
// count as listEpisodes, each as its summary with its readings (recommendations and mentions, notes and
// transcript times) and nothing of the heavy record.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { episodeIdFor } from '../../server/src/domain/episodeId.ts';
import type { EpisodeRecord, ShowRecord } from '../../server/src/domain/model.ts';
import { showIdFor } from '../../server/src/domain/show.ts';
import type { EpisodeListQuery, GraphStore } from '../../server/src/store/store.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { storeFactories } from '../helpers/stores.ts';

const show: ShowRecord = {
  id: showIdFor({ fetchedFrom: null, link: 'https://zeta.example.org', title: 'Zeta Papers' }),
  title: 'Zeta Papers',
  link: 'https://zeta.example.org',
  imageUrl: null,
  author: null,
  feedUrl: null,
};
const dpo = arxivPaper('2305.18290', 'Direct Preference Optimization');
const ppo = arxivPaper('1707.06347', 'Proximal Policy Optimization Algorithms');
const lora = arxivPaper('2106.09685', 'LoRA: Low-Rank Adaptation');
const kto = arxivPaper('2402.01306', 'KTO');

const dpoTalk: EpisodeRecord = {
  ...episode({
    title: 'Preference optimization without a reward model',
    source: dpo,
    recommends: [{ paper: ppo, note: 'The RL baseline.' }, lora],
    publishedAt: '2026-03-01',
    summary: 'A long summary a page of titles does not need.',
    takeaways: ['One', 'Two'],
  }),
  showId: show.id,
};
const loraTalk = episode({ title: 'Low-rank adapters', source: lora, publishedAt: '2026-02-01' });
const mentioning: EpisodeRecord = {
  id: episodeIdFor('episode:guid:mentions-1'),
  title: 'Preference optimization, again',
  publishedAt: null,
  paperPublishedAt: null,
  durationMinutes: 40,
  summary: 'We talk about DPO and KTO.',
  takeaways: [],
  chapters: [],
  sourcePaperId: null,
  recommendations: [],
  mentions: [
    { paperId: dpo.id, note: 'DPO, the paper.', discussedAt: 75 },
    { paperId: kto.id, note: null },
  ],
  guid: 'mentions-1',
  showId: show.id,
};
const ktoTalk = episode({
  title: 'KTO',
  source: kto,
  recommends: [dpo],
  publishedAt: '2026-03-01',
});

/** The listing listEpisodeListings must give for a stored record. */
const listingOf = (record: EpisodeRecord) => ({
  id: record.id,
  title: record.title,
  publishedAt: record.publishedAt,
  sourcePaperId: record.sourcePaperId,
  recommendations: record.recommendations,
  ...(record.mentions === undefined ? {} : { mentions: record.mentions }),
});

for (const factory of storeFactories()) {
  describe.skipIf(factory.skipReason !== undefined)(
    `${factory.name} store: episode listings`,
    () => {
      let store: GraphStore;

      beforeAll(async () => {
        store = await factory.create();
        await store.importBatch({
          ...batchOf([dpoTalk, loraTalk, mentioning, ktoTalk], [dpo, ppo, lora, kto]),
          shows: [show],
        });
        await store.saveMetadata([
          {
            paperId: dpo.id,
            fetchedAt: '2026-07-01T00:00:00.000Z',
            metadata: {
              title: dpo.title!,
              authors: [{ name: 'Rafael Rafailov' }],
              year: 2023,
              venue: null,
              abstract: null,
              topics: ['Alignment'],
              arxivId: '2305.18290',
              doi: null,
              publishedAt: null,
            },
            references: [],
          },
        ]);
      });
      afterAll(async () => {
        await store.close();
        await factory.cleanup();
      });

      it('are the summaries with their readings, nothing heavier', async () => {
        const { items, totalCount } = await store.listEpisodeListings({ offset: 0, limit: 10 });
        expect(totalCount).toBe(4);
        expect(items).toEqual([
          listingOf(dpoTalk),
          listingOf(ktoTalk),
          listingOf(loraTalk),
          listingOf(mentioning),
        ]);
        for (const item of items)
          for (const heavy of ['summary', 'takeaways', 'chapters', 'showId', 'durationMinutes'])
            expect(item).not.toHaveProperty(heavy);
      });

      const lastOf = (items: { publishedAt: string | null; id: string }[]) => {
        const last = items.at(-1)!;
        return { publishedAt: last.publishedAt, id: last.id };
      };

      it.each<[string, (first: { publishedAt: string | null; id: string }) => EpisodeListQuery]>([
        ['an offset page', () => ({ offset: 1, limit: 2 })],
        ['a keyset page after a key', (key) => ({ offset: 0, limit: 2, keyset: { after: key } })],
        [
          'a keyset page from the end',
          (key) => ({ offset: 0, limit: 2, keyset: { after: key, fromEnd: true } }),
        ],
        [
          'a keyset page before a key',
          (key) => ({ offset: 0, limit: 5, keyset: { before: { ...key, publishedAt: null } } }),
        ],
        ['a search', () => ({ offset: 0, limit: 5, search: 'preference optimization' })],
        ['a show page', () => ({ offset: 0, limit: 5, show: show.id })],
        [
          'a show keyset page',
          (key) => ({ offset: 0, limit: 5, show: show.id, keyset: { after: key } }),
        ],
        ['a show search', () => ({ offset: 0, limit: 5, show: show.id, search: 'preference' })],
        ['episodes by source paper metadata', () => ({ offset: 0, limit: 5, sourcePaper: {} })],
        [
          'episodes by source paper author',
          () => ({ offset: 0, limit: 5, sourcePaper: { author: 'rafailov' } }),
        ],
      ])('list what listEpisodes lists, in its order: %s', async (_kind, queryFrom) => {
        const first = await store.listEpisodes({ offset: 0, limit: 1 });
        const query = queryFrom(lastOf(first.items));
        const whole = await store.listEpisodes(query);
        expect(whole.items.length).toBeGreaterThan(0);
        expect(await store.listEpisodeListings(query)).toEqual({
          items: whole.items.map(listingOf),
          totalCount: whole.totalCount,
        });
      });
    },
  );
}
