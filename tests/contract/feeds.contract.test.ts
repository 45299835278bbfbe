// Feed fidelity on every store (tests/helpers/stores.ts): readings without a link, what an RSS item
// says about its episode, titles that follow the newest evidence. Fixtures in tests/feeds/fixtures/.
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { episodeIdFor } from '../../server/src/domain/episodeId.ts';
import { importFeedFile } from '../../server/src/import/pipeline.ts';
import type { GraphStore } from '../../server/src/store/store.ts';
import { arxivPaper, batchOf, episode } from '../helpers/batchBuilder.ts';
import { storeFactories } from '../helpers/stores.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../feeds/fixtures/${name}`, import.meta.url));

const RESNET = 'arxiv:1512.03385';
const HIGHWAY = 'arxiv:1505.00387';
const SOURCE = 'arxiv:2606.01234';

for (const factory of storeFactories()) {
  const title = factory.skipReason ? `${factory.name} store (skipped: ${factory.skipReason})` : `${factory.name} store`;

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
        { title: 'Batch Normalization: Accelerating Deep Network Training', note: 'Normalising activations, also without a link.' },
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
      const glued = arxivPaper('1512.03385', 'Attention Is All You Need: the transformer paper, no link given. - Deep Residual Learning');
      const earlier = episode({ title: 'Earlier', source: arxivPaper('2601.00001', null), recommends: [glued] });
      await store.importBatch(batchOf([earlier], [glued, arxivPaper('2601.00001', null)]));
      expect((await store.papersByIds([RESNET]))[0]?.title).toBe(glued.title);

      await store.importBatch(await importFeedFile(fixture('unlinked-reading.txt')));
      expect((await store.papersByIds([RESNET]))[0]?.title).toBe('Deep Residual Learning for Image Recognition');
      // A batch that only mentions the paper (no title) keeps the stored one.
      const untitled = arxivPaper('1512.03385', null);
      const later = episode({ title: 'Later', source: arxivPaper('2601.00002', null), recommends: [untitled] });
      await store.importBatch(batchOf([later], [untitled, arxivPaper('2601.00002', null)]));
      expect((await store.papersByIds([RESNET]))[0]?.title).toBe('Deep Residual Learning for Image Recognition');
    });
  });
}
