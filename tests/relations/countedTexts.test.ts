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
    shifted.texts.forEach((text, i) => (text.hash = original.texts[i]!.hash));
    withdrawals.push(offerCountedBatch(shifted));
    const taken = everything(RelationIndex.build(corpus, {}, new EpisodeTerms()));
    expect(taken).not.toEqual(own);
  });

  it('gives the same relations when a rebuild reuses the counted texts of the last build', () => {
    const terms = new EpisodeTerms();
    const half = { ...corpus, episodes: corpus.episodes.filter((_, i) => i % 2 === 1) };
    RelationIndex.build(half, {}, terms);
    const reused = everything(RelationIndex.build(corpus, {}, terms));
    expect(reused).toEqual(everything(RelationIndex.build(corpus)));
  });
});
