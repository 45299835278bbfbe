// Texts counted elsewhere (on an import's parse worker, by another tokenizer, in another order) or
// kept from an earlier build give exactly the relations and clusters of texts tokenized by the
// index itself: term ids are renumbered as a fresh tokenizer would number them.
import { afterEach, describe, expect, it } from 'vitest';

import type { ImportBatch } from '../../server/src/domain/model.ts';
import { countTexts } from '../../server/src/import/parseFeedWorker.ts';
import { offerCountedBatch } from '../../server/src/relations/countedTexts.ts';
import { episodeParts } from '../../server/src/relations/episodeDocument.ts';
import { EpisodeTerms } from '../../server/src/relations/episodeTerms.ts';
import { type RelationCorpus, RelationIndex } from '../../server/src/relations/relationIndex.ts';
import type { CountedBatch } from '../../server/src/relations/terms.ts';
import { RelationKeeper } from '../../server/src/store/shared/relationKeeper.ts';
import { corpusOf, SEED, THREE_TOPICS } from './corpus.ts';

/** Every episode's relations and the clusters, as plain data. */
function everything(index: RelationIndex) {
  return {
    relations: index.episodeIds().map((id) => [id, index.relationsOf(id, 50)]),
    clusters: index.clusters(),
  };
}

function textsOf(corpus: RelationCorpus): string[][] {
  return corpus.episodes.map((episode) =>
    episodeParts(episode, (id) => corpus.paperTitles.get(id) ?? null),
  );
}

const withdrawals: (() => void)[] = [];
afterEach(() => {
  for (const withdraw of withdrawals.splice(0)) withdraw();
});

describe.each([
  ['the seed', SEED],
  ['the three-topic feed', THREE_TOPICS],
] as [string, ImportBatch][])('%s', (_, batch) => {
  const corpus = corpusOf(batch);

  it('gives the same relations from texts counted on a worker, in reverse order', async () => {
    const own = everything(RelationIndex.build(corpus));
    // Reversed, so the worker's tokenizer numbers the terms differently from the index.
    withdrawals.push(offerCountedBatch(await countTexts(textsOf(corpus).reverse())));
    const terms = new EpisodeTerms();
    const counted = everything(RelationIndex.build(corpus, {}, terms));
    expect(counted).toEqual(own);
  });

  it('uses the texts a worker counted rather than tokenizing them again', async () => {
    // Each episode offered under its own hash with another episode's counted text: if the index
    // took them, its relations differ from its own counting.
    const own = everything(RelationIndex.build(corpus));
    const texts = textsOf(corpus);
    const shifted = await countTexts([...texts.slice(1), texts[0]!]);
    const original = await countTexts(texts);
    shifted.hashes.splice(0, Infinity, ...original.hashes);
    withdrawals.push(offerCountedBatch(shifted));
    const taken = everything(RelationIndex.build(corpus, {}, new EpisodeTerms()));
    expect(taken).not.toEqual(own);
  });

  /**
   * A first import's rows from a keeper that adopted the batch while it was offered during the
   * import, and no longer finds it offered when it keeps the relations.
   */
  async function rowsAdopting(counted: CountedBatch) {
    const keeper = new RelationKeeper(() => ({ ...corpus, episodes: [], clusters: [] }));
    const stopAdopting = keeper.adoptCountedTexts();
    offerCountedBatch(counted)();
    const rows = await keeper.rowsFor({ ...corpus, removedEpisodeIds: [] });
    stopAdopting();
    return rows;
  }

  it('adopts the texts counted for an import as they are offered, with the same relations', async () => {
    const own = await new RelationKeeper(() => ({ ...corpus, episodes: [], clusters: [] })).rowsFor(
      {
        ...corpus,
        removedEpisodeIds: [],
      },
    );
    expect(await rowsAdopting(await countTexts(textsOf(corpus).reverse()))).toEqual(own);
    // Each episode under its own hash with another episode's counted text: only what the keeper
    // adopted when it was offered can make its relations differ.
    const texts = textsOf(corpus);
    const shifted = await countTexts([...texts.slice(1), texts[0]!]);
    const original = await countTexts(texts);
    shifted.hashes.splice(0, Infinity, ...original.hashes);
    expect(await rowsAdopting(shifted)).not.toEqual(own);
  });

  it('gives the same relations when a rebuild reuses the counted texts of the last build', () => {
    const terms = new EpisodeTerms();
    const half = { ...corpus, episodes: corpus.episodes.filter((_, i) => i % 2 === 1) };
    RelationIndex.build(half, {}, terms);
    const reused = everything(RelationIndex.build(corpus, {}, terms));
    expect(reused).toEqual(everything(RelationIndex.build(corpus)));
  });
});
