// A suite whose setup gave up while its import ran (a timed-out hook) must not leave that import to
// land in the next suite's freshly wiped database: the factory's cleanup drains it first.
import { afterAll, describe, expect, it } from 'vitest';

import type { GraphStore } from '../../server/src/store/store.ts';
import { generateCorpus } from '../helpers/batchBuilder.ts';
import { neo4jStoreFactory, neo4jTestSettings } from '../helpers/neo4j.ts';

const settings = neo4jTestSettings();
const corpus = generateCorpus({
  episodes: 300,
  papers: 200,
  recommendationsPerEpisode: 4,
  seed: 7,
});

describe.skipIf(settings.skipReason !== undefined)('the Neo4j test factory', () => {
  let leftImporting: Promise<unknown> | undefined;

  describe('a suite that leaves its import running and never closes its store', () => {
    const factory = neo4jStoreFactory();
    afterAll(() => factory.cleanup());

    it('starts an import it does not wait for', async () => {
      const store = await factory.create();
      leftImporting = store.importBatch(corpus);
    });
  });

  describe('the next suite', () => {
    const factory = neo4jStoreFactory();
    let store: GraphStore;
    afterAll(async () => {
      await store.close();
      await factory.cleanup();
    });

    it('starts empty, after the earlier import ended', async () => {
      store = await factory.create();
      await expect(leftImporting).resolves.toBeDefined();
      expect((await store.stats()).episodes).toBe(0);
    });
  });
});
