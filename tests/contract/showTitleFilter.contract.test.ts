// `listShows` with a title filter on every store: the shows whose title contains the text, ignoring
// case in any script, by title then id, paged, counted; the text is matched literally (no wildcards).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ShowRecord } from '../../server/src/domain/model.ts';
import { showIdFor } from '../../server/src/domain/show.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { storeFactories } from '../helpers/stores.ts';

const show = (title: string, site: string): ShowRecord => ({
  id: showIdFor({ fetchedFrom: null, link: `https://${site}.example.org`, title }),
  title,
  link: `https://${site}.example.org`,
  imageUrl: null,
  author: null,
  feedUrl: null,
});
const alphaTalks = show('Alpha Talks', 'alpha');
const alphabet = show('alphabet soup', 'soup');
const science = show('Наука и жизнь', 'nauka');
const greek = show('ΑΛΦΑ Research', 'alfa');
const percent = show('100% Research', 'percent');
const zeta = show('Zeta Papers', 'zeta');
const shows = [alphaTalks, alphabet, science, greek, percent, zeta];

const listed = (...records: ShowRecord[]) => records.map((r) => ({ ...r, episodeCount: 0 }));

for (const factory of storeFactories()) {
  describe.skipIf(factory.skipReason !== undefined)(`${factory.name} store: shows by title`, () => {
    let store: GraphStore;

    beforeAll(async () => {
      store = await factory.create();
      await store.importBatch({ episodes: [], papers: [], shows });
    }, 120_000);
    afterAll(async () => {
      await store.close();
      await factory.cleanup();
    });

    it('lists the shows whose title contains the text, ignoring case, by title', async () => {
      expect(await store.listShows({ offset: 0, limit: 10, titleContains: 'ALPHA' })).toEqual({
        items: listed(alphaTalks, alphabet),
        totalCount: 2,
      });
      expect(await store.listShows({ offset: 0, limit: 10, titleContains: 'research' })).toEqual({
        items: listed(percent, greek),
        totalCount: 2,
      });
    });

    it('ignores case in other scripts too', async () => {
      expect(await store.listShows({ offset: 0, limit: 10, titleContains: 'НАУКА' })).toEqual({
        items: listed(science),
        totalCount: 1,
      });
      expect(await store.listShows({ offset: 0, limit: 10, titleContains: 'αλφα' })).toEqual({
        items: listed(greek),
        totalCount: 1,
      });
    });

    it('pages the matching shows and counts them all', async () => {
      // Latin "a": not the Greek alpha nor the Cyrillic а, which look the same.
      expect(await store.listShows({ offset: 1, limit: 2, titleContains: 'a' })).toEqual({
        items: listed(alphaTalks, zeta),
        totalCount: 5,
      });
    });

    it('matches the text literally, and answers no match with an empty page', async () => {
      expect(await store.listShows({ offset: 0, limit: 10, titleContains: '%' })).toEqual({
        items: listed(percent),
        totalCount: 1,
      });
      expect(await store.listShows({ offset: 0, limit: 10, titleContains: '_' })).toEqual({
        items: [],
        totalCount: 0,
      });
      expect(await store.listShows({ offset: 0, limit: 10, titleContains: 'nowhere' })).toEqual({
        items: [],
        totalCount: 0,
      });
    });

    it('lists every show without the filter', async () => {
      expect((await store.listShows({ offset: 0, limit: 10 })).totalCount).toBe(shows.length);
    });
  });
}
