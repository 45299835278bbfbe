// Feed fidelity on every store (tests/helpers/stores.ts): readings without a link, what an RSS item
// says about its episode, titles that follow the newest evidence. Fixtures in tests/feeds/fixtures/.
import { fileURLToPath } from 'node:url';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { episodeIdFor } from '../../server/src/domain/episodeId.ts';
import { newFeedRecord } from '../../server/src/domain/feed.ts';
import { importWithGuidIdentity } from '../../server/src/import/guidIdentity.ts';
import { importFeedContent, importFeedFile } from '../../server/src/import/pipeline.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { rssFeed, rssItem } from '../feeds/feedText.ts';
import { arxivPaper, batchOf, episode, sortedBatch } from '../helpers/batchBuilder.ts';
import { storeFactories } from '../helpers/stores.ts';
import { episodes as ep, papers as p, podcastBatch } from './fixtures.ts';

const fixture = (name: string) =>
  fileURLToPath(new URL(`../feeds/fixtures/${name}`, import.meta.url));

const RESNET = 'arxiv:1512.03385';
const HIGHWAY = 'arxiv:1505.00387';
const SOURCE = 'arxiv:2606.01234';

for (const factory of storeFactories()) {
  const title = factory.skipReason
    ? `${factory.name} store (skipped: ${factory.skipReason})`
    : `${factory.name} store`;

  describe.skipIf(factory.skipReason !== undefined)(`feed fidelity: ${title}`, () => {
    let store: GraphStore;
    beforeEach(async () => {
      store = await factory.create();
    });
    afterEach(async () => {
      await store.close();
      await factory.cleanup();
    });

    it('keeps a reading without a link as an unlinked reading, never glued to the next one', async () => {
      await store.importBatch(await importFeedFile(fixture('unlinked-reading.txt')));
      const [stored] = await store.episodesByIds([episodeIdFor(SOURCE)]);
      expect(stored?.unlinkedReadings).toEqual([
        { title: 'Attention Is All You Need', note: 'the transformer paper, no link given.' },
        {
          title: 'Batch Normalization: Accelerating Deep Network Training',
          note: 'Normalising activations, also without a link.',
        },
      ]);
      expect(stored?.recommendations).toEqual([
        { paperId: RESNET, note: 'The ResNet paper itself, where the shortcut idea comes from.' },
        // A dash inside a note stays in the note.
        { paperId: HIGHWAY, note: 'Gated shortcuts - an earlier take on the same idea.' },
      ]);
      const [resnet, highway] = await store.papersByIds([RESNET, HIGHWAY]);
      expect(resnet?.title).toBe('Deep Residual Learning for Image Recognition');
      expect(highway?.title).toBe('Highway Networks');
      // Unlinked readings are no paper nodes: source + the two linked readings.
      expect(await store.stats()).toEqual({ episodes: 1, papers: 3, citations: 3 });
      // And they survive an export round trip.
      const exported = await store.exportBatch();
      expect(exported.episodes[0]?.unlinkedReadings).toHaveLength(2);
    });

    it("corrects a paper's title when a later feed names it (the newest evidence, not the first seen)", async () => {
      const glued = arxivPaper(
        '1512.03385',
        'Attention Is All You Need: the transformer paper, no link given. - Deep Residual Learning',
      );
      const earlier = episode({
        title: 'Earlier',
        source: arxivPaper('2601.00001', null),
        recommends: [glued],
      });
      await store.importBatch(batchOf([earlier], [glued, arxivPaper('2601.00001', null)]));
      expect((await store.papersByIds([RESNET]))[0]?.title).toBe(glued.title);

      await store.importBatch(await importFeedFile(fixture('unlinked-reading.txt')));
      expect((await store.papersByIds([RESNET]))[0]?.title).toBe(
        'Deep Residual Learning for Image Recognition',
      );
      // A batch that only mentions the paper (no title) keeps the stored one.
      const untitled = arxivPaper('1512.03385', null);
      const later = episode({
        title: 'Later',
        source: arxivPaper('2601.00002', null),
        recommends: [untitled],
      });
      await store.importBatch(batchOf([later], [untitled, arxivPaper('2601.00002', null)]));
      expect((await store.papersByIds([RESNET]))[0]?.title).toBe(
        'Deep Residual Learning for Image Recognition',
      );
    });

    it('a guid keeps an episode its id when the feed corrects its source link', async () => {
      const first = importFeedContent(rssFeed([rssItem({ n: 1, guid: 'stable-guid' })]));
      const firstId = first.episodes[0]!.id;
      await importWithGuidIdentity(store, first);
      expect(await store.episodeIdsByGuids(['stable-guid', 'unknown'])).toEqual([firstId, null]);

      const corrected = rssItem({
        n: 1,
        guid: 'stable-guid',
        title: 'Episode 1, retitled',
      }).replace('2601.00001', '2601.09999');
      const result = await importWithGuidIdentity(store, importFeedContent(rssFeed([corrected])));
      expect(result).toEqual({ added: [], updated: [firstId], unchanged: [] });
      const [stored] = await store.episodesByIds([firstId]);
      expect(stored).toMatchObject({
        title: 'Episode 1, retitled',
        sourcePaperId: 'arxiv:2601.09999',
        guid: 'stable-guid',
      });
      expect((await store.stats()).episodes).toBe(1);
      // Without a guid the id follows the source paper: the same edit makes a second episode.
      const unguided = rssItem({ n: 2, guid: null }).replace('2601.00002', '2601.08888');
      await importWithGuidIdentity(
        store,
        importFeedContent(rssFeed([rssItem({ n: 2, guid: null })])),
      );
      await importWithGuidIdentity(store, importFeedContent(rssFeed([unguided])));
      expect((await store.stats()).episodes).toBe(3);
    });

    it('removes an episode atomically with the papers only it cited, as if it had never been imported', async () => {
      await store.importBatch(podcastBatch);
      const withdrawn = ep.fresh;
      const others = podcastBatch.episodes.filter((e) => e.id !== withdrawn.id);
      const citedByOthers = new Set(
        others.flatMap((e) => [e.sourcePaperId, ...e.recommendations.map((r) => r.paperId)]),
      );
      const onlyItsOwn = [
        withdrawn.sourcePaperId,
        ...withdrawn.recommendations.map((r) => r.paperId),
      ].filter((id) => !citedByOthers.has(id));
      expect(onlyItsOwn.length).toBeGreaterThan(0);

      const removal = await store.removeEpisode(withdrawn.id);
      expect(removal?.removedPaperIds.sort()).toEqual([...new Set(onlyItsOwn)].sort());
      expect(await store.removeEpisode(withdrawn.id)).toBeNull();
      expect(await store.episodesByIds([withdrawn.id])).toEqual([null]);
      expect(
        (await store.search('Self-Checking Reward Models', 10)).map((hit) => hit.id),
      ).not.toContain(withdrawn.id);
      expect((await store.relatedByEpisodeIds([ep.dpo.id], 10))[0]).not.toContainEqual(
        expect.objectContaining({ episodeId: withdrawn.id }),
      );
      const after = sortedBatch(await store.exportBatch());
      const afterStats = await store.stats();

      // The same store as one that only ever saw the other episodes (a fresh store: Neo4j's is wiped).
      await store.close();
      await factory.cleanup();
      store = await factory.create();
      await store.importBatch(batchOf(others, Object.values(p)));
      expect(after).toEqual(sortedBatch(await store.exportBatch()));
      expect(afterStats).toEqual(await store.stats());
    });

    it('keeps feed subscriptions durably: save, replace, list, remove', async () => {
      for (const feed of await store.listFeeds()) await store.removeFeed(feed.url);
      const feed = newFeedRecord('https://example.org/feed.xml', new Date('2026-06-01T10:00:00Z'));
      await store.saveFeed(feed);
      await store.saveFeed(
        newFeedRecord('https://example.org/a.xml', new Date('2026-06-01T11:00:00Z')),
      );
      const polled = {
        ...feed,
        title: 'A Podcast',
        etag: '"v1"',
        lastModified: 'Mon, 01 Jun 2026 09:00:00 GMT',
        lastCheckedAt: '2026-06-01T12:00:00.000Z',
        lastChangedAt: '2026-06-01T12:00:00.000Z',
        lastStatus: 'OK' as const,
        lastError: null,
        episodeCount: 3,
        nextCheckAt: '2026-06-01T13:00:00.000Z',
      };
      await store.saveFeed(polled);
      expect(await store.listFeeds()).toEqual([
        newFeedRecord('https://example.org/a.xml', new Date('2026-06-01T11:00:00Z')),
        polled,
      ]);
      // A later status with fewer fields clears the ones it leaves null.
      const failed = {
        ...polled,
        lastStatus: 'TIMEOUT' as const,
        lastError: 'no answer within 10 s',
        etag: null,
      };
      await store.saveFeed(failed);
      expect((await store.listFeeds())[1]).toEqual(failed);
      expect(await store.removeFeed(feed.url)).toBe(true);
      expect(await store.removeFeed(feed.url)).toBe(false);
      expect((await store.listFeeds()).map((f) => f.url)).toEqual(['https://example.org/a.xml']);
      await store.removeFeed('https://example.org/a.xml');
    });
  });
}
